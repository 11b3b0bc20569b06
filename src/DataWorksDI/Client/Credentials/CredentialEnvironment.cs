using System.IO;
using System.Runtime.InteropServices;

namespace DataWorksDI.Client.Credentials
{
    /// <summary>
    /// Where credential providers read environment variables and the home directory. The module uses the process
    /// environment; tests pass a dictionary, so most of them need no real environment variables.
    /// </summary>
    internal interface ICredentialEnvironment
    {
        /// <summary>The variable's value, or null when it is unset or empty.</summary>
        string Get(string name);
    }

    /// <summary>The real process environment.</summary>
    internal sealed class ProcessCredentialEnvironment : ICredentialEnvironment
    {
        public static readonly ProcessCredentialEnvironment Instance = new ProcessCredentialEnvironment();

        public string Get(string name)
        {
            string value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }
    }

    /// <summary>A fixed set of variables (tests).</summary>
    internal sealed class DictionaryCredentialEnvironment : ICredentialEnvironment
    {
        private readonly Dictionary<string, string> _values;

        public DictionaryCredentialEnvironment(IDictionary<string, string> values = null)
        {
            _values = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        }

        public string this[string name]
        {
            set => _values[name] = value;
        }

        public string Get(string name) => _values.TryGetValue(name, out string v) && !string.IsNullOrEmpty(v) ? v : null;
    }

    /// <summary>The variable names the default chain reads (the official libraries' names) and small helpers.</summary>
    internal static class CredentialVariables
    {
        public const string AccessKeyId = "ALIBABA_CLOUD_ACCESS_KEY_ID";
        public const string AccessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
        public const string SecurityToken = "ALIBABA_CLOUD_SECURITY_TOKEN";
        public const string RoleArn = "ALIBABA_CLOUD_ROLE_ARN";
        public const string OidcProviderArn = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
        public const string OidcTokenFile = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
        public const string RoleSessionName = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
        public const string Profile = "ALIBABA_CLOUD_PROFILE";
        public const string CliProfileDisabled = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
        public const string CredentialsFile = "ALIBABA_CLOUD_CREDENTIALS_FILE";
        public const string EcsMetadata = "ALIBABA_CLOUD_ECS_METADATA";
        public const string EcsMetadataDisabled = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
        public const string ImdsV1Disabled = "ALIBABA_CLOUD_IMDSV1_DISABLED";
        public const string CredentialsUri = "ALIBABA_CLOUD_CREDENTIALS_URI";
        public const string StsEndpoint = "ALIBABA_CLOUD_STS_ENDPOINT";
        public const string StsRegion = "ALIBABA_CLOUD_STS_REGION";
        public const string VpcEndpointEnabled = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";

        /// <summary>Ours (the official libraries hard-code 100.100.100.200): the metadata service's base URL, for emulators and tests.</summary>
        public const string EcsMetadataEndpoint = "DATAWORKSDI_ECS_METADATA_ENDPOINT";

        public static bool IsTrue(this ICredentialEnvironment env, string name) =>
            string.Equals(env.Get(name)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>The home directory the aliyun CLI and the official libraries use: USERPROFILE on Windows, HOME elsewhere.</summary>
        public static string HomeDirectory(this ICredentialEnvironment env)
        {
            string home = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? env.Get("USERPROFILE") ?? env.Get("HOME") : env.Get("HOME");
            if (!string.IsNullOrEmpty(home)) return home;
            if (env is ProcessCredentialEnvironment) return Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return null;
        }

        /// <summary>Shows a path with the home directory as ~, for messages.</summary>
        public static string Tilde(this ICredentialEnvironment env, string path)
        {
            string home = env.HomeDirectory();
            if (!string.IsNullOrEmpty(home) && path.StartsWith(home.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return "~" + path.Substring(home.TrimEnd(Path.DirectorySeparatorChar).Length);
            return path;
        }
    }
}
