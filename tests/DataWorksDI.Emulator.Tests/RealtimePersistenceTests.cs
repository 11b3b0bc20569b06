using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>Real-time state survives a restart; the delay options.</summary>
    public sealed class RealtimePersistenceTests
    {
        [Fact]
        public async Task A_restart_keeps_processes_instances_and_their_due_times()
        {
            string dataDir = TestEmulator.NewDataDirectory();
            void Slow(EmulatorOptions o)
            {
                o.RealtimeGenerationDelay = TimeSpan.FromMilliseconds(2500);
                o.RealtimeStartDelay = TimeSpan.FromMilliseconds(2500);
            }
            long fileId, pausedId, updateProcess;
            string startParam = "{\"errorLimit\":{\"record\":3}}";

            var first = await TestEmulator.StartAsync(Slow, dataDir);
            try
            {
                var c = first.Client;
                // Two creating processes at once, so the 2.5 s delay is paid once.
                long p1 = Rt.ProcessId(await Rt.GenerateRawAsync(c, Rt.Param(name: "persist_a")));
                long p2 = Rt.ProcessId(await Rt.GenerateRawAsync(c, Rt.Param(name: "persist_b")));
                fileId = await Rt.CreateAsync(c, "persist_a", (await Rt.WaitProcessAsync(c, p1))["TaskContent"].GetValue<string>());
                pausedId = await Rt.CreateAsync(c, "persist_b", (await Rt.WaitProcessAsync(c, p2))["TaskContent"].GetValue<string>());
                await Rt.OkAsync(c, "DeployDISyncTask", fileId);
                await Rt.OkAsync(c, "DeployDISyncTask", pausedId);
                await Rt.OkAsync(c, "StartDISyncInstance", pausedId);
                await Rt.OkAsync(c, "StopDISyncInstance", pausedId);
                await Rt.OkAsync(c, "StartDISyncInstance", fileId, Rt.Realtime, ("StartParam", startParam));
                updateProcess = Rt.ProcessId(await Rt.GenerateUpdateRawAsync(c, fileId, Rt.UpdateParam("orders", "refunds")));
                Assert.Equal("WAIT", (await Rt.InstanceAsync(c, fileId))["Status"].GetValue<string>());
            }
            finally
            {
                first.Client.Dispose();
                await first.Running.DisposeAsync();
            }

            // The second emulator has short delays: what was started before keeps its original due times.
            await using var second = await TestEmulator.StartAsync(o => o.RealtimeGenerationDelay = o.RealtimeStartDelay = TimeSpan.FromMilliseconds(10), dataDir);
            var c2 = second.Client;
            Assert.Equal("processing", (await Rt.QueryAsync(c2, updateProcess))["Status"].GetValue<string>());
            Assert.Equal("WAIT", (await Rt.InstanceAsync(c2, fileId))["Status"].GetValue<string>());
            Assert.Equal("PAUSE", (await Rt.InstanceAsync(c2, pausedId))["Status"].GetValue<string>());

            var done = await Rt.WaitProcessAsync(c2, updateProcess);
            Assert.Equal(new[] { "orders", "refunds" }, Rt.ReaderTables(done["TaskContent"].GetValue<string>()));
            var running = await Rt.WaitStatusAsync(c2, fileId, "RUN");
            Assert.Equal(startParam, running["StartParam"].GetValue<string>());
            await Rt.OkAsync(c2, "StopDISyncInstance", fileId);
            await Rt.OkAsync(c2, "StartDISyncInstance", pausedId);   // deployment survived the restart
            Assert.Equal("persist_a", running["Name"].GetValue<string>());
        }

        [Fact]
        public async Task Data_directories_from_before_the_realtime_writers_gain_kafka_pub_and_holo_pub()
        {
            string dataDir = TestEmulator.NewDataDirectory();
            var first = await TestEmulator.StartAsync(dataDirectory: dataDir);
            first.Client.Dispose();
            await first.Running.DisposeAsync();
            // What an older emulator left behind: the demo workspaces without the real-time writers.
            using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "dataworks-emulator.db"), Pooling = false }.ToString()))
            {
                db.Open();
                using var cmd = db.CreateCommand();
                cmd.CommandText = "DELETE FROM data_sources WHERE name IN ('kafka_pub', 'holo_pub')";
                Assert.True(cmd.ExecuteNonQuery() > 0);
            }

            await using var second = await TestEmulator.StartAsync(dataDirectory: dataDir);
            foreach (long project in new[] { Dw.Standard, Dw.Basic, 181565L })
            {
                var sources = (await second.Client.SendAsync(new V3Request { Method = "GET", Action = "ListDataSources" }.Q("ProjectId", project).Q("PageSize", 100)))
                    .Ok()["Data"]["DataSources"].AsArray().Select(d => d["Name"].GetValue<string>() + ":" + d["DataSourceType"].GetValue<string>() + ":" + d["EnvType"].GetValue<int>());
                Assert.Contains("kafka_pub:kafka:0", sources);
                Assert.Contains("kafka_pub:kafka:1", sources);
                Assert.Contains("holo_pub:holo:1", sources);
            }
        }

        private static EmulatorOptions Parse(params string[] args) =>
            EmulatorOptions.FromConfiguration(new ConfigurationBuilder().AddCommandLine(args).Build());

        [Fact]
        public void Delay_options_have_documented_defaults_and_come_from_the_command_line_or_the_config_file()
        {
            var defaults = Parse();
            Assert.Equal(TimeSpan.FromSeconds(2), defaults.RealtimeGenerationDelay);
            Assert.Equal(TimeSpan.FromSeconds(1), defaults.RealtimeStartDelay);

            var o = Parse("--realtime-generation-delay", "250ms", "--realtime-start-delay", "3s");
            Assert.Equal(TimeSpan.FromMilliseconds(250), o.RealtimeGenerationDelay);
            Assert.Equal(TimeSpan.FromSeconds(3), o.RealtimeStartDelay);
            Assert.Throws<OptionsException>(() => Parse("--realtime-generation-delay", "soon"));
            Assert.Throws<OptionsException>(() => Parse("--realtime-start-delay", "-1s"));

            string file = Path.Combine(Path.GetTempPath(), "dwemu-config-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, "{\"realtimeGenerationDelay\": 150, \"realtimeStartDelay\": \"2s\"}");
            try
            {
                var fromFile = Parse("--config", file);
                Assert.Equal(TimeSpan.FromMilliseconds(150), fromFile.RealtimeGenerationDelay);
                Assert.Equal(TimeSpan.FromSeconds(2), fromFile.RealtimeStartDelay);
                Assert.Equal(TimeSpan.FromMilliseconds(400), Parse("--config", file, "--realtime-generation-delay", "400").RealtimeGenerationDelay);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
