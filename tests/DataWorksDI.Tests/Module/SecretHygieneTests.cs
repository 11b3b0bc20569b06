using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Tests.Client;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>The secret and the STS token never appear in any stream or error, even with -Verbose and -Debug.</summary>
    public class SecretHygieneTests
    {
        [Theory]
        [InlineData("V3")]
        [InlineData("V2")]
        public void VerboseAndDebugCalls_ShowNoSecretAndNoToken(string signatureVersion)
        {
            // Success, throttling with retry, a service error, a DI failure and a dropped connection: every message path.
            using (var server = ScriptedHttpServer.Sequence(
                ScriptedResponse.Ok("{\"RequestId\":\"R1\",\"Success\":true,\"Data\":{\"ProjectId\":10000,\"ProjectIdentifier\":\"demo\",\"ProjectMode\":3,\"EnvTypes\":[\"DEV\",\"PROD\"]}}"),
                ScriptedResponse.Error(429, "Throttling.User", retryAfterMs: "10"),
                ScriptedResponse.Ok("{\"RequestId\":\"R3\",\"Success\":true,\"Data\":{\"ProjectId\":10000,\"ProjectMode\":3}}"),
                ScriptedResponse.Error(400, "InvalidParameter", "bad"),
                ScriptedResponse.Ok("{\"RequestId\":\"R5\",\"Success\":true,\"Data\":{\"Status\":\"fail\",\"Message\":\"Invalid path: x\"}}"),
                new ScriptedResponse { Drop = true }))
            using (var ps = new PowerShellSession())
            {
                var vars = new Dictionary<string, object>
                {
                    ["endpoint"] = server.BaseAddress.ToString(),
                    ["keyId"] = "STS." + ClientTestKit.KeyId,
                    ["plainSecret"] = ClientTestKit.Secret,
                    ["plainToken"] = ClientTestKit.Token,
                    ["sigVersion"] = signatureVersion,
                };
                PSResult r = ps.Run(@"
                    $secret = [System.Net.NetworkCredential]::new('', $plainSecret).SecurePassword
                    $token = [System.Net.NetworkCredential]::new('', $plainToken).SecurePassword
                    $ctx = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret $secret -SecurityToken $token -SignatureVersion $sigVersion -MaxAttempts 2 -Verbose -Debug
                    $ctx
                    Get-DIContext
                    Get-DIWorkspace -Verbose -Debug
                    Get-DIWorkspace -Verbose -Debug
                    Invoke-DIApi GetFile @{ ProjectId = 10000; FileId = 1 } -Verbose -Debug
                    Invoke-DIApi GetFile @{ ProjectId = 10000; FileId = 2 } -Verbose -Debug
                    Invoke-DIApi GetFile @{ ProjectId = 10000; FileId = 3 } -Verbose -Debug -ErrorAction Continue
                ", vars);

                Assert.True(server.Requests.Count >= 6, "the script did not exercise every response: " + r.ErrorText);
                Assert.True(r.Debug.Count > 0 && r.Verbose.Count > 0, "no verbose/debug output was produced, so the scan proves nothing");
                Assert.Contains(r.Verbose, v => v.Message.Contains("retrying"));
                Assert.True(r.Errors.Count >= 3, r.ErrorText);
                // The token really was sent (so it was available to leak).
                Assert.Contains(server.Requests, q => q.AllText.Contains(ClientTestKit.Token));

                string visible = r.AllVisibleText();
                Assert.DoesNotContain(ClientTestKit.Secret, visible);
                Assert.DoesNotContain(ClientTestKit.Token, visible);
            }
        }

        /// <summary>
        /// STS credentials whose secret is wrong, against the emulator, signed V2 and V3: the signature check fails and
        /// the emulator echoes its string to sign (V2's holds the security token). Nothing of the token or either secret
        /// reaches any stream, $Error, its Export-Clixml, a transcript's text or a file the script writes; the session's
        /// scan checks every channel, and the files are read here too.
        /// </summary>
        [Theory]
        [InlineData("V2")]
        [InlineData("V3")]
        public void StsSignatureFailures_LeakNoTokenOrSecret_InAnyStreamErrorClixmlTranscriptOrFile(string signatureVersion)
        {
            DataWorksDI.Testing.EmulatorProcess emulator = DataWorksDI.Testing.EmulatorProcess.Shared;
            var (keyId, secret, token) = emulator.CreateAccessKey(sts: true);
            string wrong = "wrong-" + secret;
            DataWorksDI.Testing.SecretRegistry.Register(wrong);
            using (var ps = new PowerShellSession())
            {
                var vars = new Dictionary<string, object>
                {
                    ["endpoint"] = emulator.BaseAddress.ToString(), ["keyId"] = keyId, ["plainSecret"] = wrong, ["plainToken"] = token, ["sigVersion"] = signatureVersion,
                };
                PSResult r = ps.Run(@"
                    $secret = [System.Net.NetworkCredential]::new('', $plainSecret).SecurePassword
                    $token = [System.Net.NetworkCredential]::new('', $plainToken).SecurePassword
                    $null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId 10000 -AccessKeyId $keyId -AccessKeySecret $secret -SecurityToken $token -SignatureVersion $sigVersion -Verbose -Debug
                    Get-DIWorkspace -ProjectId 10000 -Verbose -Debug
                    Get-DIFile -FileId 1 -Verbose -Debug
                    New-DISyncTask -Name sts_leak -FolderPath 'Business Flow/x/Data Integration' -Content '{""type"":""job"",""version"":""2.0"",""steps"":[],""order"":{""hops"":[]}}' -SkipValidation -Confirm:$false -Verbose -Debug
                    Invoke-DIApi GetProject @{ ProjectId = 10000 } -Verbose -Debug
                    $Error | Export-Clixml -LiteralPath ([System.IO.Path]::Combine($TestDrive, 'errors.clixml'))
                    $Error | Out-File -LiteralPath ([System.IO.Path]::Combine($TestDrive, 'transcript.txt')) -Width 400
                    $Error | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 400 } | Out-File -LiteralPath ([System.IO.Path]::Combine($TestDrive, 'errors-full.txt'))
                ", vars);

                Assert.True(r.Errors.Count >= 4, r.ErrorText);
                Assert.All(r.Errors, e => Assert.StartsWith("SignatureDoesNotMatch", e.FullyQualifiedErrorId));
                Assert.Contains(r.Errors, e => e.Exception.Message.Contains("string to sign"));  // the echo came back, and was cut
                Assert.True(r.Debug.Count > 0, "no debug output, so the scan proves less");
                foreach (string file in new[] { "errors.clixml", "transcript.txt", "errors-full.txt" })
                {
                    string text = System.IO.File.ReadAllText(System.IO.Path.Combine(ps.Directory, file));
                    Assert.Contains("SignatureDoesNotMatch", text);
                    RedactionTests.AssertNone(text, token, secret, wrong);
                }
                RedactionTests.AssertNone(r.AllVisibleText(), token, secret, wrong);
            }
        }
    }
}
