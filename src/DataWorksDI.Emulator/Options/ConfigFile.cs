using System.IO;

namespace DataWorksDI.Emulator.Options
{
    /// <summary>
    /// Reads the <c>--config</c> JSON file (format in docs/emulator.md). Unknown keys are errors, so a typo never
    /// silently leaves a default in place.
    /// </summary>
    internal static class ConfigFile
    {
        public static void Apply(EmulatorOptions options, string path)
        {
            string text;
            try { text = File.ReadAllText(path); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OptionsException("Cannot read config file '" + path + "': " + e.Message);
            }
            JsonDocument doc;
            try { doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
            catch (JsonException e) { throw new OptionsException("Config file '" + path + "' is not valid JSON: " + e.Message); }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new OptionsException("Config file '" + path + "' must hold a JSON object.");
                foreach (var prop in doc.RootElement.EnumerateObject())
                {
                    var v = prop.Value;
                    switch (prop.Name)
                    {
                        case "urls": options.Urls = Str(v, prop.Name); break;
                        case "dataDir": options.DataDirectory = Str(v, prop.Name); break;
                        case "deploymentDelay": options.DeploymentDelay = Duration(v, prop.Name); break;
                        case "realtimeGenerationDelay": options.RealtimeGenerationDelay = Duration(v, prop.Name); break;
                        case "realtimeStartDelay": options.RealtimeStartDelay = Duration(v, prop.Name); break;
                        case "qpsLimit": options.QpsLimit = Int(v, prop.Name); break;
                        case "seedFiles": options.SeedFiles = Int(v, prop.Name); break;
                        case "accessKeys":
                            foreach (var item in Arr(v, prop.Name)) options.AccessKeys.Add(ReadKey(item));
                            break;
                        case "workspaces":
                            foreach (var item in Arr(v, prop.Name)) options.Workspaces.Add(ReadWorkspace(item));
                            break;
                        case "deploymentChecks":
                            foreach (var item in Arr(v, prop.Name)) options.DeploymentChecks.Add(ReadCheck(item));
                            break;
                        case "faults": ReadFaults(options.Faults, v); break;
                        case "adminToken": options.AdminToken = Str(v, prop.Name); break;
                        default: throw new OptionsException("Config file: unknown key '" + prop.Name + "'.");
                    }
                }
            }
        }

        private static AccessKeyDefinition ReadKey(JsonElement e)
        {
            var key = new AccessKeyDefinition();
            Keys(e, "accessKeys[]", p =>
            {
                switch (p.Name)
                {
                    case "accessKeyId": key.AccessKeyId = Str(p.Value, p.Name); break;
                    case "accessKeySecret": key.AccessKeySecret = Str(p.Value, p.Name); break;
                    case "securityToken": key.SecurityToken = Str(p.Value, p.Name); break;
                    case "expiration":
                        if (!DateTimeOffset.TryParse(Str(p.Value, p.Name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exp))
                            throw new OptionsException("Config file: accessKeys[].expiration must be an ISO 8601 time such as 2030-01-01T00:00:00Z.");
                        key.Expiration = exp;
                        break;
                    case "projectIds":
                        key.ProjectIds = new System.Collections.Generic.List<long>();
                        foreach (var id in Arr(p.Value, p.Name))
                        {
                            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out long projectId))
                                throw new OptionsException("Config file: accessKeys[].projectIds holds workspace ids (integers).");
                            key.ProjectIds.Add(projectId);
                        }
                        break;
                    default: return false;
                }
                return true;
            });
            return key;
        }

        private static WorkspaceDefinition ReadWorkspace(JsonElement e)
        {
            var ws = new WorkspaceDefinition();
            Keys(e, "workspaces[]", p =>
            {
                switch (p.Name)
                {
                    case "projectId": ws.ProjectId = p.Value.GetInt64(); break;
                    case "identifier": ws.Identifier = Str(p.Value, p.Name); break;
                    case "name": ws.Name = Str(p.Value, p.Name); break;
                    case "mode":
                        ws.Mode = OneOf(p, "workspaces[]", StringComparison.OrdinalIgnoreCase, ("standard", WorkspaceMode.Standard), ("basic", WorkspaceMode.Basic));
                        break;
                    case "folders":
                        foreach (var f in Arr(p.Value, p.Name)) ws.Folders.Add(Str(f, "folders[]"));
                        break;
                    case "dataSources":
                        foreach (var d in Arr(p.Value, p.Name)) ws.DataSources.Add(ReadDataSource(d));
                        break;
                    default: return false;
                }
                return true;
            });
            return ws;
        }

