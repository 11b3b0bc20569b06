using System.IO;
using Microsoft.Extensions.Configuration;

namespace DataWorksDI.Emulator.Options
{
    /// <summary>
    /// Everything the emulator can be told. Filled from the command line (<c>--data-dir x</c> → key <c>data-dir</c>),
    /// optionally from a JSON file named by <c>--config</c>; command-line values win over the file.
    /// </summary>
    public sealed class EmulatorOptions
    {
        public const string DefaultUrl = "http://127.0.0.1:8787";

        /// <summary>The most files <c>--seed-files</c> creates (a bound on start time and disk: about 1.5 KB a file).</summary>
        public const int MaxSeedFiles = 1_000_000;

        /// <summary>The well-known demo key pair (like Azurite's devstoreaccount1): public, documented, local only.</summary>
        public const string DemoAccessKeyId = "LTAI5tDataWorksEmulatorDemo";
        public const string DemoAccessKeySecret = "DataWorksEmulatorDemoSecretForLocalUseOnly";

        public string Urls { get; set; } = DefaultUrl;
        public string DataDirectory { get; set; } = DefaultDataDirectory();

        /// <summary>Key pairs accepted from configuration (kept in memory only, never written anywhere).</summary>
        public List<AccessKeyDefinition> AccessKeys { get; } = new List<AccessKeyDefinition>();

        /// <summary>Workspaces added to the demo tenant (created on start when their ProjectId does not exist yet).</summary>
        public List<WorkspaceDefinition> Workspaces { get; } = new List<WorkspaceDefinition>();

        /// <summary>Pre-deployment check rules (see docs/emulator.md, "Deployment failures").</summary>
        public List<DeploymentCheckRule> DeploymentChecks { get; } = new List<DeploymentCheckRule>();

        /// <summary>How long a deployment package stays pending (Status 0) before it settles.</summary>
        public TimeSpan DeploymentDelay { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>How long a real-time config generation process (GenerateDISyncTaskConfigFor…) stays "processing".</summary>
        public TimeSpan RealtimeGenerationDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>How long a started real-time instance stays WAIT before it is RUN.</summary>
        public TimeSpan RealtimeStartDelay { get; set; } = TimeSpan.FromSeconds(1);

        public FaultOptions Faults { get; } = new FaultOptions();

        /// <summary>
        /// Batch sync files the demo workspace holds at start (<see cref="State.BulkSeed"/>): missing ones are created, none
        /// twice; 0 = none.
        /// </summary>
        public int SeedFiles { get; set; }

        /// <summary>Maximum API calls per second per AccessKeyId; 0 = unlimited.</summary>
        public int QpsLimit { get; set; }

        /// <summary>
        /// Lifetime of every temporary key pair the emulator issues (STS, metadata service, credentials URI), overriding
        /// the requested DurationSeconds; null = as requested (STS, default 3600 s) or 1 hour. For refresh tests.
        /// </summary>
        public TimeSpan? StsCredentialLifetime { get; set; }

        /// <summary>
        /// The emulator process stops by itself when this process (e.g. the test run or PowerShell session that started it)
        /// has exited; null = it runs until stopped. Used by the program only, not by an in-process host.
        /// </summary>
        public int? ExitWithProcessId { get; set; }

        /// <summary>The RAM role the emulated ECS metadata service reports.</summary>
        public string EcsRamRoleName { get; set; } = "EmulatorEcsRole";

        /// <summary>
        /// When set, every admin endpoint (/_emulator/…, the metadata service under /latest/) requires it as
        /// <c>Authorization: Bearer &lt;token&gt;</c>; without it, admin endpoints are served on loopback binds only.
        /// </summary>
        public string AdminToken { get; set; }

        /// <summary>Things the operator should know about how the options were given (printed to stderr at start).</summary>
        public List<string> Warnings { get; } = new List<string>();

        /// <summary>Environment variables read for secrets (argv is visible to every user in the process list).</summary>
        public const string AccessKeyIdVariable = "DATAWORKSDI_EMULATOR_ACCESS_KEY_ID";
        public const string AccessKeySecretVariable = "DATAWORKSDI_EMULATOR_ACCESS_KEY_SECRET";
        public const string AdminTokenVariable = "DATAWORKSDI_EMULATOR_ADMIN_TOKEN";

        public static string DefaultDataDirectory()
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
            if (string.IsNullOrEmpty(root)) root = Path.GetTempPath();
            return Path.Combine(root, "DataWorksDI", "emulator");
        }

