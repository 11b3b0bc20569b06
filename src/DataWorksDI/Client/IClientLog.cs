namespace DataWorksDI.Client
{
    /// <summary>
    /// Where the client reports what it does. Cmdlets queue these messages and write them on the pipeline thread.
    /// Nothing passed here may contain a secret or a token.
    /// </summary>
    internal interface IClientLog
    {
        void Verbose(string message);

        void Debug(string message);
    }

    /// <summary>Discards everything.</summary>
    internal sealed class NullClientLog : IClientLog
    {
        public static readonly NullClientLog Instance = new NullClientLog();

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
