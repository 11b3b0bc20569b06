namespace DataWorksDI.Client.Credentials
{
    /// <summary>The chain's answer: the provider that won (kept for the session, so temporary credentials refresh), its region and what was passed over.</summary>
    internal sealed class CredentialResolution
    {
        internal CredentialResolution(ICredentialProvider provider, string region, IReadOnlyList<string> passedOver)
        {
            Provider = provider;
            Region = region;
            PassedOver = passedOver;
        }

        public ICredentialProvider Provider { get; }

        /// <summary>The profile's region_id, when the winner is a profile that has one.</summary>
        public string Region { get; }

        /// <summary>The sources looked at before the winner and why each was passed over (for -Debug; never a secret).</summary>
        public IReadOnlyList<string> PassedOver { get; }
    }

    /// <summary>
    /// Finds credentials the way the official libraries' default chain and the aliyun CLI do (../shared/spec/signing.md §5):
    /// <list type="number">
    /// <item>ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN);</item>
    /// <item>ALIBABA_CLOUD_ROLE_ARN + ALIBABA_CLOUD_OIDC_PROVIDER_ARN + ALIBABA_CLOUD_OIDC_TOKEN_FILE → AssumeRoleWithOIDC;</item>
    /// <item>~/.aliyun/config.json, profile ALIBABA_CLOUD_PROFILE else "current" (unless ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true);</item>
    /// <item>ALIBABA_CLOUD_CREDENTIALS_FILE or ~/.alibabacloud/credentials.ini, section ALIBABA_CLOUD_PROFILE else [default];</item>
    /// <item>the ECS instance RAM role via the metadata service (unless ALIBABA_CLOUD_ECS_METADATA_DISABLED=true);</item>
    /// <item>ALIBABA_CLOUD_CREDENTIALS_URI.</item>
    /// </list>
    /// Like the official chain, a source that is configured but fails is passed over (and reported) — except a named
    /// profile (-ProfileName or ALIBABA_CLOUD_PROFILE): it must exist and work, it is never replaced by other credentials.
    /// With -ProfileName only the two profile files are consulted.
    /// </summary>
    internal sealed class DefaultCredentialChain
    {
        private readonly ICredentialEnvironment _env;

        public DefaultCredentialChain(ICredentialEnvironment env = null)
        {
            _env = env ?? ProcessCredentialEnvironment.Instance;
        }

        public async Task<CredentialResolution> ResolveAsync(string profileName, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrWhiteSpace(profileName))
            {
                ProfileCredentials named = FindNamedProfile(profileName.Trim(), "-ProfileName");
                await named.Provider.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
                return new CredentialResolution(named.Provider, named.Region, new string[0]);
            }

            var passedOver = new List<string>();
            string envProfile = _env.Get(CredentialVariables.Profile);
            foreach (var (label, isProfileFile, create) in Sources(envProfile, passedOver))
            {
                bool named = envProfile != null && isProfileFile;
                ProfileCredentials candidate;
                try
                {
                    candidate = create();
                }
                catch (CredentialException ex)
                {
                    if (named) throw;
                    passedOver.Add($"{label}: {ex.Message}");
                    continue;
                }
                if (candidate == null) continue;
                try
                {
                    await candidate.Provider.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
                    return new CredentialResolution(candidate.Provider, candidate.Region, passedOver);
                }
                catch (CredentialException ex)
                {
                    if (named) throw;
                    passedOver.Add($"{label}: {ex.Message}");
                }
            }
            throw new CredentialException(CredentialException.NotFound,
                "No Alibaba Cloud credentials were found. Looked at, in order: " + string.Join("; ", passedOver) +
                ". Give -AccessKeyId/-AccessKeySecret or -Credential, -ProfileName, or configure one of these sources (see docs/credentials.md).");
        }

        /// <summary>A profile named explicitly: config.json first, then the INI file; missing from both is an error.</summary>
        private ProfileCredentials FindNamedProfile(string name, string how)
        {
            CliConfigFile cli = _env.IsTrue(CredentialVariables.CliProfileDisabled) ? null : CliConfigFile.Load(_env);
            if (cli != null && cli.Contains(name)) return cli.Create(name);
            CredentialsIniFile ini = CredentialsIniFile.Load(_env);
            if (ini != null && ini.Contains(name)) return ini.Create(name);
            string cliWhere = _env.IsTrue(CredentialVariables.CliProfileDisabled)
                ? "~/.aliyun/config.json (not read: ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)"
                : cli == null ? (CliConfigFile.DefaultPath(_env) is string p ? _env.Tilde(p) : "~/.aliyun/config.json") + " (no such file)" : $"{cli.DisplayPath} (profiles: {CliConfigFile.Describe(cli.ProfileNames)})";
            string iniWhere = ini == null ? CredentialsIniFile.DescribeLocation(_env) + " (no such file)" : $"{ini.DisplayPath} (sections: {CliConfigFile.Describe(ini.SectionNames)}{(ini.IsDisabledSection(name) ? $"; [{name}] has enable = false" : string.Empty)})";
            throw new CredentialException(CredentialException.ProfileNotFound,
                $"The profile '{name}' named by {how} does not exist. Looked in {cliWhere} and {iniWhere}. A named profile is never replaced by other credentials: fix the name or create the profile (for example: aliyun configure --profile {name}).");
        }

        private IEnumerable<(string Label, bool IsProfileFile, Func<ProfileCredentials> Create)> Sources(string envProfile, List<string> passedOver)
        {
            // 1. Environment variables.
            yield return ("environment variables", false, () =>
            {
                string id = _env.Get(CredentialVariables.AccessKeyId), secret = _env.Get(CredentialVariables.AccessKeySecret);
                if (id == null || secret == null)
                {
                    passedOver.Add($"environment variables: {CredentialVariables.AccessKeyId} and {CredentialVariables.AccessKeySecret} are not both set");
                    return null;
                }
                string token = _env.Get(CredentialVariables.SecurityToken);
                string label = token == null ? "environment variables (AccessKey)" : "environment variables (STS token)";
                return new ProfileCredentials(new StaticCredentialProvider(new AcsCredential(id, AcsCredential.ToSecureString(secret), AcsCredential.ToSecureString(token), null, label)), null);
            });

            // 2. OIDC role (RRSA).
            yield return ("OIDC role", false, () =>
            {
                string roleArn = _env.Get(CredentialVariables.RoleArn), providerArn = _env.Get(CredentialVariables.OidcProviderArn), tokenFile = _env.Get(CredentialVariables.OidcTokenFile);
                if (roleArn == null || providerArn == null || tokenFile == null)
                {
                    passedOver.Add($"OIDC role: {CredentialVariables.RoleArn}, {CredentialVariables.OidcProviderArn} and {CredentialVariables.OidcTokenFile} are not all set");
                    return null;
                }
                var role = new RoleSettings { RoleArn = roleArn, RoleSessionName = _env.Get(CredentialVariables.RoleSessionName) };
                return new ProfileCredentials(new OidcRoleArnCredentialProvider(role, providerArn, tokenFile, new StsClient(StsEndpoint.Resolve(_env)), "OIDC role from environment variables"), null);
            });

            // A profile named by ALIBABA_CLOUD_PROFILE must exist in one of the two files.
            if (envProfile != null) FindNamedProfileOrThrow(envProfile);

            // 3. The aliyun CLI's config.json.
            yield return ("~/.aliyun/config.json", true, () =>
            {
                if (_env.IsTrue(CredentialVariables.CliProfileDisabled))
                {
                    passedOver.Add($"~/.aliyun/config.json: not read ({CredentialVariables.CliProfileDisabled}=true)");
                    return null;
                }
                CliConfigFile cli = CliConfigFile.Load(_env);
                string name = envProfile ?? cli?.Current;
                if (cli == null || name == null || !cli.Contains(name))
                {
                    passedOver.Add(cli == null ? "~/.aliyun/config.json: no such file"
                        : name == null ? $"{cli.DisplayPath}: no current profile"
                        : $"{cli.DisplayPath}: no profile '{name}'");
                    return null;
                }
                return cli.Create(name);
            });

            // 4. The credentials INI file.
            yield return ("credentials file", true, () =>
            {
                CredentialsIniFile ini = CredentialsIniFile.Load(_env);
                string section = envProfile ?? "default";
                if (ini == null || !ini.Contains(section))
                {
                    passedOver.Add(ini == null ? $"{CredentialsIniFile.DescribeLocation(_env)}: no such file" : $"{ini.DisplayPath}: no section [{section}]");
                    return null;
                }
                return ini.Create(section);
            });

            // 5. ECS instance RAM role.
            yield return ("ECS instance RAM role", false, () =>
            {
                if (_env.IsTrue(CredentialVariables.EcsMetadataDisabled))
                {
                    passedOver.Add($"ECS instance RAM role: disabled ({CredentialVariables.EcsMetadataDisabled}=true)");
                    return null;
                }
                return new ProfileCredentials(EcsRamRoleCredentialProvider.FromEnvironment(_env, null, "ECS instance RAM role"), null);
            });

            // 6. Credentials URI.
            yield return ("credentials URI", false, () =>
            {
                string uri = _env.Get(CredentialVariables.CredentialsUri);
                if (uri == null)
                {
                    passedOver.Add($"credentials URI: {CredentialVariables.CredentialsUri} is not set");
                    return null;
                }
                return new ProfileCredentials(new CredentialsUriProvider(uri, "credentials URI from " + CredentialVariables.CredentialsUri), null);
            });
        }

        private void FindNamedProfileOrThrow(string name) => FindNamedProfile(name, CredentialVariables.Profile);
    }
}
