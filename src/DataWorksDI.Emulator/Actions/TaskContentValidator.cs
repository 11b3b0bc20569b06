namespace DataWorksDI.Emulator.Actions
{
    /// <summary>
    /// Checks a batch ("script mode") TaskContent against the documented shape (dataworks-api.md §6.1) without
    /// re-modelling it: the caller stores the original text verbatim.
    /// </summary>
    public static class TaskContentValidator
    {
        /// <summary>Returns null when valid, else the reason; <paramref name="dataSources"/> gets every step's data source names.</summary>
        public static string Validate(string content, List<string> dataSources)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(content);
            }
            catch (JsonException e)
            {
                return "it is not valid JSON (" + e.Message + ").";
            }
            using (doc)
            {
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return "it must be a JSON object.";
                if (root.TryGetProperty("job", out JsonElement job) && job.ValueKind == JsonValueKind.Object && job.TryGetProperty("content", out _))
                    return "the open-source DataX shape {\"job\":{\"content\":[…]}} is not accepted; use {\"type\":\"job\",\"version\":\"2.0\",\"steps\":[…],\"setting\":{…},\"order\":{\"hops\":[…]}}.";
                if (!IsString(root, "type", out string type) || type != "job") return "\"type\" must be \"job\".";
                if (!IsString(root, "version", out string version) || version != "2.0") return "\"version\" must be \"2.0\".";
                if (!root.TryGetProperty("steps", out JsonElement steps) || steps.ValueKind != JsonValueKind.Array || steps.GetArrayLength() == 0)
                    return "\"steps\" must be a non-empty array.";

                var names = new HashSet<string>(StringComparer.Ordinal);
                int readers = 0, writers = 0, index = 0;
                foreach (JsonElement step in steps.EnumerateArray())
                {
                    string where = "steps[" + index++ + "]";
                    if (step.ValueKind != JsonValueKind.Object) return where + " must be an object.";
                    if (!IsString(step, "stepType", out string stepType) || stepType.Length == 0) return where + ".stepType must be a non-empty string (the plugin, e.g. mysql).";
                    if (!IsString(step, "name", out string name) || name.Length == 0) return where + ".name must be a non-empty string.";
                    if (!names.Add(name)) return "step name \"" + name + "\" is used twice.";
                    if (!IsString(step, "category", out string category) || (category != "reader" && category != "writer"))
                        return where + ".category must be \"reader\" or \"writer\".";
                    if (category == "reader") readers++; else writers++;
                    if (!step.TryGetProperty("parameter", out JsonElement parameter) || parameter.ValueKind != JsonValueKind.Object)
                        return where + ".parameter must be an object.";
                    CollectDataSources(parameter, dataSources);
                }
                if (readers == 0) return "at least one step must be a reader.";
                if (writers == 0) return "at least one step must be a writer.";

                if (root.TryGetProperty("setting", out JsonElement setting) && setting.ValueKind != JsonValueKind.Object && setting.ValueKind != JsonValueKind.Null)
                    return "\"setting\" must be an object.";
                if (!root.TryGetProperty("order", out JsonElement order) || order.ValueKind != JsonValueKind.Object)
                    return "\"order\" must be an object with \"hops\".";
                if (!order.TryGetProperty("hops", out JsonElement hops) || hops.ValueKind != JsonValueKind.Array || hops.GetArrayLength() == 0)
                    return "\"order.hops\" must be a non-empty array.";
                foreach (JsonElement hop in hops.EnumerateArray())
                {
                    if (hop.ValueKind != JsonValueKind.Object || !IsString(hop, "from", out string from) || !IsString(hop, "to", out string to))
                        return "every hop must be {\"from\":\"<step name>\",\"to\":\"<step name>\"}.";
                    if (!names.Contains(from)) return "hop from \"" + from + "\" names no step.";
                    if (!names.Contains(to)) return "hop to \"" + to + "\" names no step.";
                }
            }
            return null;
        }

        private static void CollectDataSources(JsonElement parameter, List<string> into)
        {
            if (parameter.TryGetProperty("datasource", out JsonElement ds) && ds.ValueKind == JsonValueKind.String && ds.GetString().Length > 0)
                Add(into, ds.GetString());
            if (parameter.TryGetProperty("connection", out JsonElement conn) && conn.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement c in conn.EnumerateArray())
                {
                    if (c.ValueKind == JsonValueKind.Object && c.TryGetProperty("datasource", out JsonElement cds) && cds.ValueKind == JsonValueKind.String && cds.GetString().Length > 0)
                        Add(into, cds.GetString());
                }
            }
        }

        private static void Add(List<string> list, string name)
        {
            if (!list.Contains(name)) list.Add(name);
        }

        private static bool IsString(JsonElement o, string name, out string value)
        {
            value = null;
            if (!o.TryGetProperty(name, out JsonElement e) || e.ValueKind != JsonValueKind.String) return false;
            value = e.GetString();
            return true;
        }
    }
}
