using System.Globalization;
using System.IO;
using Newtonsoft.Json;

namespace DataWorksDI.Client.Credentials
{
    /// <summary>A profile found in one of the files: how to get its credentials and its region (may be null).</summary>
    internal sealed class ProfileCredentials
    {
        public ProfileCredentials(ICredentialProvider provider, string region)
        {
            Provider = provider;
            Region = region;
        }

        public ICredentialProvider Provider { get; }

        public string Region { get; }
    }

    /// <summary>
    /// The aliyun CLI's ~/.aliyun/config.json: <c>{"current": name, "profiles": [{name, mode, …}]}</c>. Modes AK,
    /// StsToken, RamRoleArn, EcsRamRole, ChainableRamRoleArn (source_profile), OIDC and CredentialsURI.
    /// Read only; never written.
    /// </summary>
    internal sealed class CliConfigFile
    {
        public static readonly string[] SupportedModes = { "AK", "StsToken", "RamRoleArn", "EcsRamRole", "ChainableRamRoleArn", "OIDC", "CredentialsURI" };

        private readonly Dictionary<string, JObject> _profiles;
        private readonly ICredentialEnvironment _env;

        private CliConfigFile(string path, string displayPath, string current, Dictionary<string, JObject> profiles, ICredentialEnvironment env)
        {
            Path = path;
            DisplayPath = displayPath;
            Current = current;
            _profiles = profiles;
            _env = env;
        }

        public string Path { get; }

        public string DisplayPath { get; }

        public string Current { get; }

        public IEnumerable<string> ProfileNames => _profiles.Keys;

        public static string DefaultPath(ICredentialEnvironment env)
        {
            string home = env.HomeDirectory();
            return string.IsNullOrEmpty(home) ? null : System.IO.Path.Combine(home, ".aliyun", "config.json");
        }

        /// <summary>The file, or null when it does not exist. A file that is not valid JSON is an error.</summary>
        public static CliConfigFile Load(ICredentialEnvironment env)
        {
            string path = DefaultPath(env);
            if (path == null || !File.Exists(path)) return null;
            string display = env.Tilde(path);
            JObject root;
            try
            {
                using (var reader = new JsonTextReader(new StringReader(File.ReadAllText(path))) { DateParseHandling = DateParseHandling.None })
                    root = JObject.Load(reader);
            }
            catch (JsonException ex)
            {
                throw new CredentialException(CredentialException.InvalidFile, $"{display} is not valid JSON (line {(ex as JsonReaderException)?.LineNumber.ToString(CultureInfo.InvariantCulture) ?? "?"}).");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CredentialException(CredentialException.InvalidFile, $"Cannot read {display}: {ex.Message}");
            }
            var profiles = new Dictionary<string, JObject>(StringComparer.Ordinal);
            if (root["profiles"] is JArray list)
            {
                foreach (JObject p in list.OfType<JObject>())
                {
                    string name = p.Value<string>("name");
                    if (!string.IsNullOrEmpty(name) && !profiles.ContainsKey(name)) profiles[name] = p;
                }
            }
            return new CliConfigFile(path, display, root.Value<string>("current"), profiles, env);
        }

        public bool Contains(string name) => name != null && _profiles.ContainsKey(name);

        public ProfileCredentials Create(string name) => Create(name, new HashSet<string>(StringComparer.Ordinal));

        private ProfileCredentials Create(string name, HashSet<string> visiting)
        {
            if (!_profiles.TryGetValue(name, out JObject p))
                throw new CredentialException(CredentialException.ProfileNotFound, $"Profile '{name}' is not in {DisplayPath} (profiles there: {Describe(_profiles.Keys)}).");
            if (!visiting.Add(name))
                throw new CredentialException(CredentialException.InvalidProfile, $"Profile '{name}' in {DisplayPath}: source_profile forms a loop ({string.Join(" → ", visiting)} → {name}).");
            string mode = Str(p, "mode");
            string label = $"profile '{name}' ({mode ?? "no mode"}) in {DisplayPath}";
            string region = Str(p, "region_id");
            ICredentialProvider provider;
            switch (mode)
            {
                case "AK":
                    provider = new StaticCredentialProvider(StaticKey(p, label, withToken: false));
                    break;
                case "StsToken":
                    provider = new StaticCredentialProvider(StaticKey(p, label, withToken: true));
                    break;
                case "RamRoleArn":
                    provider = new RamRoleArnCredentialProvider(new StaticCredentialProvider(StaticKey(p, label, withToken: false)), Role(p), Sts(p), label);
                    break;
                case "ChainableRamRoleArn":
                    string source = Str(p, "source_profile");
                    if (source == null) throw new CredentialException(CredentialException.InvalidProfile, $"{label}: source_profile is empty.");
                    ProfileCredentials inner = Create(source, visiting);
                    provider = new RamRoleArnCredentialProvider(inner.Provider, Role(p), Sts(p), label);
                    break;
                case "EcsRamRole":
                    provider = EcsRamRoleCredentialProvider.FromEnvironment(_env, Str(p, "ram_role_name"), label);
                    break;
                case "OIDC":
                    provider = new OidcRoleArnCredentialProvider(Role(p), Str(p, "oidc_provider_arn"), Str(p, "oidc_token_file"), Sts(p), label);
                    break;
                case "CredentialsURI":
                    string uri = Str(p, "credentials_uri") ?? _env.Get(CredentialVariables.CredentialsUri);
                    if (uri == null) throw new CredentialException(CredentialException.InvalidProfile, $"{label}: credentials_uri is empty.");
                    provider = new CredentialsUriProvider(uri, label);
                    break;
                default:
                    throw new CredentialException(CredentialException.InvalidProfile,
                        $"{label}: mode '{mode}' is not supported here (supported: {string.Join(", ", SupportedModes)}).");
            }
            visiting.Remove(name);
            return new ProfileCredentials(provider, region);
        }