        /// <summary>The key pairs in force: the explicit/configured ones, or the demo key when none is given.</summary>
        public IReadOnlyList<AccessKeyDefinition> EffectiveAccessKeys()
        {
            if (AccessKeys.Count > 0) return AccessKeys;
            return new[] { new AccessKeyDefinition { AccessKeyId = DemoAccessKeyId, AccessKeySecret = DemoAccessKeySecret } };
        }

        /// <summary>The key printed at start: the first one in force.</summary>
        public string PrimaryAccessKeyId => EffectiveAccessKeys()[0].AccessKeyId;

        /// <summary>
        /// Builds options from configuration keys (command-line names), the environment (<paramref name="environment"/>,
        /// for the key pair and the admin token) and the <c>--config</c> file, in that order of precedence; throws
        /// <see cref="OptionsException"/> on bad values.
        /// </summary>
        public static EmulatorOptions FromConfiguration(IConfiguration configuration, Func<string, string> environment = null)
        {
            var options = new EmulatorOptions();
            string configFile = configuration["config"];
            if (!string.IsNullOrWhiteSpace(configFile)) ConfigFile.Apply(options, configFile);

            string envKeyId = environment?.Invoke(AccessKeyIdVariable);
            string envKeySecret = environment?.Invoke(AccessKeySecretVariable);
            if (!string.IsNullOrEmpty(envKeyId) || !string.IsNullOrEmpty(envKeySecret))
            {
                if (string.IsNullOrEmpty(envKeyId) || string.IsNullOrEmpty(envKeySecret))
                    throw new OptionsException(AccessKeyIdVariable + " and " + AccessKeySecretVariable + " must be set together.");
                options.AccessKeys.RemoveAll(k => k.AccessKeyId == envKeyId);
                options.AccessKeys.Insert(0, new AccessKeyDefinition { AccessKeyId = envKeyId, AccessKeySecret = envKeySecret });
            }
            string envAdminToken = environment?.Invoke(AdminTokenVariable);
            if (!string.IsNullOrEmpty(envAdminToken)) options.AdminToken = envAdminToken;
            string argAdminToken = configuration["admin-token"];
            if (!string.IsNullOrEmpty(argAdminToken))
            {
                options.AdminToken = argAdminToken;
                options.Warnings.Add("--admin-token on the command line is visible to every user of this machine in the process list; prefer "
                    + AdminTokenVariable + " or \"adminToken\" in the --config file.");
            }

            string urls = configuration["urls"];
            if (!string.IsNullOrWhiteSpace(urls)) options.Urls = urls;
            string dataDir = configuration["data-dir"];
            if (!string.IsNullOrWhiteSpace(dataDir)) options.DataDirectory = dataDir;

            string keyId = configuration["access-key-id"];
            string keySecret = configuration["access-key-secret"];
            if (!string.IsNullOrEmpty(keyId) || !string.IsNullOrEmpty(keySecret))
            {
                if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(keySecret))
                    throw new OptionsException("--access-key-id and --access-key-secret must be given together.");
                options.AccessKeys.RemoveAll(k => k.AccessKeyId == keyId);
                options.AccessKeys.Insert(0, new AccessKeyDefinition { AccessKeyId = keyId, AccessKeySecret = keySecret });
                options.Warnings.Add("--access-key-secret on the command line is visible to every user of this machine in the process list; prefer "
                    + AccessKeySecretVariable + " (with " + AccessKeyIdVariable + ") or \"accessKeys\" in the --config file.");
            }

