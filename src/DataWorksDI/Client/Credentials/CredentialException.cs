using System;

namespace DataWorksDI.Client.Credentials
{
    /// <summary>
    /// Credentials could not be found or obtained. The message names the source and what to fix, never a secret or a
    /// token. <see cref="ErrorId"/> is the cmdlet's ErrorId.
    /// </summary>
    internal sealed class CredentialException : Exception
    {
        public CredentialException(string errorId, string message, Exception inner = null) : base(message, inner)
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
    }
}
