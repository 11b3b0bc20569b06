using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>Command-line options and the --config file.</summary>
    public sealed class OptionsTests
    {
        private static EmulatorOptions Parse(params string[] args) =>
            EmulatorOptions.FromConfiguration(new ConfigurationBuilder().AddCommandLine(args).Build());

        /// <summary>The options from a --config file holding <paramref name="json"/> (written to a temporary file, deleted after).</summary>
        private static EmulatorOptions ParseConfig(string json)
        {
            string file = Path.Combine(Path.GetTempPath(), "dwemu-config-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, json);
            try
            {
                return Parse("--config", file);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void Command_line_options_are_read()
        {
            var o = Parse("--urls", "http://127.0.0.1:0", "--data-dir", "/tmp/x", "--deployment-delay", "250ms", "--fault-throttle-ratio", "0.25",
                "--fault-5xx-ratio", "0.1", "--fault-drop-ratio", "0.05", "--fault-latency-ms", "40", "--fault-seed", "7", "--qps-limit", "9",
                "--access-key-id", "LTAI5tA", "--access-key-secret", "s");
            Assert.Equal("http://127.0.0.1:0", o.Urls);
            Assert.Equal("/tmp/x", o.DataDirectory);
            Assert.Equal(TimeSpan.FromMilliseconds(250), o.DeploymentDelay);
            Assert.Equal(0.25, o.Faults.ThrottleRatio);
            Assert.Equal(0.1, o.Faults.ServerErrorRatio);
            Assert.Equal(0.05, o.Faults.DropRatio);
            Assert.Equal(40, o.Faults.LatencyMs);
            Assert.Equal(7, o.Faults.Seed);
            Assert.Equal(9, o.QpsLimit);
            Assert.Equal("LTAI5tA", o.PrimaryAccessKeyId);
            Assert.Equal(TimeSpan.FromSeconds(2), Parse("--deployment-delay", "2s").DeploymentDelay);
        }

        [Fact]
        public void Defaults_are_the_documented_ones()
        {
            var o = Parse();
            Assert.Equal("http://127.0.0.1:8787", o.Urls);
            Assert.Equal(EmulatorOptions.DemoAccessKeyId, o.PrimaryAccessKeyId);
            Assert.Equal(TimeSpan.FromSeconds(3), o.DeploymentDelay);
            Assert.EndsWith(Path.Combine("DataWorksDI", "emulator"), o.DataDirectory);
            Assert.Equal(0, o.QpsLimit);
        }

        [Theory]
        [InlineData("--fault-throttle-ratio", "1.5")]
        [InlineData("--qps-limit", "-1")]
        [InlineData("--deployment-delay", "soon")]
        [InlineData("--access-key-id", "only-the-id")]
        public void Bad_values_are_refused_with_a_message(string name, string value)
        {
            Assert.Throws<OptionsException>(() => Parse(name, value));
        }

        [Fact]
        public void Fault_ratios_may_not_add_up_to_more_than_one()
        {
            Assert.Throws<OptionsException>(() => Parse("--fault-throttle-ratio", "0.6", "--fault-5xx-ratio", "0.6"));
        }

        [Fact]
        public async Task Config_file_adds_keys_workspaces_and_checks_and_the_command_line_wins()
        {
            string file = Path.Combine(Path.GetTempPath(), "dwemu-config-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, @"{
  // comments are allowed
  ""deploymentDelay"": 100,
  ""qpsLimit"": 3,
  ""accessKeys"": [
    { ""accessKeyId"": ""LTAI5tConfigured"", ""accessKeySecret"": ""configured-secret"" },
    { ""accessKeyId"": ""STS.Configured"", ""accessKeySecret"": ""sts-secret"", ""securityToken"": ""CAIStoken"", ""expiration"": ""2099-01-01T00:00:00Z"" },
    { ""accessKeyId"": ""STS.Expired"", ""accessKeySecret"": ""sts-secret"", ""securityToken"": ""CAIStoken2"", ""expiration"": ""2001-01-01T00:00:00Z"" }
  ],
  ""workspaces"": [
    { ""projectId"": 55555, ""identifier"": ""team_ws"", ""name"": ""Team"", ""mode"": ""basic"",
      ""folders"": [""业务流程/team/数据集成""],
      ""dataSources"": [ { ""name"": ""team_mysql"", ""type"": ""mysql"", ""envTypes"": [1] }, { ""name"": ""team_odps"", ""type"": ""odps"" } ] }
  ],
  ""deploymentChecks"": [ { ""fileNamePattern"": ""no_*"", ""outcome"": ""reject"", ""stage"": ""submit"" } ],
  ""faults"": { ""latencyMs"": 0, ""seed"": 3 }
}");
            try
            {
                var o = Parse("--config", file, "--qps-limit", "0", "--urls", "http://127.0.0.1:0", "--data-dir", TestEmulator.NewDataDirectory());
                Assert.Equal(0, o.QpsLimit);
                Assert.Equal(TimeSpan.FromMilliseconds(100), o.DeploymentDelay);
                Assert.Equal(3, o.EffectiveAccessKeys().Count);
                Assert.Equal("LTAI5tConfigured", o.PrimaryAccessKeyId);
                Assert.Equal(DeploymentCheckStage.Submit, Assert.Single(o.DeploymentChecks).Stage);

                await using var running = await EmulatorHost.StartAsync(o);
                using var c = new DwClient(running.BaseAddress, new Key("LTAI5tConfigured", "configured-secret", null));
                var project = (await c.CallAsync("GetProject", ("ProjectId", 55555))).Ok()["Data"];
                Assert.Equal(2, project["ProjectMode"].GetValue<int>());
                Assert.Equal("team_ws", project["ProjectIdentifier"].GetValue<string>());
                var sources = (await c.SendAsync(new V3Request { Method = "GET", Action = "ListDataSources" }.Q("ProjectId", 55555))).Ok()["Data"]["DataSources"].AsArray();
                Assert.Equal(new[] { "team_mysql:1", "team_odps:0", "team_odps:1" }, sources.Select(d => d["Name"].GetValue<string>() + ":" + d["EnvType"].GetValue<int>()).ToArray());
                long fileId = await Dw.CreateTaskAsync(c, 55555, "no_way", Dw.ScriptReading("team_mysql").Replace("odps_first", "team_odps"), Dw.TaskParam("业务流程/team/数据集成"));
                Assert.Equal(6, (await Dw.WaitAsync(c, 55555, await Dw.SubmitAsync(c, 55555, fileId)))["Deployment"]["Status"].GetValue<int>());
                (await c.CallAsync("UpdateFile", ("ProjectId", 55555), ("FileId", fileId), ("InputList", "team_ws_root"))).Ok();

                Assert.Equal(200, (await c.SendAsync(new V3Request { Action = "ListProjects", Key = new Key("STS.Configured", "sts-secret", "CAIStoken") })).Status);
                (await c.SendAsync(new V3Request { Action = "ListProjects", Key = new Key("STS.Expired", "sts-secret", "CAIStoken2") })).Error(400, "InvalidSecurityToken.Expired");
                (await c.SendAsync(new V3Request { Action = "ListProjects", Key = new Key(EmulatorOptions.DemoAccessKeyId, EmulatorOptions.DemoAccessKeySecret, null) }))
                    .Error(404, "InvalidAccessKeyId.NotFound");
                Assert.DoesNotContain("configured-secret", running.StartupLine);
                Assert.Contains("AccessKeyId: LTAI5tConfigured", running.StartupLine);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public async Task Secrets_come_from_the_environment_and_the_config_file_with_the_command_line_winning()
        {
            string file = Path.Combine(Path.GetTempPath(), "dwemu-config-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, @"{ ""adminToken"": ""config-admin-token-0123"",
  ""accessKeys"": [ { ""accessKeyId"": ""LTAI5tTeam"", ""accessKeySecret"": ""team-secret"", ""projectIds"": [10001] } ],
  ""deploymentChecks"": [ { ""fileNamePattern"": ""bad_*"", ""outcome"": ""fail"" } ] }");
            try
            {
                var env = new Dictionary<string, string>
                {
                    [EmulatorOptions.AccessKeyIdVariable] = "LTAI5tEnv",
                    [EmulatorOptions.AccessKeySecretVariable] = "env-secret",
                };
                var configuration = new ConfigurationBuilder().AddCommandLine(new[] { "--config", file }).Build();
                var o = EmulatorOptions.FromConfiguration(configuration, name => env.TryGetValue(name, out string v) ? v : null);
                Assert.Equal("LTAI5tEnv", o.PrimaryAccessKeyId);
                Assert.Equal(new[] { "LTAI5tEnv", "LTAI5tTeam" }, o.EffectiveAccessKeys().Select(k => k.AccessKeyId).ToArray());
                Assert.Equal(new long[] { 10001 }, o.AccessKeys.Single(k => k.AccessKeyId == "LTAI5tTeam").ProjectIds);
                Assert.Equal("config-admin-token-0123", o.AdminToken);
                Assert.Equal(DeploymentCheckOutcome.Fail, Assert.Single(o.DeploymentChecks).Outcome);
                Assert.Empty(o.Warnings);

                env[EmulatorOptions.AdminTokenVariable] = "env-admin-token-01234";
                Assert.Equal("env-admin-token-01234", EmulatorOptions.FromConfiguration(configuration, name => env.TryGetValue(name, out string v) ? v : null).AdminToken);
                var argv = EmulatorOptions.FromConfiguration(new ConfigurationBuilder().AddCommandLine(new[] { "--config", file, "--admin-token", "argv-admin-token-0123" }).Build(),
                    name => env.TryGetValue(name, out string v) ? v : null);
                Assert.Equal("argv-admin-token-0123", argv.AdminToken);
                Assert.Contains(argv.Warnings, w => w.Contains("process list"));

                // The workspace limit from the file is enforced.
                o.Urls = "http://127.0.0.1:0";
                o.DataDirectory = TestEmulator.NewDataDirectory();
                await using var running = await EmulatorHost.StartAsync(o);
                using var c = new DwClient(running.BaseAddress, new Key("LTAI5tTeam", "team-secret", null));
                (await c.CallAsync("GetProject", ("ProjectId", 10001))).Ok();
                (await c.CallAsync("GetProject", ("ProjectId", 10000))).Error(403, "Forbidden.Access");
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Theory]
        [InlineData("--admin-token", "short")]
        [InlineData("--admin-token", "has a space in it!!")]
        public void A_weak_admin_token_is_refused(string name, string value)
        {
            Assert.Throws<OptionsException>(() => Parse(name, value));
        }

        [Fact]
        public void Only_one_of_the_environment_pair_is_an_error()
        {
            var configuration = new ConfigurationBuilder().Build();
            Assert.Throws<OptionsException>(() => EmulatorOptions.FromConfiguration(configuration, name => name == EmulatorOptions.AccessKeyIdVariable ? "LTAI5tX" : null));
        }

        [Theory]
        [InlineData("{\"faults\": {\"latency\": 5}}", "faults.latency")]
        [InlineData("{\"accessKeys\": [{\"accessKeyId\": \"LTAI5tA\", \"secret\": \"s\"}]}", "accessKeys[].secret")]
        [InlineData("{\"workspaces\": [{\"projectId\": 55555, \"folder\": []}]}", "workspaces[].folder")]
        [InlineData("{\"workspaces\": [{\"dataSources\": [{\"name\": \"x\", \"envType\": [1]}]}]}", "dataSources[].envType")]
        [InlineData("{\"deploymentChecks\": [{\"outcome\": \"fail\", \"pattern\": \"x_*\"}]}", "deploymentChecks[].pattern")]
        public void Unknown_keys_inside_config_objects_are_errors_that_name_where_they_stand(string json, string key)
        {
            Assert.Equal("Config file: unknown key '" + key + "'.", Assert.Throws<OptionsException>(() => ParseConfig(json)).Message);
        }

        [Theory]
        [InlineData("{\"workspaces\": [{\"mode\": \"classic\"}]}", "workspaces[].mode is 'standard' or 'basic'.")]
        [InlineData("{\"deploymentChecks\": [{\"outcome\": \"Reject\"}]}", "deploymentChecks[].outcome is 'reject', 'checkFail' or 'fail'.")]
        [InlineData("{\"deploymentChecks\": [{\"outcome\": \"fail\", \"stage\": \"build\"}]}", "deploymentChecks[].stage is 'any', 'submit' or 'deploy'.")]
        public void Config_values_outside_their_choices_are_errors_that_name_the_choices(string json, string message)
        {
            Assert.Equal("Config file: " + message, Assert.Throws<OptionsException>(() => ParseConfig(json)).Message);
        }

        [Fact]
        public void Config_choices_are_read_and_the_workspace_mode_in_any_case()
        {
            var o = ParseConfig("{\"workspaces\": [{\"projectId\": 55555, \"identifier\": \"w\", \"name\": \"W\", \"mode\": \"Standard\"}, " +
                "{\"projectId\": 55556, \"identifier\": \"v\", \"name\": \"V\", \"mode\": \"BASIC\"}], " +
                "\"deploymentChecks\": [{\"fileNamePattern\": \"a_*\", \"outcome\": \"checkFail\", \"stage\": \"deploy\"}, {\"fileNamePattern\": \"b_*\", \"outcome\": \"fail\"}]}");
            Assert.Equal(new[] { WorkspaceMode.Standard, WorkspaceMode.Basic }, o.Workspaces.Select(w => w.Mode).ToArray());
            Assert.Equal(new[] { DeploymentCheckOutcome.CheckFail, DeploymentCheckOutcome.Fail }, o.DeploymentChecks.Select(r => r.Outcome).ToArray());
            Assert.Equal(new[] { DeploymentCheckStage.Deploy, DeploymentCheckStage.Any }, o.DeploymentChecks.Select(r => r.Stage).ToArray());
        }

        [Fact]
        public void Config_file_delays_are_milliseconds_or_text()
        {
            var o = ParseConfig("{\"deploymentDelay\": \"2s\", \"realtimeStartDelay\": 300}");
            Assert.Equal(TimeSpan.FromSeconds(2), o.DeploymentDelay);
            Assert.Equal(TimeSpan.FromMilliseconds(300), o.RealtimeStartDelay);
        }

        [Fact]
        public void Unknown_config_keys_are_errors()
        {
            Assert.Contains("qpsLimt", Assert.Throws<OptionsException>(() => ParseConfig("{\"qpsLimt\": 3}")).Message);
        }
    }
}
