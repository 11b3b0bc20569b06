using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Client;
using DataWorksDI.Client.Credentials;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Credentials
{
    /// <summary>
    /// An emulator whose STS, metadata service and credentials URI issue 4-second credentials, and deployments that take
    /// 10 s — so a wait outlives a credential. Started once for the credential tests.
    /// </summary>
    internal static class CredentialEmulator
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4);

        private static readonly Lazy<EmulatorProcess> SharedLazy = new Lazy<EmulatorProcess>(() =>
        {
            var e = EmulatorProcess.Start("--sts-credential-lifetime", "4s", "--deployment-delay", "10s");
            AppDomain.CurrentDomain.ProcessExit += (_, __) => e.Dispose();
            return e;
        });

        public static EmulatorProcess Shared => SharedLazy.Value;

        public const string RoleArn = "acs:ram::1234567890123456:role/dataworks-deployer";
        public const string OidcProviderArn = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-test";

        /// <summary>Calls GetProject with the provider's credentials: proves they are accepted by the DataWorks API.</summary>
        public static async Task<JObject> ProveAsync(ICredentialProvider provider, EmulatorProcess emulator = null)
        {
            var client = new DataWorksClient(new DataWorksClientOptions((emulator ?? Shared).BaseAddress) { Retry = new RetryOptions { MaxAttempts = 1 } }, provider);
            JObject body = await client.InvokeAsync(new ApiRequest(ApiAction.GetProject).With("ProjectId", 10000L), NullClientLog.Instance, CancellationToken.None);
            Assert.Equal(10000L, (long)body["Data"]["ProjectId"]);
            return body;
        }
    }

    /// <summary>A temporary home directory with the aliyun CLI's and the credentials library's files, and a matching environment.</summary>
    internal sealed class TempHome : IDisposable
    {
        public TempHome(EmulatorProcess emulator = null)
        {
            Emulator = emulator ?? CredentialEmulator.Shared;
            Root = Path.Combine(Path.GetTempPath(), "dwdi-home-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
            Env = new Dictionary<string, string>
            {
                ["HOME"] = Root,
                ["USERPROFILE"] = Root,
                [CredentialVariables.StsEndpoint] = Emulator.BaseAddress.ToString(),
                [CredentialVariables.EcsMetadataEndpoint] = Emulator.BaseAddress.ToString(),
                [CredentialVariables.EcsMetadataDisabled] = "true",
            };
        }

        public EmulatorProcess Emulator { get; }
        public string Root { get; }
        public Dictionary<string, string> Env { get; }

        public ICredentialEnvironment Environment => new DictionaryCredentialEnvironment(Env);

        public DefaultCredentialChain Chain => new DefaultCredentialChain(Environment);

        public string ConfigJsonPath => Path.Combine(Root, ".aliyun", "config.json");

        public string IniPath => Path.Combine(Root, ".alibabacloud", "credentials.ini");

        public void WriteConfigJson(JObject config)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ConfigJsonPath));
            File.WriteAllText(ConfigJsonPath, config.ToString());
        }

        /// <summary>A config.json like `aliyun configure` writes: {current, profiles[], meta_path}.</summary>
        public void WriteProfiles(string current, params JObject[] profiles)
        {
            foreach (var p in profiles)
            {
                p["output_format"] = p["output_format"] ?? "json";
                p["language"] = p["language"] ?? "en";
                p["site"] = p["site"] ?? "";
                p["retry_timeout"] = 0; p["connect_timeout"] = 0; p["retry_count"] = 0;
            }
            WriteConfigJson(new JObject { ["current"] = current, ["profiles"] = new JArray(profiles), ["meta_path"] = "" });
        }

        public void WriteIni(string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(IniPath));
            File.WriteAllText(IniPath, text);
        }

        public string WriteOidcTokenFile()
        {
            string path = Path.Combine(Root, "rrsa-token");
            File.WriteAllText(path, Emulator.MintOidcToken(CredentialEmulator.OidcProviderArn) + "\n");
            return path;
        }

        public (string Id, string Secret) NewKey()
        {
            var (id, secret, _) = Emulator.CreateAccessKey();
            return (id, secret);
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
