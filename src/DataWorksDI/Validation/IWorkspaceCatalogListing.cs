namespace DataWorksDI.Validation
{
    /// <summary>
    /// Implemented by an <see cref="IWorkspaceCatalog"/> that also knows the names themselves, so that a finding about an
    /// unknown data source or resource group can suggest the closest existing names ("did you mean 'mysql_pub'?", see
    /// <see cref="ClosestMatches"/>). Each list is null when it is not known; the suggestion is then left out, never guessed.
    /// </summary>
    public interface IWorkspaceCatalogListing
    {
        /// <summary>The names of the workspace's data sources, or null when not known.</summary>
        IReadOnlyCollection<string> DataSourceNames { get; }

        /// <summary>The identifiers of the Data Integration resource groups the account can use, or null when not known.</summary>
        IReadOnlyCollection<string> ResourceGroupIdentifiers { get; }
    }
}
