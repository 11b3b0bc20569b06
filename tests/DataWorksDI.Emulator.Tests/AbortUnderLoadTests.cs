using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.Tests.Infrastructure;
using DataWorksDI.Testing;
using Xunit;

namespace DataWorksDI.Emulator.Tests
{
    /// <summary>Clients that give up while reads and writes run concurrently are logged as such, never as a 500 or a stack trace.</summary>
    public sealed class AbortUnderLoadTests
    {
        private static readonly HttpClient Http = new HttpClient();

        [Fact]
        public async Task Clients_that_abort_under_load_are_logged_as_disconnected_and_the_emulator_keeps_serving()
        {
            using var e = await EmulatorProcess.StartAsync("--data-dir", TestEmulator.NewDataDirectory(), "--urls", "http://127.0.0.1:0", "--seed-files", "1500");
            using var dw = new DwClient(e.BaseAddress, new Key(EmulatorOptions.DemoAccessKeyId, EmulatorOptions.DemoAccessKeySecret, null));
            var page = (await dw.CallAsync("ListFiles", ("ProjectId", Dw.Standard), ("PageSize", 100))).Ok()["Data"]["Files"].AsArray();
            long[] fileIds = page.Select(f => f["FileId"].GetValue<long>()).ToArray();

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8));
            int completed = 0, cancelled = 0;
            async Task Readers(int seed)
            {
                var random = new Random(seed);
                while (!stop.IsCancellationRequested)
                {
                    var r = new V3Request { Action = "ListFiles" }.F("ProjectId", Dw.Standard).F("PageSize", 100).F("NeedContent", "true").F("PageNumber", random.Next(1, 16));
                    using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    // Every other call is abandoned after a random moment (often while it is read, run or answered).
                    if (random.Next(2) == 0) giveUp.CancelAfter(random.Next(0, 15));
                    try
                    {
                        var answer = await dw.SendAsync(r, giveUp.Token);
                        Assert.Equal(200, answer.Status);
                        Interlocked.Increment(ref completed);
                    }
                    catch (OperationCanceledException)
                    {
                        Interlocked.Increment(ref cancelled);
                    }
                }
            }
            async Task Writer()
            {
                var random = new Random(99);
                while (!stop.IsCancellationRequested)
                {
                    var r = new V3Request { Action = "UpdateFile" }.F("ProjectId", Dw.Standard).F("FileId", fileIds[random.Next(fileIds.Length)])
                        .F("FileDescription", Guid.NewGuid().ToString());
                    using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    if (random.Next(2) == 0) giveUp.CancelAfter(random.Next(0, 10));
                    try { await dw.SendAsync(r, giveUp.Token); } catch (OperationCanceledException) { Interlocked.Increment(ref cancelled); }
                }
            }
            async Task MidBodyAborts()
            {
                for (int i = 0; i < 5 && !stop.IsCancellationRequested; i++)
                {
                    using (var client = new TcpClient())
                    {
                        await client.ConnectAsync(e.BaseAddress.Host, e.BaseAddress.Port);
                        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: " + e.BaseAddress.Authority
                            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n" + new string('a', 5000)));
                        await Task.Delay(100);
                        client.Client.LingerState = new LingerOption(true, 0);
                    }
                    await Task.Delay(200);
                }
            }
            await Task.WhenAll(Readers(1), Readers(2), Readers(3), Writer(), MidBodyAborts());

            Assert.True(completed > 0 && cancelled > 0, "completed " + completed + ", cancelled " + cancelled);
            await Task.Delay(500);
            Assert.DoesNotContain(e.StandardError, l => l.Contains("unexpected error") || l.Contains("   at "));
            var log = JsonNode.Parse(await Http.GetStringAsync(new Uri(e.BaseAddress, "/_emulator/requests")))["requests"].AsArray();
            Assert.DoesNotContain(log, r => r["httpStatus"]?.GetValue<int>() >= 500);
            Assert.Contains(log, r => r["errorCode"]?.GetValue<string>() == "ClientDisconnected" && r["httpStatus"] == null);
            Assert.Equal(1500, (await dw.CallAsync("ListFiles", ("ProjectId", Dw.Standard), ("PageSize", 1))).Ok()["Data"]["TotalCount"].GetValue<int>());
        }
    }
}