        private static DataSourceDefinition ReadDataSource(JsonElement e)
        {
            var ds = new DataSourceDefinition();
            Keys(e, "dataSources[]", p =>
            {
                switch (p.Name)
                {
                    case "name": ds.Name = Str(p.Value, p.Name); break;
                    case "type": ds.Type = Str(p.Value, p.Name); break;
                    case "envTypes":
                        foreach (var env in Arr(p.Value, p.Name)) ds.EnvTypes.Add(Int(env, "envTypes[]"));
                        break;
                    default: return false;
                }
                return true;
            });
            if (ds.EnvTypes.Count == 0) { ds.EnvTypes.Add(0); ds.EnvTypes.Add(1); }
            return ds;
        }

        private static DeploymentCheckRule ReadCheck(JsonElement e)
        {
            var rule = new DeploymentCheckRule();
            bool hasOutcome = false;
            Keys(e, "deploymentChecks[]", p =>
            {
                switch (p.Name)
                {
                    case "fileNamePattern": rule.FileNamePattern = Str(p.Value, p.Name); break;
                    case "outcome":
                        rule.Outcome = OneOf(p, "deploymentChecks[]", StringComparison.Ordinal,
                            ("reject", DeploymentCheckOutcome.Reject), ("checkFail", DeploymentCheckOutcome.CheckFail), ("fail", DeploymentCheckOutcome.Fail));
                        hasOutcome = true;
                        break;
                    case "stage":
                        rule.Stage = OneOf(p, "deploymentChecks[]", StringComparison.Ordinal,
                            ("any", DeploymentCheckStage.Any), ("submit", DeploymentCheckStage.Submit), ("deploy", DeploymentCheckStage.Deploy));
                        break;
                    default: return false;
                }
                return true;
            });
            if (!hasOutcome) throw new OptionsException("Config file: deploymentChecks[] needs an outcome ('reject', 'checkFail' or 'fail').");
            return rule;
        }

        private static void ReadFaults(FaultOptions faults, JsonElement e)
        {
            Keys(e, "faults", p =>
            {
                switch (p.Name)
                {
                    case "throttleRatio": faults.ThrottleRatio = p.Value.GetDouble(); break;
                    case "serverErrorRatio": faults.ServerErrorRatio = p.Value.GetDouble(); break;
                    case "dropRatio": faults.DropRatio = p.Value.GetDouble(); break;
                    case "serverErrorAfterRatio": faults.ServerErrorAfterRatio = p.Value.GetDouble(); break;
                    case "latencyMs": faults.LatencyMs = Int(p.Value, p.Name); break;
                    case "seed": faults.Seed = Int(p.Value, p.Name); break;
                    default: return false;
                }
                return true;
            });
        }

        /// <summary>
        /// Reads each key of the object at <paramref name="path"/> with <paramref name="read"/>, which answers whether it
        /// knows the key: an unknown key is an error (so a typo never silently leaves a default in place).
        /// </summary>
        private static void Keys(JsonElement v, string path, Func<JsonProperty, bool> read)
        {
            foreach (var p in Obj(v, path))
                if (!read(p)) throw new OptionsException("Config file: unknown key '" + path + "." + p.Name + "'.");
        }

        /// <summary>The value whose text the key's string is (compared by <paramref name="comparison"/>); other text is an error that names the texts.</summary>
        private static T OneOf<T>(JsonProperty p, string path, StringComparison comparison, params (string Text, T Value)[] choices)
        {
            string text = Str(p.Value, p.Name);
            foreach (var (name, value) in choices)
                if (string.Equals(text, name, comparison)) return value;
            string names = string.Join(", ", choices.SkipLast(1).Select(c => "'" + c.Text + "'")) + " or '" + choices[^1].Text + "'";
            throw new OptionsException("Config file: " + path + "." + p.Name + " is " + names + ".");
        }

        /// <summary>A duration: a number of milliseconds, or text such as "500ms" or "2s".</summary>
        private static TimeSpan Duration(JsonElement v, string name) =>
            v.ValueKind == JsonValueKind.Number ? TimeSpan.FromMilliseconds(v.GetDouble()) : EmulatorOptions.ParseDuration(name, Str(v, name));

        private static string Str(JsonElement v, string name)
        {
            if (v.ValueKind != JsonValueKind.String) throw new OptionsException("Config file: '" + name + "' must be a string.");
            return v.GetString();
        }

        private static int Int(JsonElement v, string name)
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i)) throw new OptionsException("Config file: '" + name + "' must be an integer.");
            return i;
        }

        private static JsonElement.ArrayEnumerator Arr(JsonElement v, string name)
        {
            if (v.ValueKind != JsonValueKind.Array) throw new OptionsException("Config file: '" + name + "' must be an array.");
            return v.EnumerateArray();
        }

        private static JsonElement.ObjectEnumerator Obj(JsonElement v, string name)
        {
            if (v.ValueKind != JsonValueKind.Object) throw new OptionsException("Config file: '" + name + "' must be an object.");
            return v.EnumerateObject();
        }
    }
}
