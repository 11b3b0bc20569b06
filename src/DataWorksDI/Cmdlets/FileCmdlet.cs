namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that act on one file or task of a workspace and do not wait (the real-time cmdlets without
    /// -Wait, Set-DIFileSchedule): -FileId, declared once. The waiting ones derive from <see cref="WaitingFileCmdlet"/>.
    /// </summary>
    public abstract class FileCmdlet : WorkspaceCmdlet
    {
        /// <summary>The file (or real-time task) id; binds from piped files, tasks and deployments.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public long FileId { get; set; }
    }

    /// <summary>
    /// Base of the cmdlets that act on one file or task and may wait for DataWorks to finish (Remove-, Submit-,
    /// Publish-DIFile, Set-DISyncTask, Start-DISyncInstance): -FileId with -Timeout and -PollInterval. C# has one base
    /// class, so -FileId is declared here and in <see cref="FileCmdlet"/>: the two declarations must stay the same.
    /// </summary>
    public abstract class WaitingFileCmdlet : WaitingCmdlet
    {
        /// <summary>The file (or real-time task) id; binds from piped files, tasks and deployments.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [IdTransformation]
        [ValidateRange(1, long.MaxValue)]
        [ArgumentCompleter(typeof(DataWorksCompleter))]
        public long FileId { get; set; }
    }
}