        private static AcsCredential StaticKey(JObject p, string label, bool withToken)
        {
            string id = Str(p, "access_key_id");
            string secret = Str(p, "access_key_secret");
            if (id == null || secret == null) throw new CredentialException(CredentialException.InvalidProfile, $"{label}: access_key_id or access_key_secret is empty.");
            string token = withToken ? Str(p, "sts_token") : null;
            if (withToken && token == null) throw new CredentialException(CredentialException.InvalidProfile, $"{label}: sts_token is empty.");
            return new AcsCredential(id, AcsCredential.ToSecureString(secret), token == null ? null : AcsCredential.ToSecureString(token), null, label);
        }

        private static RoleSettings Role(JObject p)
        {
            int seconds = p["expired_seconds"] != null && p["expired_seconds"].Type == JTokenType.Integer ? p.Value<int>("expired_seconds") : 0;
            return new RoleSettings
            {
                RoleArn = Str(p, "ram_role_arn"),
                RoleSessionName = Str(p, "ram_session_name"),
                DurationSeconds = seconds > 0 ? seconds : RoleSettings.DefaultDurationSeconds,
                Policy = Str(p, "policy"),
                ExternalId = Str(p, "external_id"),
            };
        }

        private StsClient Sts(JObject p)
        {
            bool? vpc = p["enable_vpc"] != null && p["enable_vpc"].Type == JTokenType.Boolean ? p.Value<bool>("enable_vpc") : (bool?)null;
            return new StsClient(StsEndpoint.Resolve(_env, Str(p, "sts_endpoint"), Str(p, "sts_region"), vpc == true ? true : (bool?)null));
        }

        private static string Str(JObject p, string key)
        {
            JToken t = p[key];
            if (t == null || t.Type == JTokenType.Null) return null;
            string s = t.Type == JTokenType.String ? (string)t : t.ToString(Formatting.None);
            return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        }

