using DataWorksDI.Workflows;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that wait for DataWorks to finish something (a deployment package, a generated real-time
    /// config, an instance that starts): the common wait parameters -Timeout and -PollInterval, declared once.
    /// </summary>
    public abstract class WaitingCmdlet : WorkspaceCmdlet
    {
        /// <summary>How long to wait before giving up (default 10 minutes). A number means seconds.</summary>
        [Parameter]
        [TimeSpanTransformation("Seconds")]
        [ValidatePositiveTimeSpan]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The first polling interval (default 2 s); it grows by half each poll, up to 30 s, because polls count against the quota. A number means seconds.</summary>
        [Parameter]
        [TimeSpanTransformation("Seconds")]
        [ValidatePositiveTimeSpan]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>-Timeout and -PollInterval for a workflow.</summary>
        internal WaitOptions WaitOptions => new WaitOptions(Timeout, PollInterval);

        /// <summary>A deployment package piped in as the input object (it tells that the file is a batch file), or null.</summary>
        internal static Models.DIDeployment PipedDeployment(object inputObject) =>
            (inputObject is PSObject p ? p.BaseObject : inputObject) as Models.DIDeployment;
    }
}
