using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Credentials
{
    /// <summary>
    /// Each source of the default chain in isolation, with the same files the aliyun CLI and the official credentials
    /// library read (in a temporary home) and an injected environment; every credential is proven on the emulator's
    /// DataWorks API, temporary ones come from its STS and metadata service.
    /// </summary>
    public class ChainSourceTests
    {
        private static async Task<CredentialResolution> ResolveAndProve(TempHome home, string profile = null)
        {
            CredentialResolution r = await home.Chain.ResolveAsync(profile, CancellationToken.None);
            await CredentialEmulator.ProveAsync(r.Provider);
            return r;
        }

        private static JObject Profile(string name, string mode, object fields) =>
            new JObject(JObject.FromObject(fields).Properties()) { ["name"] = name, ["mode"] = mode };

        [Fact]
        public async Task Environment_AccessKey_and_STS_token()
        {
            using (var home = new TempHome())
            {
                var (id, secret) = home.NewKey();
                home.Env[CredentialVariables.AccessKeyId] = id;
                home.Env[CredentialVariables.AccessKeySecret] = secret;
                var r = await ResolveAndProve(home);
                Assert.Equal("environment variables (AccessKey)", r.Provider.Name);

                var (stsId, stsSecret, token) = home.Emulator.CreateAccessKey(sts: true);
                home.Env[CredentialVariables.AccessKeyId] = stsId;
                home.Env[CredentialVariables.AccessKeySecret] = stsSecret;
                home.Env[CredentialVariables.SecurityToken] = token;
                r = await ResolveAndProve(home);
                Assert.Equal("environment variables (STS token)", r.Provider.Name);
                Assert.True((await r.Provider.GetCredentialAsync(CancellationToken.None)).IsTemporary);
            }
        }

        [Fact]
        public async Task Oidc_role_from_environment_uses_AssumeRoleWithOIDC_and_the_session_name()
        {
            using (var home = new TempHome())
            {
                home.Env[CredentialVariables.RoleArn] = CredentialEmulator.RoleArn;
                home.Env[CredentialVariables.OidcProviderArn] = CredentialEmulator.OidcProviderArn;
                home.Env[CredentialVariables.OidcTokenFile] = home.WriteOidcTokenFile();
                home.Env[CredentialVariables.RoleSessionName] = "oidc-" + Guid.NewGuid().ToString("N").Substring(0, 8);
                var r = await ResolveAndProve(home);
                Assert.StartsWith("OIDC role from environment variables (AssumeRoleWithOIDC", r.Provider.Name);
                Assert.Contains(home.Emulator.IssuedCredentials(), c => (string)c["issuer"] == "AssumeRoleWithOIDC" && (string)c["roleSessionName"] == home.Env[CredentialVariables.RoleSessionName]);
            }
        }

        [Fact]
        public async Task Oidc_token_the_emulator_never_issued_fails_with_the_STS_code_and_no_token_in_the_message()
        {
            using (var home = new TempHome())
            {
                string tokenFile = Path.Combine(home.Root, "bad-token");
                string bogus = "eyJbogus" + Guid.NewGuid().ToString("N");
                SecretRegistry.Register(bogus);
                File.WriteAllText(tokenFile, bogus);
                home.Env[CredentialVariables.RoleArn] = CredentialEmulator.RoleArn;
                home.Env[CredentialVariables.OidcProviderArn] = CredentialEmulator.OidcProviderArn;
                home.Env[CredentialVariables.OidcTokenFile] = tokenFile;
                var ex = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync(null, CancellationToken.None));
                Assert.Equal(CredentialException.NotFound, ex.ErrorId);
                Assert.Contains("AuthenticationFail.OIDCToken.Invalid", ex.Message);
                Assert.DoesNotContain(bogus, ex.Message);
            }
        }

        [Fact]
        public async Task ConfigJson_AK_and_StsToken_profiles_with_region_from_current_or_ALIBABA_CLOUD_PROFILE()
        {
            using (var home = new TempHome())
            {
                var (id, secret) = home.NewKey();
                var (stsId, stsSecret, token) = home.Emulator.CreateAccessKey(sts: true);
                home.WriteProfiles("ak",
                    Profile("ak", "AK", new { access_key_id = id, access_key_secret = secret, region_id = "cn-shanghai" }),
                    Profile("sts", "StsToken", new { access_key_id = stsId, access_key_secret = stsSecret, sts_token = token, region_id = "cn-beijing" }));
                var r = await ResolveAndProve(home);
                Assert.Equal("cn-shanghai", r.Region);
                Assert.StartsWith("profile 'ak' (AK) in ~", r.Provider.Name);

                home.Env[CredentialVariables.Profile] = "sts";
                r = await ResolveAndProve(home);
                Assert.Equal("cn-beijing", r.Region);
                Assert.True((await r.Provider.GetCredentialAsync(CancellationToken.None)).IsTemporary);

                r = await ResolveAndProve(home, "ak");
                Assert.Equal("cn-shanghai", r.Region);
            }
        }

        [Fact]
        public async Task ConfigJson_RamRoleArn_and_ChainableRamRoleArn_assume_roles_through_STS()
        {
            using (var home = new TempHome())
            {
                var (id, secret) = home.NewKey();
                string session = "chain-" + Guid.NewGuid().ToString("N").Substring(0, 8);
                home.WriteProfiles("chained",
                    Profile("base", "AK", new { access_key_id = id, access_key_secret = secret }),
                    Profile("role", "RamRoleArn", new { access_key_id = id, access_key_secret = secret, ram_role_arn = CredentialEmulator.RoleArn, ram_session_name = session + "-a", expired_seconds = 900, region_id = "cn-hangzhou" }),
                    Profile("chained", "ChainableRamRoleArn", new { source_profile = "role", ram_role_arn = CredentialEmulator.RoleArn, ram_session_name = session + "-b", region_id = "cn-shenzhen" }));
                var r = await ResolveAndProve(home);
                Assert.Equal("cn-shenzhen", r.Region);
                var issued = home.Emulator.IssuedCredentials();
                JObject first = issued.Single(c => (string)c["roleSessionName"] == session + "-a");
                JObject second = issued.Single(c => (string)c["roleSessionName"] == session + "-b");
                Assert.Equal(id, (string)first["callerAccessKeyId"]);
                Assert.Equal((string)first["accessKeyId"], (string)second["callerAccessKeyId"]);

                r = await ResolveAndProve(home, "role");
                Assert.Contains("AssumeRole " + CredentialEmulator.RoleArn, r.Provider.Name);
            }
        }

        [Fact]
        public async Task ConfigJson_source_profile_loop_and_unsupported_mode_are_clear_errors()
        {
            using (var home = new TempHome())
            {
                home.WriteProfiles("a",
                    Profile("a", "ChainableRamRoleArn", new { source_profile = "b", ram_role_arn = CredentialEmulator.RoleArn }),
                    Profile("b", "ChainableRamRoleArn", new { source_profile = "a", ram_role_arn = CredentialEmulator.RoleArn }),
                    Profile("rsa", "RsaKeyPair", new { private_key = "x", key_pair_name = "y" }));
                var loop = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync("a", CancellationToken.None));
                Assert.Contains("loop", loop.Message);
                var rsa = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync("rsa", CancellationToken.None));
                Assert.Equal(CredentialException.InvalidProfile, rsa.ErrorId);
                Assert.Contains("RsaKeyPair", rsa.Message);
            }
        }

        [Fact]
        public async Task ConfigJson_EcsRamRole_OIDC_and_CredentialsURI_profiles()
        {
            using (var home = new TempHome())
            {
                string tokenFile = home.WriteOidcTokenFile();
                home.WriteProfiles("ecs",
                    Profile("ecs", "EcsRamRole", new { ram_role_name = "EmulatorEcsRole", region_id = "cn-hangzhou" }),
                    Profile("oidc", "OIDC", new { ram_role_arn = CredentialEmulator.RoleArn, oidc_provider_arn = CredentialEmulator.OidcProviderArn, oidc_token_file = tokenFile, ram_session_name = "oidc-profile" }),
                    Profile("uri", "CredentialsURI", new { credentials_uri = new Uri(home.Emulator.BaseAddress, "_emulator/credentials-uri").ToString() }));
                // A profile of mode EcsRamRole works even though the chain's own ECS step is disabled.
                var r = await ResolveAndProve(home);
                Assert.Contains("ECS RAM role EmulatorEcsRole", r.Provider.Name);
                r = await ResolveAndProve(home, "oidc");
                Assert.Contains("AssumeRoleWithOIDC", r.Provider.Name);
                r = await ResolveAndProve(home, "uri");
                Assert.Contains("/_emulator/credentials-uri", r.Provider.Name);
            }
        }

        [Fact]
        public async Task CredentialsIni_types_sections_comments_and_the_file_variable()
        {
            using (var home = new TempHome())
            {
                var (id, secret) = home.NewKey();
                string tokenFile = home.WriteOidcTokenFile();
                home.WriteIni($@"; the official credentials library's file
[default]
enable = true
type = access_key
access_key_id = {id}
access_key_secret = {secret}

# a role
[role]
type = ram_role_arn
access_key_id = {id}
access_key_secret = {secret}
role_arn = {CredentialEmulator.RoleArn}
role_session_name = ini-role

[ecs]
type = ecs_ram_role
role_name = EmulatorEcsRole

[oidc]
type = oidc_role_arn
role_arn = {CredentialEmulator.RoleArn}
oidc_provider_arn = {CredentialEmulator.OidcProviderArn}
oidc_token_file_path = {tokenFile}

[off]
enable = false
type = access_key
access_key_id = {id}
access_key_secret = {secret}
");
                var r = await ResolveAndProve(home);
                Assert.StartsWith("section [default] (access_key) in ~", r.Provider.Name);
                foreach (string section in new[] { "role", "ecs", "oidc" })
                {
                    home.Env[CredentialVariables.Profile] = section;
                    r = await ResolveAndProve(home);
                    Assert.StartsWith($"section [{section}]", r.Provider.Name);
                }
                home.Env[CredentialVariables.Profile] = "off";
                var off = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync(null, CancellationToken.None));
                Assert.Equal(CredentialException.ProfileNotFound, off.ErrorId);
                Assert.Contains("enable = false", off.Message);

                // ALIBABA_CLOUD_CREDENTIALS_FILE points elsewhere.
                string other = Path.Combine(home.Root, "elsewhere.ini");
                File.WriteAllText(other, $"[default]\ntype = access_key\naccess_key_id = {id}\naccess_key_secret = {secret}\nregion_id = cn-qingdao\n");
                home.Env.Remove(CredentialVariables.Profile);
                home.Env[CredentialVariables.CredentialsFile] = other;
                r = await ResolveAndProve(home);
                Assert.Equal("cn-qingdao", r.Region);
                Assert.Contains("elsewhere.ini", r.Provider.Name);
            }
        }

        [Fact]
        public async Task Ecs_metadata_role_discovered_through_IMDSv2_and_the_credentials_uri()
        {
            using (var home = new TempHome())
            {
                home.Env.Remove(CredentialVariables.EcsMetadataDisabled);
                home.Env[CredentialVariables.ImdsV1Disabled] = "true";
                var r = await ResolveAndProve(home);
                Assert.StartsWith("ECS instance RAM role", r.Provider.Name);
                Assert.True((await r.Provider.GetCredentialAsync(CancellationToken.None)).IsTemporary);

                home.Env[CredentialVariables.EcsMetadataDisabled] = "true";
                home.Env[CredentialVariables.CredentialsUri] = new Uri(home.Emulator.BaseAddress, "_emulator/credentials-uri?note=x").ToString();
                r = await ResolveAndProve(home);
                Assert.StartsWith("credentials URI from ALIBABA_CLOUD_CREDENTIALS_URI", r.Provider.Name);
                Assert.DoesNotContain("note=x", r.Provider.Name);
            }
        }

        [Fact]
        public async Task Ecs_metadata_service_that_is_not_there_fails_fast_and_is_passed_over()
        {
            using (var home = new TempHome())
            {
                home.Env.Remove(CredentialVariables.EcsMetadataDisabled);
                home.Env[CredentialVariables.EcsMetadataEndpoint] = "http://127.0.0.1:9"; // nothing listens on the discard port
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var ex = await Assert.ThrowsAsync<CredentialException>(() => home.Chain.ResolveAsync(null, CancellationToken.None));
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
                Assert.Equal(CredentialException.NotFound, ex.ErrorId);
                Assert.Contains("ECS instance RAM role", ex.Message);
                Assert.Contains("credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set", ex.Message);
            }
        }
    }
}
