namespace DataWorksDI.Client.Credentials
{
    /// <summary>
    /// Credentials could not be found or obtained. The message names the source and what to fix, never a secret or a
    /// token: it and the inner exceptions' messages pass through <see cref="Redactor"/>. <see cref="ErrorId"/> is the
    /// cmdlet's ErrorId.
    /// </summary>
    [Serializable]
    internal sealed class CredentialException : Exception
    {
        public CredentialException(string errorId, string message, Exception inner = null) : this(errorId, message, inner, null)
        {
        }

        /// <param name="knownSecrets">Secret values of the failing call (e.g. the caller's STS token) to remove wherever they appear.</param>
        internal CredentialException(string errorId, string message, Exception inner, IEnumerable<string> knownSecrets)
            : base(Redactor.Redact(message, knownSecrets), Redactor.RedactChain(inner, knownSecrets))
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }

        public const string NotFound = "DataWorksDI.Credentials.NotFound";
        public const string ProfileNotFound = "DataWorksDI.Credentials.ProfileNotFound";
        public const string InvalidProfile = "DataWorksDI.Credentials.InvalidProfile";
        public const string InvalidFile = "DataWorksDI.Credentials.InvalidFile";
        public const string StsFailed = "DataWorksDI.Credentials.StsFailed";
        public const string MetadataFailed = "DataWorksDI.Credentials.MetadataFailed";
        public const string UriFailed = "DataWorksDI.Credentials.CredentialsUriFailed";
        public const string EmptyAccessKeyId = "DataWorksDI.Credentials.EmptyAccessKeyId";
        public const string EmptyAccessKeySecret = "DataWorksDI.Credentials.EmptyAccessKeySecret";
    }
}
