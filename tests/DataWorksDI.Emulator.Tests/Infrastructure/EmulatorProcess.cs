using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace DataWorksDI.Emulator.Tests.Infrastructure
{
    /// <summary>The built emulator started as a separate process (<c>dotnet DataWorksDI.Emulator.dll …</c>), as the module's tests do.</summary>
    public sealed class EmulatorProcess : IDisposable
    {
        private static readonly Regex StartupLine = new Regex(@"^DataWorks emulator listening on (?<url>http://\S+) \(AccessKeyId: (?<key>\S+), data: (?<data>.+)\)$");
        private readonly Process _process;

        private EmulatorProcess(Process process, Uri baseAddress, string accessKeyId, string firstLine)
        {
            _process = process;
            BaseAddress = baseAddress;
            AccessKeyId = accessKeyId;
            FirstLine = firstLine;
        }

        public Uri BaseAddress { get; }
        public string AccessKeyId { get; }
        public string FirstLine { get; }
        public bool HasExited => _process.HasExited;

        public static string EmulatorDll()
        {
            // tests/DataWorksDI.Emulator.Tests/bin/<Configuration>/net10.0/ → src/DataWorksDI.Emulator/bin/<Configuration>/net10.0/
            var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string tfm = dir.Name, configuration = dir.Parent.Name;
            var root = dir;
            while (root != null && !File.Exists(Path.Combine(root.FullName, "DataWorksDI.sln"))) root = root.Parent;
            Assert.True(root != null, "repository root not found above " + AppContext.BaseDirectory);
            string dll = Path.Combine(root.FullName, "src", "DataWorksDI.Emulator", "bin", configuration, tfm, "DataWorksDI.Emulator.dll");
            Assert.True(File.Exists(dll), "emulator not built at " + dll);
            return dll;
        }

        public static async Task<EmulatorProcess> StartAsync(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(EmulatorDll());
            foreach (string a in args) info.ArgumentList.Add(a);
            var process = Process.Start(info);
            process.ErrorDataReceived += (_, __) => { };
            process.BeginErrorReadLine();
            var read = process.StandardOutput.ReadLineAsync();
            if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))) != read)
            {
                process.Kill(true);
                throw new TimeoutException("The emulator did not print its startup line.");
            }
            string line = await read;
            var m = StartupLine.Match(line ?? "");
            Assert.True(m.Success, "Unexpected first line: " + line);
            return new EmulatorProcess(process, new Uri(m.Groups["url"].Value), m.Groups["key"].Value, line);
        }

        /// <summary>SIGKILL: no shutdown code runs.</summary>
        public void KillHard()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10000);
        }

        public void Dispose()
        {
            if (!_process.HasExited) KillHard();
            _process.Dispose();
        }
    }
}
