using System.Management.Automation;
using System.Threading.Tasks;
using DataWorksDI.Cmdlets;
using DataWorksDI.Client;
using DataWorksDI.Internal;
using DataWorksDI.Models;
using DataWorksDI.Session;

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

    /// <summary>Get-DIFile -FileId's parameter surface and cmdlet layer, answering a finished task: no call.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "BenchFileShape", DefaultParameterSetName = "Query")]
    public sealed class FileShapeCmdlet : WorkspaceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ById", ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public long FileId { get; set; }

        [Parameter(ParameterSetName = "ById", ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = "Query")]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public override long ProjectId { get => base.ProjectId; set => base.ProjectId = value; }

        [Parameter(ParameterSetName = "Query")] [Alias("FileName")] [SupportsWildcards] [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string Name { get; set; }
        [Parameter(ParameterSetName = "Query")] [ArgumentCompleter(typeof(DataWorksCompleter))]
        public string FolderPath { get; set; }
        [Parameter(ParameterSetName = "Query")]
        public string Keyword { get; set; }
        [Parameter(ParameterSetName = "Query")]
        public DIFileType[] FileType { get; set; } = { DIFileType.BatchSync, DIFileType.RealtimeSync };
        [Parameter(ParameterSetName = "Query")]
        public SwitchParameter AnyType { get; set; }
        [Parameter(ParameterSetName = "Query")]
        public SwitchParameter IncludeContent { get; set; }
        [Parameter(ParameterSetName = "Query")] [ValidateRange(1, 100)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            long projectId = ResolveProjectId();
            ResolveContext();
            if (TryRun(ct => Task.FromResult(new DIFile { ProjectId = projectId, FileId = FileId }), FileId, out DIFile file)) WriteObject(file);
        }
    }

    /// <summary>The module layer around the client's GetFile call alone (the pump, the synchronous send), no service parse.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "BenchClientCall")]
    public sealed class ClientCallCmdlet : DataWorksApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public long FileId { get; set; }

        [Parameter(Mandatory = true)]
        public long ProjectId { get; set; }

        protected override void ProcessRecord()
        {
            DIContext context = ResolveContext();
            if (TryRun(ct => context.Client.InvokeAsync(new ApiRequest(ApiAction.GetFile).With("ProjectId", ProjectId).With("FileId", FileId), Log, ct), FileId, out Newtonsoft.Json.Linq.JObject body))
                WriteObject(body.Count);
        }
    }

    /// <summary>
    /// The bare signed call (the bench's baseline, synchronous Send) inside the plainest binary cmdlet: no module code at
    /// all. What any cmdlet making this HTTP call costs over the same call in a tight C# loop.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "BenchBareCall")]
    public sealed class BareCallCmdlet : PSCmdlet
    {
        /// <summary>Set by the bench before it measures this series.</summary>
        internal static System.Action<long> Call { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long ProjectId { get; set; }

        protected override void ProcessRecord()
        {
            Call(ProjectId);
            WriteObject(new EmptyCmdlet.Result(ProjectId));
        }
    }
}
