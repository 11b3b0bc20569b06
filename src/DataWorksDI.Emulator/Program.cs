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
                options = EmulatorOptions.FromConfiguration(configuration, Environment.GetEnvironmentVariable);
            }
            catch (Exception e) when (e is OptionsException || e is FormatException)
            {
                Console.Error.WriteLine("DataWorks emulator: " + e.Message);
                Console.Error.WriteLine("Usage: dotnet run --project src/DataWorksDI.Emulator -- [--urls http://127.0.0.1:8787] [--data-dir <dir>] "
                    + "[--config <file.json>] [--deployment-delay 3s] "
                    + "[--seed-files n] [--fault-throttle-ratio r] [--fault-5xx-ratio r] [--fault-5xx-after-ratio r] [--fault-drop-ratio r] "
                    + "[--fault-latency-ms n] [--fault-seed n] [--qps-limit n] "
                    + "[--sts-credential-lifetime 5s] [--ecs-ram-role name] [--exit-with-process pid]");
                Console.Error.WriteLine("Secrets: " + EmulatorOptions.AccessKeyIdVariable + " + " + EmulatorOptions.AccessKeySecretVariable + ", "
                    + EmulatorOptions.AdminTokenVariable + ", or the --config file (--access-key-id/--access-key-secret and --admin-token work too, "
                    + "but the command line is visible in the process list).");
                return 2;
            }
            foreach (string warning in options.Warnings) Console.Error.WriteLine("DataWorks emulator: warning: " + warning);

            ProcessWatch watch = null;
            if (options.ExitWithProcessId.HasValue)
            {
                watch = ProcessWatch.TryStart(options.ExitWithProcessId.Value);
                if (watch == null)
                {
                    Console.Error.WriteLine("DataWorks emulator: --exit-with-process " + options.ExitWithProcessId.Value + ": no such process is running.");
                    return 2;
                }
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
                if (!emulator.AdminAccess.ServesAdmin)
                    Console.Error.WriteLine("DataWorks emulator: warning: listening beyond loopback without an admin token: the admin endpoints (/_emulator/…, "
                        + "/latest/…) are switched off. Set " + EmulatorOptions.AdminTokenVariable + " (or \"adminToken\" in --config) to serve them with a token.");
                Task shutdown = emulator.WaitForShutdownAsync();
                if (watch != null && await Task.WhenAny(shutdown, watch.Exited).ConfigureAwait(false) == watch.Exited)
                {
                    Console.Error.WriteLine("DataWorks emulator: process " + watch.ProcessId + " (--exit-with-process) has exited; stopping.");
                    return 0;
                }
                await shutdown.ConfigureAwait(false);
            }
            return 0;
        }
    }
}
