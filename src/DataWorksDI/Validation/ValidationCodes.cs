namespace DataWorksDI.Validation
{
    /// <summary>
    /// Every finding code the validation library produces. Codes are stable: scripts may match on them.
    /// docs/validation-rules.md explains each one and where the rule comes from.
    /// </summary>
    public static class ValidationCodes
    {
        // Task content: the document as a whole
        public const string ContentEmpty = "DI.Content.Empty";
        public const string ContentMalformedJson = "DI.Content.MalformedJson";
        public const string ContentNotObject = "DI.Content.NotObject";
        public const string ContentDuplicateKey = "DI.Content.DuplicateKey";
        public const string ContentNonStandardJson = "DI.Content.NonStandardJson";
        public const string ContentDataXShape = "DI.Content.DataXShape";
        public const string ContentTypeMissing = "DI.Content.TypeMissing";
        public const string ContentTypeInvalid = "DI.Content.TypeInvalid";
        public const string ContentVersionMissing = "DI.Content.VersionMissing";
        public const string ContentVersionInvalid = "DI.Content.VersionInvalid";
        public const string ContentWrongType = "DI.Content.WrongType";

        // Steps
        public const string StepsMissing = "DI.Steps.Missing";
        public const string StepsNotArray = "DI.Steps.NotArray";
        public const string StepsEmpty = "DI.Steps.Empty";
        public const string StepsNoReader = "DI.Steps.NoReader";
        public const string StepsNoWriter = "DI.Steps.NoWriter";
        public const string StepNotObject = "DI.Step.NotObject";
        public const string StepStepTypeInvalid = "DI.Step.StepTypeInvalid";
        public const string StepStepTypeSuffix = "DI.Step.StepTypeSuffix";
        public const string StepParameterInvalid = "DI.Step.ParameterInvalid";
        public const string StepNameInvalid = "DI.Step.NameInvalid";
        public const string StepNameDuplicate = "DI.Step.NameDuplicate";
        public const string StepCategoryInvalid = "DI.Step.CategoryInvalid";
        public const string StepDataSourceMissing = "DI.Step.DataSourceMissing";

        // Columns
        public const string ColumnCountMismatch = "DI.Column.CountMismatch";
        public const string ColumnWildcard = "DI.Column.Wildcard";
        public const string ColumnEmpty = "DI.Column.Empty";

        // order.hops
        public const string OrderHopsMissing = "DI.Order.HopsMissing";
        public const string OrderHopsEmpty = "DI.Order.HopsEmpty";
        public const string OrderHopUnknownStep = "DI.Order.HopUnknownStep";
        public const string OrderHopDirection = "DI.Order.HopDirection";
        public const string OrderReaderNotConnected = "DI.Order.ReaderNotConnected";
        public const string OrderWriterNotConnected = "DI.Order.WriterNotConnected";
        public const string OrderHopCycle = "DI.Order.HopCycle";
        public const string OrderStepUnreachable = "DI.Order.StepUnreachable";

        // Plugin rules from PluginCatalog (required parameters, allowed values, column entries)
        public const string PluginUnknown = "DI.Plugin.Unknown";
        public const string PluginParameterMissing = "DI.Plugin.ParameterMissing";
        public const string PluginValueNotAllowed = "DI.Plugin.ValueNotAllowed";
        public const string PluginEntryIncomplete = "DI.Plugin.EntryIncomplete";

        // setting
        public const string SettingThrottleWithoutMbps = "DI.Setting.ThrottleWithoutMbps";
        public const string SettingMbpsInvalid = "DI.Setting.MbpsInvalid";
        public const string SettingConcurrentTooLow = "DI.Setting.ConcurrentTooLow";
        public const string SettingErrorLimitNegative = "DI.Setting.ErrorLimitNegative";
        public const string SettingErrorLimitInvalid = "DI.Setting.ErrorLimitInvalid";

        // Scheduling parameters referenced by the content
        public const string ParamUnassigned = "DI.Param.Unassigned";
        public const string ParamSchedulingExpressionInContent = "DI.Param.SchedulingExpressionInContent";
        public const string ParamUnreferenced = "DI.Param.Unreferenced";

        // Workspace checks through IWorkspaceCatalog
        public const string WorkspaceDataSourceUnknown = "DI.Workspace.DataSourceUnknown";
        public const string WorkspaceResourceGroupUnknown = "DI.Workspace.ResourceGroupUnknown";

        // ParaValue
        public const string ParaValueNameEmpty = "DI.ParaValue.NameEmpty";
        public const string ParaValueNameInvalid = "DI.ParaValue.NameInvalid";
        public const string ParaValueNameDecorated = "DI.ParaValue.NameDecorated";
        public const string ParaValueValueEmpty = "DI.ParaValue.ValueEmpty";
        public const string ParaValueValueInvalid = "DI.ParaValue.ValueInvalid";
        public const string ParaValueDuplicateName = "DI.ParaValue.DuplicateName";
        public const string ParaValueMalformed = "DI.ParaValue.Malformed";

        // CronExpress / CycleType
        public const string CronEmpty = "DI.Cron.Empty";
        public const string CronMissingSeconds = "DI.Cron.MissingSeconds";
        public const string CronYearField = "DI.Cron.YearField";
        public const string CronFieldCount = "DI.Cron.FieldCount";
        public const string CronSeconds = "DI.Cron.Seconds";
        public const string CronQuestionMark = "DI.Cron.QuestionMark";
        public const string CronSyntax = "DI.Cron.Syntax";
        public const string CronUndocumentedCharacter = "DI.Cron.UndocumentedCharacter";
        public const string CronDayOfMonthAndWeek = "DI.Cron.DayOfMonthAndWeek";
        public const string CronDayOfWeekNumbering = "DI.Cron.DayOfWeekNumbering";
        public const string CronNeverRuns = "DI.Cron.NeverRuns";
        public const string CronIntervalTooShort = "DI.Cron.IntervalTooShort";
        public const string CronTooEarly = "DI.Cron.TooEarly";
        public const string CronCycleTypeInvalid = "DI.Cron.CycleTypeInvalid";
        public const string CronCycleTypeMismatch = "DI.Cron.CycleTypeMismatch";
    }
}
