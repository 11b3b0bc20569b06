using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Credentials
{
    /// <summary>Tests that must set real environment variables (HOME, ALIBABA_CLOUD_*): never run in parallel with anything.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "Process environment";
    }

    /// <summary>Sets process environment variables (clearing every ALIBABA_CLOUD_* and DATAWORKSDI_* first) and restores them all.</summary>
    internal sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string> _saved = new Dictionary<string, string>();

        public EnvironmentScope(IDictionary<string, string> values)
        {
            var names = Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(n => n.StartsWith("ALIBABA_CLOUD_", StringComparison.Ordinal) || n.StartsWith("DATAWORKSDI_", StringComparison.Ordinal))
                .Concat(values.Keys).Distinct().ToList();
            foreach (string n in names) _saved[n] = Environment.GetEnvironmentVariable(n);
            foreach (string n in names) Environment.SetEnvironmentVariable(n, values.TryGetValue(n, out string v) ? v : null);
        }

        public void Set(string name, string value)
        {
            if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose()
        {
            foreach (var kv in _saved) Environment.SetEnvironmentVariable(kv.Key, kv.Value);
        }
    }

    [Collection(ProcessEnvironmentCollection.Name)]
    public class ProcessEnvironmentTests
    {
        private static Dictionary<string, object> Vars(TempHome home, Dictionary<string, object> extra = null)
        {
            var v = new Dictionary<string, object> { ["endpoint"] = home.Emulator.BaseAddress.ToString() };
            if (extra != null) foreach (var kv in extra) v[kv.Key] = kv.Value;
            return v;
        }

        private static System.Management.Automation.ErrorRecord FirstError(PSResult r) => r.Terminating?.ErrorRecord ?? r.Errors.FirstOrDefault();

        private static string ErrorId(PSResult r) => FirstError(r)?.FullyQualifiedErrorId.Split(',')[0];

        private static Dictionary<string, string> Snapshot(params string[] roots)
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string root in roots.Where(Directory.Exists))
                foreach (string f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                {
                    var info = new FileInfo(f);
                    files[f] = info.Length + "@" + info.LastWriteTimeUtc.Ticks;
                }
            return files;
        }

        [Fact]
        public void Connect_with_ProfileName_uses_config_json_its_region_and_says_which_source_won_without_secrets_and_writes_no_file()
        {
            using (var home = new TempHome())
            using (var env = new EnvironmentScope(home.Env))
            using (var ps = new PowerShellSession())
            {
                var (id, secret) = home.NewKey();
                string session = "ps-" + Guid.NewGuid().ToString("N").Substring(0, 8);
                home.WriteProfiles("default",
                    new JObject { ["name"] = "default", ["mode"] = "AK", ["access_key_id"] = "LTAI5tNotUsedHere", ["access_key_secret"] = "not-used-secret-1" },
                    new JObject { ["name"] = "deploy", ["mode"] = "RamRoleArn", ["access_key_id"] = id, ["access_key_secret"] = secret, ["ram_role_arn"] = CredentialEmulator.RoleArn, ["ram_session_name"] = session, ["region_id"] = "cn-shanghai" });
                SecretRegistry.Register("not-used-secret-1");
                string cwd = Directory.GetCurrentDirectory();
                var before = Snapshot(home.Root, RepoPaths.ModuleDirectory);
                var cwdBefore = Directory.GetFiles(cwd).ToList();

                PSResult r = ps.Run(@"
                    $ctx = Connect-DIWorkspace -ProfileName deploy -Endpoint $endpoint -ProjectId 10000 -Debug
                    $ctx.Region
                    $ctx.CredentialSource
                    (Get-DIWorkspace -ProjectId 10000 -Debug).ProjectId
                    Disconnect-DIWorkspace
                    [bool](Get-DIContext)", Vars(home));
                Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
                Assert.Equal("cn-shanghai", r.Output[0].ToString());
                Assert.Contains("profile 'deploy' (RamRoleArn)", r.Output[1].ToString());
                Assert.Equal(10000L, Convert.ToInt64(r.Output[2].BaseObject));
                Assert.False((bool)r.Output[3].BaseObject);
                Assert.Contains(r.Debug, d => d.Message.StartsWith("Credentials: profile 'deploy' (RamRoleArn)") && d.Message.Contains("temporary"));
                Assert.Contains(home.Emulator.IssuedCredentials(), c => (string)c["roleSessionName"] == session);

                Assert.Equal(before, Snapshot(home.Root, RepoPaths.ModuleDirectory));
                Assert.Equal(cwdBefore, Directory.GetFiles(cwd).ToList());
            }
        }

        [Fact]
        public void A_missing_profile_is_an_error_even_with_working_environment_credentials_and_nothing_prompts()
        {
            using (var home = new TempHome())
            using (var env = new EnvironmentScope(home.Env))
            using (var ps = new PowerShellSession())
            {
                var (id, secret) = home.NewKey();
                env.Set(CredentialVariables.AccessKeyId, id);
                env.Set(CredentialVariables.AccessKeySecret, secret);
                PSResult r = ps.Run("Connect-DIWorkspace -ProfileName nosuch -Endpoint $endpoint", Vars(home));
                Assert.Equal(CredentialException.ProfileNotFound, ErrorId(r));
                Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, FirstError(r).CategoryInfo.Category);
                Assert.Null(ps.Run("Get-DIContext").Output.FirstOrDefault());

                env.Set(CredentialVariables.AccessKeyId, null);
                r = ps.Run("Connect-DIWorkspace -Endpoint $endpoint", Vars(home));
                Assert.Equal(CredentialException.NotFound, ErrorId(r));
            }
        }

        [Fact]
        public void The_chain_from_environment_variables_and_a_per_call_ProfileName_and_Region_override()
        {
            using (var home = new TempHome())
            using (var env = new EnvironmentScope(home.Env))
            using (var ps = new PowerShellSession())
            {
                var (envId, envSecret) = home.NewKey();
                var (profileId, profileSecret) = home.NewKey();
                env.Set(CredentialVariables.AccessKeyId, envId);
                env.Set(CredentialVariables.AccessKeySecret, envSecret);
                home.WriteIni($"[other]\ntype = access_key\naccess_key_id = {profileId}\naccess_key_secret = {profileSecret}\nregion_id = cn-beijing\n");

                PSResult r = ps.Run(@"
                    $null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -Debug
                    (Get-DIContext).CredentialSource
                    (Get-DIWorkspace -ProjectId 10000).ProjectId
                    (Get-DIWorkspace -ProjectId 10000 -ProfileName other -Region cn-hangzhou -Debug).ProjectId
                    Get-DIWorkspace -ProfileName nosuch", Vars(home));
                Assert.Equal("environment variables (AccessKey)", r.Output[0].ToString());
                Assert.Equal(10000L, Convert.ToInt64(r.Output[1].BaseObject));
                Assert.Equal(10000L, Convert.ToInt64(r.Output[2].BaseObject));
                Assert.Contains(r.Debug, d => d.Message.StartsWith("Credentials for this call: section [other] (access_key)"));
                Assert.Contains(r.Debug, d => d.Message.Contains("Region for this call: cn-hangzhou"));
                Assert.Equal(CredentialException.ProfileNotFound, ErrorId(r));
                Assert.Single(home.Emulator.Requests(profileId));
                Assert.Single(home.Emulator.Requests(envId));
            }
        }
    }
}
