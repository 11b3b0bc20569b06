using System.Management.Automation;
using System.Threading.Tasks;
using DataWorksDI.Cmdlets;

namespace DataWorksDI.Bench
{
    /// <summary>
    /// PowerShell's own per-command floor for CmdletCostBench: a binary cmdlet that binds one validated long parameter, as
    /// Get-DIWorkspace -ProjectId does, and writes one object; nothing else.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "BenchEmptyCmdlet")]
    public sealed class EmptyCmdlet : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1, long.MaxValue)]
        public long ProjectId { get; set; }

        protected override void ProcessRecord() => WriteObject(new Result(ProjectId));

        public sealed class Result
        {
            public Result(long projectId) => ProjectId = projectId;

            public long ProjectId { get; }
        }
    }

    /// <summary>
    /// The module's cmdlet layer without the call: derives from the module's DataWorksApiCmdlet, resolves the session
    /// context and runs already-completed work through the same Run path (the pipeline pump) every cmdlet uses, then
    /// writes one object. What it costs above <see cref="EmptyCmdlet"/> is the module's per-call overhead outside the client.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "BenchModuleLayer")]
    public sealed class ModuleLayerCmdlet : DataWorksApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1, long.MaxValue)]
        public long ProjectId { get; set; }

        protected override void ProcessRecord()
        {
            ResolveContext();
            if (TryRun(ct => Task.FromResult(new EmptyCmdlet.Result(ProjectId)), ProjectId, out EmptyCmdlet.Result result)) WriteObject(result);
        }
    }
}
