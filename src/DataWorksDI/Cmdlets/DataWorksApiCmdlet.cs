using System.Management.Automation;
using DataWorksDI.Session;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Base of every cmdlet that calls DataWorks: resolves the context once (explicit -Context, else the runspace's
    /// session context) and names the source that won in -Debug output.
    /// </summary>
    public abstract class DataWorksApiCmdlet : DataWorksCmdlet
    {
        private DIContext _resolved;

        /// <summary>Use this context for this call instead of the session's (from Connect-DIWorkspace or Get-DIContext).</summary>
        [Parameter]
        [ValidateNotNull]
        public DIContext Context { get; set; }

        /// <summary>The context for this call, or null when there is none (for cmdlets that can work offline).</summary>
        internal DIContext TryResolveContext()
        {
            AssertPipelineThread();
            return _resolved ?? Context ?? SessionContextStore.Get();
        }

        /// <summary>The context for this call. Terminates when there is none: no cmdlet can work without one.</summary>
        internal DIContext ResolveContext()
        {
            AssertPipelineThread();
            if (_resolved != null) return _resolved;
            if (Context != null)
            {
                WriteDebug($"Context: the -Context parameter ({Context.Endpoint}, credentials from {Context.CredentialSource}).");
                return _resolved = Context;
            }
            DIContext session = SessionContextStore.Get();
            if (session == null)
            {
                ThrowTerminatingError(ErrorRecords.Create("DataWorksDI.NoContext",
                    "There is no DataWorks context in this session. Run Connect-DIWorkspace first (for example: Connect-DIWorkspace -Region cn-hangzhou -ProjectId 12345 -Credential (Get-Credential)), or pass -Context.",
                    ErrorCategory.ConnectionError, null));
            }
            WriteDebug($"Context: the session context from Connect-DIWorkspace ({session.Endpoint}, credentials from {session.CredentialSource}).");
            return _resolved = session;
        }
    }
}
