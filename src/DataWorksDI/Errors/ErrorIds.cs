namespace DataWorksDI.Errors
{
    /// <summary>
    /// The catalogue of the module's own ErrorIds: every failure the module detects itself (an error from DataWorks
    /// carries the API's code instead). A test checks that no other file of the module spells an id. The credential
    /// chain's ids ("DataWorksDI.Credentials.*") are defined with its exception, CredentialException, in the client layer
    /// below this one; see docs/ARCHITECTURE.md.
    /// </summary>
    internal static class ErrorIds
    {
        // No usable context, workspace or endpoint (terminating: nothing can be called).
        public const string NoContext = "DataWorksDI.NoContext";
        public const string NoRegion = "DataWorksDI.NoRegion";
        public const string UnknownRegion = "DataWorksDI.UnknownRegion";
        public const string NoWorkspace = "DataWorksDI.NoWorkspace";
        public const string InvalidEndpoint = "DataWorksDI.InvalidEndpoint";

        // Refused by the client before anything is sent.
        /// <summary>The daily call budget is spent (DataWorksClientOptions.DailyCallBudget; Connect-DIWorkspace -DailyCallBudget).</summary>
        public const string CallBudgetExhausted = "DataWorksDI.CallBudgetExhausted";

        /// <summary>A business parameter name that belongs to the signature or the gateway (Action, Signature, …).</summary>
        public const string ReservedParameterName = "DataWorksDI.ReservedParameterName";

        // Arguments refused before a call.
        /// <summary>Invoke-DIApi -Action is not an OpenAPI action name (letters and digits, starting with a letter).</summary>
        public const string InvalidActionName = "DataWorksDI.InvalidActionName";
        public const string UnknownTimeZone = "DataWorksDI.UnknownTimeZone";
        public const string ConflictingParameters = "DataWorksDI.ConflictingParameters";
        public const string NothingToChange = "DataWorksDI.NothingToChange";
        public const string InvalidCu = "DataWorksDI.InvalidCu";
        public const string TableNeedsRealtime = "DataWorksDI.TableNeedsRealtime";
        public const string NotARealtimeTask = "DataWorksDI.NotARealtimeTask";
        public const string StartParamForSolution = "DataWorksDI.StartParamForSolution";
        public const string ContentFileNotFound = "DataWorksDI.ContentFileNotFound";

        /// <summary>-Path is a directory, a device, a FIFO or an empty file: nothing to read as task JSON.</summary>
        public const string ContentFileNotRegular = "DataWorksDI.ContentFileNotRegular";

        /// <summary>-Path is larger than the module reads (TaskContentInput.MaxFileBytes).</summary>
        public const string ContentFileTooLarge = "DataWorksDI.ContentFileTooLarge";

        /// <summary>A name, path or text argument holds a control character (NUL, CR/LF, other C0) where none is allowed.</summary>
        public const string ControlCharacter = "DataWorksDI.ControlCharacter";

        /// <summary>A name, path or text argument is longer than its limit (docs/validation-rules.md, "Argument bounds").</summary>
        public const string ValueTooLong = "DataWorksDI.ValueTooLong";
        public const string InvalidSchedule = "DataWorksDI.InvalidSchedule";
        public const string InvalidRerunInterval = "DataWorksDI.InvalidRerunInterval";
        public const string InvalidEffectDates = "DataWorksDI.InvalidEffectDates";

        // Offline validation: the id is the prefix, a dot and the first finding's code (docs/validation-rules.md).
        public const string InvalidContent = "DataWorksDI.InvalidContent";
        public const string InvalidCron = "DataWorksDI.InvalidCron";
        public const string InvalidParaValue = "DataWorksDI.InvalidParaValue";
        public const string InvalidParameter = "DataWorksDI.InvalidParameter";
        public const string UnassignedParameter = "DataWorksDI.UnassignedParameter";

        /// <summary>A definition folder or stage file with errors (Compare-/Sync-DITaskDefinition): nothing is planned or applied.</summary>
        public const string InvalidDefinition = "DataWorksDI.InvalidDefinition";

        // Sync tasks as code (Export-, Sync-DITaskDefinition).
        /// <summary>Export would overwrite a definition file that differs, without -Force.</summary>
        public const string DefinitionFileExists = "DataWorksDI.DefinitionFileExists";

        /// <summary>A live task whose content is not a JSON object cannot be exported.</summary>
        public const string UnreadableTaskContent = "DataWorksDI.UnreadableTaskContent";

        /// <summary>Sync-DITaskDefinition -MaxCalls: the run stopped before a step that would go past it.</summary>
        public const string CallLimitReached = "DataWorksDI.CallLimitReached";

        /// <summary>A task not applied because a task it depends on (its inputList) failed or is pending.</summary>
        public const string UpstreamNotApplied = "DataWorksDI.UpstreamNotApplied";

        /// <summary>A deletion needs a confirmation the host cannot ask for (no -Force).</summary>
        public const string ConfirmationRequired = "DataWorksDI.ConfirmationRequired";

        /// <summary>A plan object piped to Sync-DITaskDefinition that no longer matches a definition.</summary>
        public const string PlanOutOfDate = "DataWorksDI.PlanOutOfDate";

        // A name that matches nothing (as Get-Item's ItemNotFound).
        /// <summary>Get-DIFile -Name without wildcards found no file of that name.</summary>
        public const string FileNotFound = "DataWorksDI.FileNotFound";

        // Names the workspace catalogue does not know, refused before anything is sent (Workflows.WorkspaceChecks), and the
        // service's refusals of the same mistakes (DI.Status.Fail with "ResourceGroup:[…] is invalid.", "Invalid path: …").
        public const string UnknownFolder = "DataWorksDI.UnknownFolder";
        public const string NotADataIntegrationFolder = "DataWorksDI.NotADataIntegrationFolder";
        public const string UnknownResourceGroup = "DataWorksDI.UnknownResourceGroup";
        public const string StoppedResourceGroup = "DataWorksDI.StoppedResourceGroup";
        public const string InvalidResourceGroup = "DataWorksDI.InvalidResourceGroup";
        public const string InvalidFolder = "DataWorksDI.InvalidFolder";

        // What the workspace makes impossible.
        public const string NoResourceGroup = "DataWorksDI.NoResourceGroup";
        public const string SolutionDeleteUnsupported = "DataWorksDI.SolutionDeleteUnsupported";

        // Waits: a package that ended badly, or a wait that ran out of time.
        public const string DeploymentFailed = "DataWorksDI.DeploymentFailed";
        public const string DeploymentRejected = "DataWorksDI.DeploymentRejected";
        public const string DeploymentCheckFailed = "DataWorksDI.DeploymentCheckFailed";
        public const string DeploymentWaitTimeout = "DataWorksDI.DeploymentWaitTimeout";
        public const string SyncTaskConfigTimeout = "DataWorksDI.SyncTaskConfigTimeout";
        public const string SyncInstanceStartTimeout = "DataWorksDI.SyncInstanceStartTimeout";

        /// <summary>A validation ErrorId: the prefix, then the code of the first error finding.</summary>
        public static string WithCode(string prefix, string findingCode) => prefix + "." + findingCode;
    }
}
