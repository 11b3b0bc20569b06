using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Tests.Infrastructure;
using DataWorksDI.Testing;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>kill -9 in the middle of a run, then a restart on the same data directory: everything acknowledged is still there.</summary>
    public sealed class PersistenceTests
    {
        private const string KeyId = "LTAI5tPersistenceTestKey";
        private const string Secret = "persistence-secret-never-printed";

        [Fact]
        public async Task Killed_mid_run_and_restarted_on_the_same_directory_keeps_files_versions_deployments_tokens_and_nonces()
        {
            string dataDir = TestEmulator.NewDataDirectory();
            string[] args = { "--urls", "http://127.0.0.1:0", "--data-dir", dataDir, "--access-key-id", KeyId, "--access-key-secret", Secret, "--deployment-delay", "1500ms" };
            var key = new Key(KeyId, Secret, null);
            try
            {
                long scheduled, deployedFile, tokenFile, pendingDeploy, pendingSubmit;
                string usedNonce = Guid.NewGuid().ToString();
                string token = Guid.NewGuid().ToString();
                Key runtimeKey;
                var acknowledged = new List<long>();

                using (var first = await EmulatorProcess.StartAsync(args))
                using (var c = new DwClient(first.BaseAddress, key))
                {
                    Assert.Equal(KeyId, first.AccessKeyId);
                    Assert.DoesNotContain(Secret, first.FirstLine);
                    Assert.Contains(dataDir, first.FirstLine);

                    scheduled = await Dw.CreateTaskAsync(c, Dw.Standard, Dw.UniqueName("persist"));
                    (await c.CallAsync("UpdateFile", ("ProjectId", Dw.Standard), ("FileId", scheduled), ("CronExpress", "00 15 * * * ?"), ("CycleType", "NOT_DAY"),
                        ("InputList", "emulator_standard_root"))).Ok();
                    deployedFile = await Dw.CreateTaskAsync(c, Dw.Standard, Dw.UniqueName("persist"));
                    await Dw.WaitAsync(c, Dw.Standard, await Dw.SubmitAsync(c, Dw.Standard, deployedFile));
                    pendingDeploy = await Dw.DeployAsync(c, Dw.Standard, deployedFile);
                    pendingSubmit = await Dw.SubmitAsync(c, Dw.Standard, scheduled);
                    tokenFile = (await Dw.CreateTaskRawAsync(c, Dw.Standard, "token_task_" + token.Substring(0, 8), clientToken: token)).Ok()["Data"]["FileId"].GetValue<long>();
                    var withNonce = new V3Request { Action = "ListProjects", Nonce = usedNonce };
                    Assert.Equal(200, (await c.SendAsync(withNonce)).Status);
                    runtimeKey = await c.CreateKeyAsync();

                    // A stream of writes, killed while it runs: every acknowledged create must survive.
                    using var stop = new CancellationTokenSource();
                    var writer = Task.Run(async () =>
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            try
                            {
                                var r = await Dw.CreateTaskRawAsync(c, Dw.Basic, Dw.UniqueName("burst"));
                                if (r.Status == 200) lock (acknowledged) acknowledged.Add(r.Body["Data"]["FileId"].GetValue<long>());
                            }
                            catch (HttpRequestException)
                            {
                                return;
                            }
                        }
                    });
                    while (true)
                    {
                        lock (acknowledged) if (acknowledged.Count >= 15) break;
                        await Task.Delay(5);
                    }
                    first.KillHard();
                    stop.Cancel();
                    await writer;
                    Assert.True(first.HasExited);
                }

                using (var second = await EmulatorProcess.StartAsync(args))
                using (var c = new DwClient(second.BaseAddress, key))
                {
                    var file = await Dw.GetFileAsync(c, Dw.Standard, scheduled);
                    Assert.Equal(Dw.Script, file["File"]["Content"].GetValue<string>());
                    Assert.Equal("00 15 * * * ?", file["NodeConfiguration"]["CronExpress"].GetValue<string>());
                    Assert.Equal("emulator_standard_root", file["NodeConfiguration"]["InputList"][0]["Input"].GetValue<string>());

                    // Deployments created before the kill settle on their original schedule.
                    var deploy = await Dw.WaitAsync(c, Dw.Standard, pendingDeploy);
                    Assert.Equal(1, deploy["Deployment"]["Status"].GetValue<int>());
                    Assert.Equal(2, deploy["Deployment"]["ToEnvironment"].GetValue<int>());
                    Assert.Equal(1, (await Dw.WaitAsync(c, Dw.Standard, pendingSubmit))["Deployment"]["Status"].GetValue<int>());
                    var versions = await Dw.VersionsAsync(c, Dw.Standard, deployedFile);
                    Assert.True(Assert.Single(versions)["IsCurrentProd"].GetValue<bool>());
                    Assert.True((await Dw.GetFileAsync(c, Dw.Standard, deployedFile))["File"]["NodeId"].GetValue<long>() > 0);
                    var all = (await c.CallAsync("ListDeployments", ("ProjectId", Dw.Standard), ("PageSize", 100))).Ok()["Data"]["Deployments"].AsArray()
                        .Select(d => d["Id"].GetValue<long>()).ToList();
                    Assert.Contains(pendingDeploy, all);
                    Assert.Contains(pendingSubmit, all);

                    // ClientToken, nonce and runtime key are durable too.
                    var again = (await Dw.CreateTaskRawAsync(c, Dw.Standard, "token_task_" + token.Substring(0, 8), clientToken: token)).Ok();
                    Assert.Equal(tokenFile, again["Data"]["FileId"].GetValue<long>());
                    (await c.SendAsync(new V3Request { Action = "ListProjects", Nonce = usedNonce })).Error(400, "SignatureNonceUsed");
                    Assert.Equal(200, (await c.SendAsync(new V3Request { Action = "ListProjects", Key = runtimeKey })).Status);

                    List<long> ids;
                    lock (acknowledged) ids = acknowledged.ToList();
                    Assert.True(ids.Count >= 15);
                    var listed = (await c.CallAsync("ListFiles", ("ProjectId", Dw.Basic), ("FileIdIn", string.Join(",", ids.Take(50))), ("PageSize", 100))).Ok()["Data"];
                    Assert.Equal(Math.Min(ids.Count, 50), listed["TotalCount"].GetValue<int>());

                    // The demo key is not accepted when explicit keys are given.
                    (await c.SendAsync(new V3Request { Action = "ListProjects", Key = new Key(Options.EmulatorOptions.DemoAccessKeyId, Options.EmulatorOptions.DemoAccessKeySecret, null) }))
                        .Error(404, "InvalidAccessKeyId.NotFound");
                }
            }
            finally
            {
                try { Directory.Delete(dataDir, true); } catch (IOException) { }
            }
        }

        [Fact]
        public async Task A_second_emulator_on_the_same_directory_is_refused_while_the_first_runs()
        {
            string dataDir = TestEmulator.NewDataDirectory();
            await using var first = await TestEmulator.StartAsync(dataDirectory: dataDir);
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => TestEmulator.StartAsync(dataDirectory: dataDir));
            Assert.Contains("Another emulator", e.Message);
        }

        [Fact]
        public async Task Graceful_restart_in_process_keeps_state()
        {
            string dataDir = TestEmulator.NewDataDirectory();
            long fileId;
            var first = await TestEmulator.StartAsync(dataDirectory: dataDir);
            fileId = await Dw.CreateTaskAsync(first.Client, Dw.Basic, Dw.UniqueName("graceful"));
            first.Client.Dispose();
            await first.Running.DisposeAsync();
            await using var second = await TestEmulator.StartAsync(dataDirectory: dataDir);
            Assert.Equal(Dw.Script, (await Dw.GetFileAsync(second.Client, Dw.Basic, fileId))["File"]["Content"].GetValue<string>());
        }
    }
}
