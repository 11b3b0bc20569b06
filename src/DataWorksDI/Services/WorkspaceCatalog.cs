using DataWorksDI.Client;
using DataWorksDI.Session;
using DataWorksDI.Validation;

namespace DataWorksDI.Services
{
    /// <summary>
    /// The content validator's view of one workspace's catalogue (Validation.IWorkspaceCatalog): its data sources and the
    /// account's Data Integration resource groups, read through <see cref="CatalogService"/> (once per context). A list that
    /// could not be read is null, so the validator skips that check instead of guessing; with the names known it also
    /// suggests the closest ones (IWorkspaceCatalogListing).
    /// </summary>
    internal sealed class WorkspaceCatalog : IWorkspaceCatalog, IWorkspaceCatalogListing
    {
        private readonly HashSet<string> _dataSources;
        private readonly HashSet<string> _resourceGroups;

        internal WorkspaceCatalog(IReadOnlyCollection<string> dataSources, IReadOnlyCollection<string> resourceGroups)
        {
            DataSourceNames = dataSources;
            ResourceGroupIdentifiers = resourceGroups;
            _dataSources = dataSources == null ? null : new HashSet<string>(dataSources, StringComparer.Ordinal);
            _resourceGroups = resourceGroups == null ? null : new HashSet<string>(resourceGroups, StringComparer.Ordinal);
        }

        /// <summary>Reads (or takes from the context's catalogue) what the checks need; a list that fails to read is left unknown.</summary>
        public static async Task<WorkspaceCatalog> LoadAsync(DIContext context, IClientLog log, long projectId, CancellationToken ct, bool dataSources = true, bool resourceGroups = true)
        {
            var catalog = new CatalogService(context, log);
            IReadOnlyList<string> names = null, groups = null;
            if (dataSources)
            {
                try
                {
                    names = await catalog.DataSourceNamesAsync(projectId, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (Unreadable(ex, ct))
                {
                    log?.Verbose($"The data sources of workspace {projectId} could not be read ({Reason(ex)}); their names are not checked.");
                }
            }
            if (resourceGroups)
            {
                try
                {
                    groups = (await catalog.ResourceGroupsAsync(ResourceGroupType.DataIntegration, ct).ConfigureAwait(false)).Select(g => g.Identifier).ToList();
                }
                catch (Exception ex) when (Unreadable(ex, ct))
                {
                    log?.Verbose($"The Data Integration resource groups could not be read ({Reason(ex)}); the resource group is not checked.");
                }
            }
            return new WorkspaceCatalog(names, groups);
        }

        /// <summary>A failure to read a list (the service or the network), as opposed to the caller's own cancellation.</summary>
        internal static bool Unreadable(Exception ex, CancellationToken ct) =>
            !(ex is OperationCanceledException && ct.IsCancellationRequested) && (ex is DataWorksServiceException || ex is DataWorksOperationException || ex is OperationCanceledException);

        internal static string Reason(Exception ex) => ex is DataWorksServiceException s ? s.Code + ": " + s.ServiceMessage : ex.Message;

        public IReadOnlyCollection<string> DataSourceNames { get; }

        public IReadOnlyCollection<string> ResourceGroupIdentifiers { get; }

        public bool? DataSourceExists(string name) => _dataSources?.Contains(name);

        public bool? ResourceGroupExists(string identifier) => _resourceGroups?.Contains(identifier);
    }
}
