namespace DataWorksDI.Client
{
    /// <summary>
    /// Where the client reports what it does. Cmdlets queue these messages and write them on the pipeline thread.
    /// Nothing passed here may contain a secret or a token.
    /// </summary>
    internal interface IClientLog
    {
        /// <summary>
        /// Whether a verbose line would reach anyone (a cmdlet: -Verbose, -Debug or $VerbosePreference). When false, a caller
        /// may skip building the line: per-call lines are not worth their formatting and redaction when nobody reads them.
        /// </summary>
        bool VerboseEnabled { get; }

        /// <summary>Whether a debug line would reach anyone (a cmdlet: -Debug or $DebugPreference).</summary>
        bool DebugEnabled { get; }

        void Verbose(string message);

        void Debug(string message);
    }

    /// <summary>Discards everything.</summary>
    internal sealed class NullClientLog : IClientLog
    {
        public static readonly NullClientLog Instance = new NullClientLog();

        public bool VerboseEnabled => false;

        public bool DebugEnabled => false;

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
