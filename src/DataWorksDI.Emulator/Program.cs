using System;
using System.Threading.Tasks;
using DataWorksDI.Emulator.Options;
using Microsoft.Extensions.Configuration;

namespace DataWorksDI.Emulator
{
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            EmulatorOptions options;
            try
            {
                IConfiguration configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
                options = EmulatorOptions.FromConfiguration(configuration);
            }
            catch (Exception e) when (e is OptionsException || e is FormatException)
            {
                Console.Error.WriteLine("DataWorks emulator: " + e.Message);
                Console.Error.WriteLine("Usage: dotnet run --project src/DataWorksDI.Emulator -- [--urls http://127.0.0.1:8787] [--data-dir <dir>] "
                    + "[--access-key-id <id> --access-key-secret <secret>] [--config <file.json>] [--deployment-delay 3s] "
                    + "[--fault-throttle-ratio r] [--fault-5xx-ratio r] [--fault-drop-ratio r] [--fault-latency-ms n] [--fault-seed n] [--qps-limit n] "
                    + "[--sts-credential-lifetime 5s] [--ecs-ram-role name]");
                return 2;
            }

            RunningEmulator emulator;
            try
            {
                emulator = await EmulatorHost.StartAsync(options).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("DataWorks emulator: cannot start: " + e.Message);
                return 1;
            }
            await using (emulator)
            {
                Console.Out.WriteLine(emulator.StartupLine);
                Console.Out.Flush();
                await emulator.WaitForShutdownAsync().ConfigureAwait(false);
            }
            return 0;
        }
    }
}
