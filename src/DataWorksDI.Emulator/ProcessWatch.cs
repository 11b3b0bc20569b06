using System.Diagnostics;

namespace DataWorksDI.Emulator
{
    /// <summary>
    /// <c>--exit-with-process pid</c>: completes <see cref="Exited"/> once the given process has gone, so an emulator started
    /// by a test run or a PowerShell session does not outlive it when it ends without stopping the emulator (a test host
    /// killed at the end of a run, a closed terminal). It checks once a second; the process's start time guards against a
    /// recycled process id.
    /// </summary>
    internal sealed class ProcessWatch
    {
        public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

        private ProcessWatch(int processId, DateTime? startTime)
        {
            ProcessId = processId;
            Exited = WatchAsync(startTime);
        }

        public int ProcessId { get; }

        public Task Exited { get; }

        /// <summary>A watch of the process, or null when no process has that id now.</summary>
        public static ProcessWatch TryStart(int processId)
        {
            if (!IsRunning(processId, null, out DateTime? startTime)) return null;
            return new ProcessWatch(processId, startTime);
        }

        private async Task WatchAsync(DateTime? startTime)
        {
            while (IsRunning(ProcessId, startTime, out _)) await Task.Delay(Interval).ConfigureAwait(false);
        }

        private static bool IsRunning(int processId, DateTime? expectedStart, out DateTime? startTime)
        {
            startTime = null;
            try
            {
                using (Process process = Process.GetProcessById(processId))
                {
                    if (process.HasExited) return false;
                    try { startTime = process.StartTime; } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
                    return !(expectedStart.HasValue && startTime.HasValue && startTime.Value != expectedStart.Value);
                }
            }
            catch (ArgumentException)
            {
                return false;   // no process with that id
            }
            catch (InvalidOperationException)
            {
                return false;   // it exited while being looked at
            }
        }
    }
}