        internal static string Describe(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list.Select(n => "'" + n + "'"));
        }
    }

    /// <summary>
    /// The official credentials libraries' INI file: ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials.ini
    /// (or ~/.alibabacloud/credentials, the name credentials-go reads). Sections of <c>key = value</c>; lines starting
    /// with ; or # are comments; <c>enable = false</c> switches a section off. Types access_key, ecs_ram_role,
    /// ram_role_arn, oidc_role_arn.
    /// </summary>
    internal sealed class CredentialsIniFile
    {
        public static readonly string[] SupportedTypes = { "access_key", "ecs_ram_role", "ram_role_arn", "oidc_role_arn" };

        private readonly Dictionary<string, Dictionary<string, string>> _sections;
        private readonly ICredentialEnvironment _env;

        private CredentialsIniFile(string displayPath, Dictionary<string, Dictionary<string, string>> sections, ICredentialEnvironment env)
        {
            DisplayPath = displayPath;
            _sections = sections;
            _env = env;
        }

        public string DisplayPath { get; }

        public IEnumerable<string> SectionNames => _sections.Keys;

        /// <summary>The path looked at (for messages): the variable's, else the .ini under the home directory.</summary>
        public static string DescribeLocation(ICredentialEnvironment env)
        {
            string explicitPath = env.Get(CredentialVariables.CredentialsFile);
            if (explicitPath != null) return explicitPath;
            string home = env.HomeDirectory();
            return home == null ? "~/.alibabacloud/credentials.ini" : env.Tilde(System.IO.Path.Combine(home, ".alibabacloud", "credentials.ini"));
        }

        /// <summary>The file, or null when it does not exist.</summary>
        public static CredentialsIniFile Load(ICredentialEnvironment env)
        {
            string path = env.Get(CredentialVariables.CredentialsFile);
            if (path == null)
            {
                string home = env.HomeDirectory();
                if (home == null) return null;
                path = System.IO.Path.Combine(home, ".alibabacloud", "credentials.ini");
                if (!File.Exists(path)) path = System.IO.Path.Combine(home, ".alibabacloud", "credentials");
            }
            if (!File.Exists(path)) return null;
            string display = env.Tilde(path);
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CredentialException(CredentialException.InvalidFile, $"Cannot read {display}: {ex.Message}");
            }
            var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            Dictionary<string, string> current = null;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (i == 0) line = line.TrimStart('\uFEFF');
                if (line.Length == 0 || line[0] == ';' || line[0] == '#') continue;
                if (line[0] == '[')
                {
                    int end = line.IndexOf(']');
                    if (end < 0) throw new CredentialException(CredentialException.InvalidFile, $"{display}, line {i + 1}: a section header must end with ']'.");
                    string name = line.Substring(1, end - 1).Trim();
                    if (!sections.TryGetValue(name, out current)) sections[name] = current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    continue;
                }
                int eq = line.IndexOf('=');
                if (eq <= 0) throw new CredentialException(CredentialException.InvalidFile, $"{display}, line {i + 1}: expected 'key = value'.");
                if (current == null) throw new CredentialException(CredentialException.InvalidFile, $"{display}, line {i + 1}: a key outside any [section].");
                string value = line.Substring(eq + 1).Trim();
                if (value.Length >= 2 && ((value[0] == '"' && value[value.Length - 1] == '"') || (value[0] == '\'' && value[value.Length - 1] == '\'')))
                    value = value.Substring(1, value.Length - 2);
                current[line.Substring(0, eq).Trim()] = value;
            }
            return new CredentialsIniFile(display, sections, env);
        }

        public bool Contains(string section) => section != null && _sections.TryGetValue(section, out var s) && !IsDisabled(s);

        public bool IsDisabledSection(string section) => section != null && _sections.TryGetValue(section, out var s) && IsDisabled(s);

        private static bool IsDisabled(Dictionary<string, string> s) => s.TryGetValue("enable", out string e) && string.Equals(e, "false", StringComparison.OrdinalIgnoreCase);

        public ProfileCredentials Create(string sectionName)
        {
            if (!_sections.TryGetValue(sectionName, out var s) || IsDisabled(s))
                throw new CredentialException(CredentialException.ProfileNotFound, $"Section [{sectionName}] is not in {DisplayPath} or is disabled (sections there: {CliConfigFile.Describe(_sections.Keys)}).");
            string Get(string key) => s.TryGetValue(key, out string v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            string type = Get("type");
            string label = $"section [{sectionName}] ({type ?? "no type"}) in {DisplayPath}";
            AcsCredential Key()
            {
                string id = Get("access_key_id"), secret = Get("access_key_secret");
                if (id == null || secret == null) throw new CredentialException(CredentialException.InvalidProfile, $"{label}: access_key_id or access_key_secret is empty.");
                return new AcsCredential(id, AcsCredential.ToSecureString(secret), null, null, label);
            }
            RoleSettings Role()
            {
                int seconds = int.TryParse(Get("role_session_expiration") ?? Get("duration_seconds"), NumberStyles.None, CultureInfo.InvariantCulture, out int d) ? d : RoleSettings.DefaultDurationSeconds;
                return new RoleSettings { RoleArn = Get("role_arn"), RoleSessionName = Get("role_session_name"), DurationSeconds = seconds, Policy = Get("policy") };
            }
            StsClient Sts() => new StsClient(StsEndpoint.Resolve(_env, Get("sts_endpoint"), Get("sts_region")));

            ICredentialProvider provider;
            switch (type)
            {
                case "access_key": provider = new StaticCredentialProvider(Key()); break;
                case "ecs_ram_role": provider = EcsRamRoleCredentialProvider.FromEnvironment(_env, Get("role_name"), label); break;
                case "ram_role_arn": provider = new RamRoleArnCredentialProvider(new StaticCredentialProvider(Key()), Role(), Sts(), label); break;
                case "oidc_role_arn": provider = new OidcRoleArnCredentialProvider(Role(), Get("oidc_provider_arn"), Get("oidc_token_file_path"), Sts(), label); break;
                default:
                    throw new CredentialException(CredentialException.InvalidProfile, $"{label}: type '{type}' is not supported (supported: {string.Join(", ", SupportedTypes)}).");
            }
            return new ProfileCredentials(provider, Get("region_id"));
        }
    }
}
