using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Session
{
    /// <summary>
    /// Context isolation between pooled runspaces (issue 11 item 5): ForEach-Object -Parallel reuses its runspaces and
    /// resets their session state between items; an item that did not connect in its own session — or whose Connect
    /// failed — never runs with the context another item left.
    /// </summary>
    public class ContextIsolationTests
    {
        [Fact]
        public void ReusedParallelRunspaces_NeverInheritAContext_AndAFailedConnectLeavesNone()
        {
            EmulatorProcess emulator = EmulatorProcess.Shared;
            var (keyId, secret, _) = emulator.CreateAccessKey();
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run(@"
$module = (Get-Module DataWorksDI).ModuleBase
1..8 | ForEach-Object -ThrottleLimit 1 -Parallel {
    Import-Module $using:module
    $item = $_
    $secure = [System.Net.NetworkCredential]::new('', $using:secret).SecurePassword
    $connect = { Connect-DIWorkspace -Endpoint $using:endpoint -ProjectId 10000 -AccessKeyId $using:keyId -AccessKeySecret $secure }
    $failed = $null
    switch ($item % 4) {
        1 { $null = & $connect }                                    # connects
        2 { }                                                       # does not connect
        3 { $null = & $connect                                      # connects, then a second connect fails and is caught
            try { $null = Connect-DIWorkspace -Endpoint 'ftp://nowhere.invalid' -AccessKeyId x -AccessKeySecret $secure -ErrorAction Stop -WarningAction SilentlyContinue } catch { $failed = $_.FullyQualifiedErrorId } }
        0 { try { $null = Connect-DIWorkspace -Endpoint 'ftp://nowhere.invalid' -AccessKeyId x -AccessKeySecret $secure -ErrorAction Stop } catch { $failed = $_.FullyQualifiedErrorId } }
    }
    $call = try { [string](Get-DIWorkspace -ProjectId 10000 -ErrorAction Stop).ProjectId } catch { $_.FullyQualifiedErrorId }
    [pscustomobject]@{
        Item = $item
        Runspace = [runspace]::DefaultRunspace.InstanceId.ToString()
        HasContext = [bool](Get-DIContext)
        Call = $call
        Failed = $failed
    }
} | Sort-Object Item",
                    new Dictionary<string, object> { ["endpoint"] = emulator.BaseAddress.ToString(), ["keyId"] = keyId, ["secret"] = secret });
                Assert.True(r.Terminating == null && r.Errors.Count == 0, r.ErrorText);
                object V(PSObject o, string name) => o.Properties[name].Value is PSObject p ? p.BaseObject : o.Properties[name].Value;
                var items = r.Output.Select(o => new
                {
                    Item = System.Convert.ToInt32(V(o, "Item")),
                    Runspace = (string)V(o, "Runspace"),
                    HasContext = (bool)V(o, "HasContext"),
                    Call = System.Convert.ToString(V(o, "Call")),
                    Failed = System.Convert.ToString(V(o, "Failed")),
                }).ToList();
                Assert.Equal(8, items.Count);
                // One runspace served every item: each item after the first reused it.
                Assert.Single(items.Select(i => i.Runspace).Distinct());
                foreach (var i in items)
                {
                    bool connected = i.Item % 4 == 1;
                    Assert.True(connected == i.HasContext, $"item {i.Item}: context {(i.HasContext ? "present" : "absent")}");
                    if (connected) Assert.Equal("10000", i.Call);
                    else Assert.StartsWith("DataWorksDI.NoContext", i.Call);
                    if (i.Item % 4 == 3 || i.Item % 4 == 0) Assert.StartsWith("DataWorksDI.InvalidEndpoint", i.Failed);
                }
            }
        }

        [Fact]
        public void TheContext_LivesInTheSessionsGlobalVariable_AndDisconnectRemovesIt()
        {
            EmulatorProcess emulator = EmulatorProcess.Shared;
            var (keyId, secret, _) = emulator.CreateAccessKey();
            using (var ps = new PowerShellSession())
            {
                PSResult r = ps.Run(@"
function Connect-InAFunction { $null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword) }
Connect-InAFunction
[bool](Get-DIContext)
[bool](Get-Variable -Name DataWorksDISession -Scope Global -ErrorAction SilentlyContinue)
Disconnect-DIWorkspace -Confirm:$false
[bool](Get-DIContext)
[bool](Get-Variable -Name DataWorksDISession -Scope Global -ErrorAction SilentlyContinue)",
                    new Dictionary<string, object> { ["endpoint"] = emulator.BaseAddress.ToString(), ["keyId"] = keyId, ["secret"] = secret });
                Assert.True(r.Terminating == null && r.Errors.Count == 0, r.ErrorText);
                Assert.Equal(new[] { true, true, false, false }, r.Output.Select(o => (bool)o.BaseObject).ToArray());
            }
        }
    }
}
