namespace DataWorksDI.Client.Credentials
{
    /// <summary>
    /// A source of credentials. Called before every request, so a provider of temporary credentials refreshes them
    /// here before they expire (including in the middle of a long wait).
    /// </summary>
    internal interface ICredentialProvider
    {
        /// <summary>Names the source for -Debug output, e.g. "parameters" or "profile 'prod' (AK)". Never secret.</summary>
        string Name { get; }

        Task<AcsCredential> GetCredentialAsync(CancellationToken cancellationToken);
    }

    /// <summary>Fixed credentials given explicitly (parameters, a PSCredential).</summary>
    internal sealed class StaticCredentialProvider : ICredentialProvider
    {
        private readonly AcsCredential _credential;

        public StaticCredentialProvider(AcsCredential credential)
        {
            _credential = credential ?? throw new System.ArgumentNullException(nameof(credential));
        }

        public string Name => _credential.Source;

        public Task<AcsCredential> GetCredentialAsync(CancellationToken cancellationToken) => Task.FromResult(_credential);
    }
}
