using System;
using System.IO;
using System.Threading.Tasks;
using DataWorksDI.Emulator;
using DataWorksDI.Emulator.Options;
using Xunit;

namespace DataWorksDI.Emulator.Tests.Infrastructure
{
    /// <summary>An in-process emulator on 127.0.0.1:0 with its own temporary data directory.</summary>
    public sealed class TestEmulator : IAsyncDisposable
    {
        private TestEmulator(RunningEmulator running, string dataDirectory)
        {
            Running = running;
            DataDirectory = dataDirectory;
            Client = new DwClient(running.BaseAddress, new Key(EmulatorOptions.DemoAccessKeyId, EmulatorOptions.DemoAccessKeySecret, null));
        }

        public RunningEmulator Running { get; }
        public string DataDirectory { get; }
        public DwClient Client { get; }

        public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "dwemu-tests", Guid.NewGuid().ToString("N"));

        public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions> configure = null, string dataDirectory = null)
        {
            var options = new EmulatorOptions
            {
                Urls = "http://127.0.0.1:0",
                DataDirectory = dataDirectory ?? NewDataDirectory(),
                DeploymentDelay = TimeSpan.FromMilliseconds(300),
            };
            configure?.Invoke(options);
            var running = await EmulatorHost.StartAsync(options);
            return new TestEmulator(running, options.DataDirectory);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Running.DisposeAsync();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>One shared emulator (default options) for the tests of a class.</summary>
    public sealed class SharedEmulator : IAsyncLifetime
    {
        public TestEmulator Emulator { get; private set; }
        public DwClient Client => Emulator.Client;

        public async Task InitializeAsync() => Emulator = await TestEmulator.StartAsync();

        public async Task DisposeAsync() => await Emulator.DisposeAsync();
    }
}
