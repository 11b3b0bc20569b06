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

        private readonly System.Collections.Generic.List<string> _stderr;

        private EmulatorProcess(Process process, Uri baseAddress, string accessKeyId, string firstLine, System.Collections.Generic.List<string> stderr)
        {
            _process = process;
            _stderr = stderr;
            BaseAddress = baseAddress;
            AccessKeyId = accessKeyId;
            FirstLine = firstLine;
        }

        /// <summary>What the emulator wrote to stderr so far (its log), one entry a line.</summary>
        public string[] StandardError
        {
            get { lock (_stderr) return _stderr.ToArray(); }
        }

        public int ProcessId => _process.Id;

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

        public static Task<EmulatorProcess> StartAsync(params string[] args) => StartAsync(null, args);

        /// <summary>Starts the built emulator with <paramref name="args"/> and, when given, these extra environment variables.</summary>
        public static async Task<EmulatorProcess> StartAsync(System.Collections.Generic.IDictionary<string, string> environment, params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(EmulatorDll());
            foreach (string a in args) info.ArgumentList.Add(a);
            if (environment != null) foreach (var e in environment) info.Environment[e.Key] = e.Value;
            var process = Process.Start(info);
            var stderr = new System.Collections.Generic.List<string>();
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (stderr) stderr.Add(e.Data); };
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
            // Keep draining stdout so the emulator never blocks on a full pipe.
            _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() != null) { } });
            string url = m.Groups["url"].Value.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1");
            return new EmulatorProcess(process, new Uri(url), m.Groups["key"].Value, line, stderr);
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