            string delay = configuration["deployment-delay"];
            if (!string.IsNullOrWhiteSpace(delay)) options.DeploymentDelay = ParseDuration("--deployment-delay", delay);
            string generationDelay = configuration["realtime-generation-delay"];
            if (!string.IsNullOrWhiteSpace(generationDelay)) options.RealtimeGenerationDelay = ParseDuration("--realtime-generation-delay", generationDelay);
            string startDelay = configuration["realtime-start-delay"];
            if (!string.IsNullOrWhiteSpace(startDelay)) options.RealtimeStartDelay = ParseDuration("--realtime-start-delay", startDelay);

            ReadRatio(configuration, "fault-throttle-ratio", v => options.Faults.ThrottleRatio = v);
            ReadRatio(configuration, "fault-5xx-ratio", v => options.Faults.ServerErrorRatio = v);
            ReadRatio(configuration, "fault-drop-ratio", v => options.Faults.DropRatio = v);
            ReadRatio(configuration, "fault-5xx-after-ratio", v => options.Faults.ServerErrorAfterRatio = v);
            string latency = configuration["fault-latency-ms"];
            if (!string.IsNullOrWhiteSpace(latency)) options.Faults.LatencyMs = ParseInt("--fault-latency-ms", latency, 0, 600_000);
            string seed = configuration["fault-seed"];
            if (!string.IsNullOrWhiteSpace(seed)) options.Faults.Seed = ParseInt("--fault-seed", seed, int.MinValue, int.MaxValue);
            string seedFiles = configuration["seed-files"];
            if (!string.IsNullOrWhiteSpace(seedFiles)) options.SeedFiles = ParseInt("--seed-files", seedFiles, 0, MaxSeedFiles);
            string qps = configuration["qps-limit"];
            if (!string.IsNullOrWhiteSpace(qps)) options.QpsLimit = ParseInt("--qps-limit", qps, 0, 1_000_000);

            string stsLifetime = configuration["sts-credential-lifetime"];
            if (!string.IsNullOrWhiteSpace(stsLifetime)) options.StsCredentialLifetime = ParseDuration("--sts-credential-lifetime", stsLifetime);
            string exitWith = configuration["exit-with-process"];
            if (!string.IsNullOrWhiteSpace(exitWith)) options.ExitWithProcessId = ParseInt("--exit-with-process", exitWith, 1, int.MaxValue);
            string ecsRole = configuration["ecs-ram-role"];
            if (!string.IsNullOrWhiteSpace(ecsRole)) options.EcsRamRoleName = ecsRole.Trim();

