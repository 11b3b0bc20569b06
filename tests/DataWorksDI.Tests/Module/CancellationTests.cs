using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>Ctrl+C (PowerShell.Stop) ends a cmdlet's call or its retry wait at once.</summary>
    public class CancellationTests
    {
        [Theory]
        [InlineData("hang")]
        [InlineData("backoff")]
        public void Stop_EndsTheCmdlet_AtOnce(string mode)
        {
            ScriptedResponse response = mode == "hang"
                ? new ScriptedResponse { Hang = true }
                : ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "30000");
            using (var server = ScriptedHttpServer.Sequence(response))
            using (var session = new PowerShellSession())
            {
                session.Run("$s = [System.Net.NetworkCredential]::new('', 'x-secret').SecurePassword; Connect-DIWorkspace -Endpoint $endpoint -ProjectId 1 -AccessKeyId id -AccessKeySecret $s -RequestTimeoutSec 300 | Out-Null",
                    new Dictionary<string, object> { ["endpoint"] = server.BaseAddress.ToString() });
                PowerShell ps = session.Begin("Get-DIWorkspace", out IAsyncResult handle);
                using (ps)
                {
                    var wait = Stopwatch.StartNew();
                    while (server.Requests.Count == 0 && wait.Elapsed < TimeSpan.FromSeconds(10)) System.Threading.Thread.Sleep(10);
                    Assert.Single(server.Requests);
                    System.Threading.Thread.Sleep(150);
                    Assert.False(handle.IsCompleted);

                    var watch = Stopwatch.StartNew();
                    ps.Stop();
                    Assert.True(handle.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5)));
                    Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {watch.Elapsed}");
                    Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
                }
            }
        }
    }
}
