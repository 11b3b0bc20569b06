using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>
    /// --fault-5xx-after-ratio: the action runs and commits, then the answer is a 500/503 — a real service can fail after
    /// acting, and a non-idempotent write whose answer is lost must be testable.
    /// </summary>
    public sealed class FaultAfterActionTests
    {
        private static readonly HttpClient Http = new HttpClient();

        [Fact]
        public async Task A_5xx_after_the_action_really_commits_the_change()
        {
            string dir = TestEmulator.NewDataDirectory();
            long fileId;
            string name = Dw.UniqueName("acted");
            string token = Guid.NewGuid().ToString();
            var clean = await TestEmulator.StartAsync(dataDirectory: dir);
            fileId = await Dw.CreateTaskAsync(clean.Client, Dw.Standard, Dw.UniqueName());
            await ScaleTests.StopKeepingDataAsync(clean);

            var failing = await TestEmulator.StartAsync(o => o.Faults.ServerErrorAfterRatio = 1, dir);
            {
                var c = failing.Client;
                var update = await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("CronExpress", "00 30 02 * * ?"));
                Assert.True(update.Status == 500 || update.Status == 503, update.Text);
                Assert.True(update.Code == "InternalError.System" || update.Code == "ServiceUnavailable", update.Text);

                var create = await Dw.CreateTaskRawAsync(c, Dw.Standard, name, clientToken: token);
                Assert.True(create.Status == 500 || create.Status == 503, create.Text);

                // A call the action itself refuses is answered with its own error, and nothing was committed.
                (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", fileId), ("CronExpress", "not a cron"))).Error(400, "Invalid.Tenant.InvalidNodeConfig");

                var log = JsonNode.Parse(await Http.GetStringAsync(new Uri(failing.Running.BaseAddress, "/_emulator/requests")))["requests"].AsArray();
                Assert.Equal(new[] { true, true, false }, log.Select(r => r["actionCommitted"].GetValue<bool>()).ToArray());
            }
            await ScaleTests.StopKeepingDataAsync(failing);

            await using (var restarted = await TestEmulator.StartAsync(dataDirectory: dir))
            {
                var c = restarted.Client;
                var file = await Dw.GetFileAsync(c, Dw.Standard, fileId);
                Assert.Equal("00 30 02 * * ?", file["NodeConfiguration"]["CronExpress"].GetValue<string>());
                // The create happened: the retry with the same ClientToken gets the first answer, and there is one such file.
                var retried = (await Dw.CreateTaskRawAsync(c, Dw.Standard, name, clientToken: token)).Ok();
                long created = retried["Data"]["FileId"].GetValue<long>();
                var listed = (await c.CallAsync("ListFiles", ("ProjectId", Dw.Standard), ("ExactFileName", name))).Ok()["Data"];
                Assert.Equal(1, listed["TotalCount"].GetValue<int>());
                Assert.Equal(created, listed["Files"][0]["FileId"].GetValue<long>());
                // Without the token, the retry of a create whose answer was lost meets the first one.
                Assert.Contains(name, (await Dw.CreateTaskRawAsync(c, Dw.Standard, name)).Error(400, "Invalid.DI.Parameter.File.Existed").ErrorMessage);
            }
        }

        [Fact]
        public void The_after_action_ratio_comes_from_the_command_line_or_the_config_file_and_counts_in_the_sum()
        {
            var options = EmulatorOptions.FromConfiguration(new ConfigurationBuilder().AddCommandLine(new[] { "--fault-5xx-after-ratio", "0.25" }).Build());
            Assert.Equal(0.25, options.Faults.ServerErrorAfterRatio);
            string file = System.IO.Path.GetTempFileName();
            System.IO.File.WriteAllText(file, "{\"faults\":{\"serverErrorAfterRatio\":0.5},\"seedFiles\":1234}");
            var fromFile = EmulatorOptions.FromConfiguration(new ConfigurationBuilder().AddCommandLine(new[] { "--config", file }).Build());
            Assert.Equal(0.5, fromFile.Faults.ServerErrorAfterRatio);
            Assert.Equal(1234, fromFile.SeedFiles);
            Assert.Contains("add up to more than 1", Assert.Throws<OptionsException>(() => EmulatorOptions.FromConfiguration(
                new ConfigurationBuilder().AddCommandLine(new[] { "--fault-5xx-after-ratio", "0.6", "--fault-5xx-ratio", "0.5" }).Build())).Message);
            Assert.Contains("--fault-5xx-after-ratio", Assert.Throws<OptionsException>(() => EmulatorOptions.FromConfiguration(
                new ConfigurationBuilder().AddCommandLine(new[] { "--fault-5xx-after-ratio", "2" }).Build())).Message);
            Assert.Equal(100000, EmulatorOptions.FromConfiguration(new ConfigurationBuilder().AddCommandLine(new[] { "--seed-files", "100000" }).Build()).SeedFiles);
            Assert.Contains("--seed-files", Assert.Throws<OptionsException>(() => EmulatorOptions.FromConfiguration(
                new ConfigurationBuilder().AddCommandLine(new[] { "--seed-files", "-1" }).Build())).Message);
        }

        [Fact]
        public async Task With_a_seed_the_after_action_faults_fall_on_the_same_calls_and_leave_the_earlier_bands_unchanged()
        {
            async Task<string[]> RunAsync(Action<FaultOptions> set)
            {
                await using var emu = await TestEmulator.StartAsync(o => { o.Faults.Seed = 7; set(o.Faults); });
                var outcomes = new string[40];
                for (int i = 0; i < outcomes.Length; i++)
                {
                    var r = await emu.Client.CallAsync("GetProject", ("ProjectId", Dw.Standard));
                    outcomes[i] = r.Status + (r.Status == 200 ? "" : ":" + r.Code);
                }
                return outcomes;
            }
            var before = await RunAsync(f => { f.ThrottleRatio = 0.3; });
            var with = await RunAsync(f => { f.ThrottleRatio = 0.3; f.ServerErrorAfterRatio = 0.4; });
            Assert.Equal(before.Select(o => o.StartsWith("429")), with.Select(o => o.StartsWith("429")));
            Assert.Contains(with, o => o.StartsWith("500") || o.StartsWith("503"));
            Assert.Contains(with, o => o == "200");
        }
    }
}