            options.Validate();
            return options;
        }

        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(Urls)) throw new OptionsException("--urls must not be empty.");
            if (string.IsNullOrWhiteSpace(DataDirectory)) throw new OptionsException("--data-dir must not be empty.");
            if (DeploymentDelay < TimeSpan.Zero) throw new OptionsException("--deployment-delay must not be negative.");
            if (RealtimeGenerationDelay < TimeSpan.Zero) throw new OptionsException("--realtime-generation-delay must not be negative.");
            if (RealtimeStartDelay < TimeSpan.Zero) throw new OptionsException("--realtime-start-delay must not be negative.");
            Faults.Validate();
            if (QpsLimit < 0) throw new OptionsException("--qps-limit must not be negative.");
            if (SeedFiles < 0 || SeedFiles > MaxSeedFiles) throw new OptionsException("--seed-files must be between 0 and " + MaxSeedFiles + ".");
            if (StsCredentialLifetime.HasValue && StsCredentialLifetime.Value < TimeSpan.FromSeconds(1)) throw new OptionsException("--sts-credential-lifetime must be at least 1s.");
            if (string.IsNullOrWhiteSpace(EcsRamRoleName) || EcsRamRoleName.Contains('/')) throw new OptionsException("--ecs-ram-role must be a role name.");
            if (AdminToken != null && (AdminToken.Length < 16 || AdminToken.Any(char.IsWhiteSpace)))
                throw new OptionsException("The admin token must be at least 16 characters without spaces.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in AccessKeys)
            {
                key.Validate();
                if (!seen.Add(key.AccessKeyId)) throw new OptionsException("AccessKeyId '" + key.AccessKeyId + "' is configured twice.");
            }
            var ids = new HashSet<long>();
            foreach (var ws in Workspaces)
            {
                ws.Validate();
                if (!ids.Add(ws.ProjectId)) throw new OptionsException("Workspace " + ws.ProjectId + " is configured twice.");
            }
            foreach (var rule in DeploymentChecks) rule.Validate();
        }

        internal static TimeSpan ParseDuration(string name, string text)
        {
            text = text.Trim();
            double factor = 1;
            if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)) text = text.Substring(0, text.Length - 2);
            else if (text.EndsWith("s", StringComparison.OrdinalIgnoreCase)) { text = text.Substring(0, text.Length - 1); factor = 1000; }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || double.IsInfinity(value))
                throw new OptionsException(name + " must be a duration such as 500, 500ms or 3s.");
            return TimeSpan.FromMilliseconds(value * factor);
        }

        internal static int ParseInt(string name, string text, int min, int max)
        {
            if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
                throw new OptionsException(name + " must be an integer between " + min + " and " + max + ".");
            return value;
        }

        internal static double ParseRatio(string name, string text)
        {
            if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || value > 1)
                throw new OptionsException(name + " must be a ratio between 0 and 1.");
            return value;
        }

        private static void ReadRatio(IConfiguration configuration, string key, Action<double> set)
        {
            string text = configuration[key];
            if (!string.IsNullOrWhiteSpace(text)) set(ParseRatio("--" + key, text));
        }
    }

    public sealed class OptionsException : Exception
    {
        public OptionsException(string message) : base(message) { }
    }

    /// <summary>An AccessKey pair; with <see cref="SecurityToken"/> it behaves like STS temporary credentials.</summary>
    public sealed class AccessKeyDefinition
    {
        public string AccessKeyId { get; set; }
        public string AccessKeySecret { get; set; }
        public string SecurityToken { get; set; }
        public DateTimeOffset? Expiration { get; set; }

        /// <summary>The workspaces this key may use; null = every workspace. Others answer 403 (docs/emulator.md).</summary>
        public List<long> ProjectIds { get; set; }

        public bool IsSts => !string.IsNullOrEmpty(SecurityToken);

        public bool MayUse(long projectId) => ProjectIds == null || ProjectIds.Contains(projectId);

        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(AccessKeyId)) throw new OptionsException("An access key has no accessKeyId.");
            if (string.IsNullOrEmpty(AccessKeySecret)) throw new OptionsException("Access key '" + AccessKeyId + "' has no accessKeySecret.");
        }
    }

    public enum WorkspaceMode
    {
        Basic = 2,
        Standard = 3,
    }

    public sealed class WorkspaceDefinition
    {
        public long ProjectId { get; set; }
        public string Identifier { get; set; }
        public string Name { get; set; }
        public WorkspaceMode Mode { get; set; } = WorkspaceMode.Standard;
        /// <summary>Folder paths to create (with their parents). Empty: the demo folder set.</summary>
        public List<string> Folders { get; } = new List<string>();
        /// <summary>Data sources to create. Empty: the demo data-source set.</summary>
        public List<DataSourceDefinition> DataSources { get; } = new List<DataSourceDefinition>();

        public void Validate()
        {
            if (ProjectId <= 0) throw new OptionsException("A workspace needs a positive projectId.");
            if (string.IsNullOrWhiteSpace(Identifier)) throw new OptionsException("Workspace " + ProjectId + " needs an identifier.");
            foreach (var ds in DataSources) ds.Validate(ProjectId);
        }
    }

    public sealed class DataSourceDefinition
    {
        public string Name { get; set; }
        public string Type { get; set; } = "mysql";
        /// <summary>0 = development, 1 = production; one row per environment.</summary>
        public List<int> EnvTypes { get; } = new List<int>();

        public void Validate(long projectId)
        {
            if (string.IsNullOrWhiteSpace(Name)) throw new OptionsException("A data source of workspace " + projectId + " has no name.");
            foreach (int env in EnvTypes)
                if (env != 0 && env != 1) throw new OptionsException("Data source '" + Name + "': envTypes holds 0 (development) and/or 1 (production).");
        }
    }

    public enum DeploymentCheckOutcome
    {
        /// <summary>The package is rejected: Status 6.</summary>
        Reject,
        /// <summary>The package fails the pre-deployment check: CheckingStatus 7, Status stays 0.</summary>
        CheckFail,
        /// <summary>The package fails: Status 2 (DeployedItems Status 4 to production, 2 otherwise) with an ErrorMessage.</summary>
        Fail,
    }

    public enum DeploymentCheckStage
    {
        Any,
        Submit,
        Deploy,
    }

    /// <summary>A pre-deployment check: packages whose file name matches <see cref="FileNamePattern"/> (glob, * and ?) get <see cref="Outcome"/>.</summary>
    public sealed class DeploymentCheckRule
    {
        public string FileNamePattern { get; set; }
        public DeploymentCheckOutcome Outcome { get; set; }
        public DeploymentCheckStage Stage { get; set; } = DeploymentCheckStage.Any;

        public void Validate()
        {
            if (string.IsNullOrEmpty(FileNamePattern)) throw new OptionsException("A deployment check has no fileNamePattern.");
        }

        public bool Matches(string fileName, DeploymentCheckStage stage)
        {
            if (Stage != DeploymentCheckStage.Any && Stage != stage) return false;
            return Glob(FileNamePattern, 0, fileName ?? string.Empty, 0);
        }

        private static bool Glob(string p, int pi, string s, int si)
        {
            while (pi < p.Length)
            {
                char c = p[pi];
                if (c == '*')
                {
                    for (int k = si; k <= s.Length; k++)
                        if (Glob(p, pi + 1, s, k)) return true;
                    return false;
                }
                if (si >= s.Length) return false;
                if (c != '?' && c != s[si]) return false;
                pi++; si++;
            }
            return si == s.Length;
        }
    }

    /// <summary>Fault injection for reliability tests. One seeded draw per API call decides its fate.</summary>
    public sealed class FaultOptions
    {
        public double ThrottleRatio { get; set; }
        public double ServerErrorRatio { get; set; }
        public double DropRatio { get; set; }
        /// <summary>Share of calls whose action runs and commits before a 500/503 is answered (the answer is lost, the change is not).</summary>
        public double ServerErrorAfterRatio { get; set; }
        public int LatencyMs { get; set; }
        public int? Seed { get; set; }

        public bool Any => ThrottleRatio > 0 || ServerErrorRatio > 0 || DropRatio > 0 || ServerErrorAfterRatio > 0 || LatencyMs > 0;

        public void Validate()
        {
            foreach (var (name, v) in new[] { ("throttle", ThrottleRatio), ("5xx", ServerErrorRatio), ("drop", DropRatio), ("5xx-after", ServerErrorAfterRatio) })
                if (v < 0 || v > 1) throw new OptionsException("--fault-" + name + "-ratio must be between 0 and 1.");
            if (ThrottleRatio + ServerErrorRatio + DropRatio + ServerErrorAfterRatio > 1.0000001)
                throw new OptionsException("The fault ratios (throttle + 5xx + drop + 5xx-after) add up to more than 1.");
            if (LatencyMs < 0) throw new OptionsException("--fault-latency-ms must not be negative.");
        }
    }
}
