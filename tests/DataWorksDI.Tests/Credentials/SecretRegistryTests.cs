using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;
using Xunit;

namespace DataWorksDI.Tests.Credentials
{
    /// <summary>The cross-cutting check itself: a script that shows a registered secret fails, wherever it shows it.</summary>
    public class SecretRegistryTests
    {
        [Theory]
        [InlineData("$s")]
        [InlineData("& { [CmdletBinding()] param() $PSCmdlet.WriteVerbose($s) } -Verbose")]
        [InlineData("& { [CmdletBinding()] param() $PSCmdlet.WriteWarning(\"w $s\") }")]
        [InlineData("Get-Command \"nosuch-$s\"")]
        [InlineData("throw [System.InvalidOperationException]::new('x', [System.Exception]::new($s))")]
        public void A_registered_secret_in_any_stream_fails_the_run(string script)
        {
            string secret = "registry-self-test-" + System.Guid.NewGuid().ToString("N");
            SecretRegistry.Register(secret);
            using (var ps = new PowerShellSession(importModule: false))
            {
                var ex = Assert.Throws<SecretLeakException>(() => ps.Run(script, new System.Collections.Generic.Dictionary<string, object> { ["s"] = secret }));
                Assert.DoesNotContain(secret, ex.Message);
            }
        }

        /// <summary>Leaks that the streams' text does not show: only in the Clixml, in the formatted (transcript) text, or in a file written.</summary>
        [Theory]
        [InlineData("[pscustomobject]@{ a = [pscustomobject]@{ b = [pscustomobject]@{ c = $s } } }")]
        [InlineData("@{ k = $s }")]
        [InlineData("[System.IO.File]::WriteAllText([System.IO.Path]::Combine($TestDrive, 'out.log'), $s)")]
        [InlineData("[System.IO.File]::WriteAllText([System.IO.Path]::Combine($TestDrive, 'sub.txt'), 'x'); $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($TestDrive, 'd')); [System.IO.File]::WriteAllText([System.IO.Path]::Combine($TestDrive, 'd', 'x.xml'), $s)")]
        public void A_registered_secret_in_clixml_transcript_text_or_a_written_file_fails_the_run(string script)
        {
            string secret = "registry-self-test-" + System.Guid.NewGuid().ToString("N");
            SecretRegistry.Register(secret);
            using (var ps = new PowerShellSession(importModule: false))
            {
                var ex = Assert.Throws<SecretLeakException>(() => ps.Run(script,
                    new System.Collections.Generic.Dictionary<string, object> { ["s"] = secret }));
                Assert.DoesNotContain(secret, ex.Message);
            }
        }

        [Fact]
        public void Issued_emulator_credentials_are_registered()
        {
            var json = CredentialEmulator.Shared.IssuedCredentials();
            var all = SecretRegistry.All();
            foreach (var c in json) Assert.Contains((string)c["accessKeySecret"], all);
        }
    }
}
