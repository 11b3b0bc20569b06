namespace DataWorksDI.Validation
{
    /// <summary>
    /// Optional look-ups into the target workspace, supplied by the caller (e.g. backed by ListDataSources and
    /// ListResourceGroups, cached). The validation library itself makes no calls. Return null when the answer is not
    /// known (no permission, not fetched, call failed): the check is then skipped rather than guessed.
    /// A catalog that can also list the names implements <see cref="IWorkspaceCatalogListing"/>; the findings about an
    /// unknown name then name the closest existing ones.
    /// </summary>
    public interface IWorkspaceCatalog
    {
        /// <summary>True/false when known whether a data source with this name is registered in the workspace; null when unknown.</summary>
        bool? DataSourceExists(string name);

        /// <summary>True/false when known whether a Data Integration resource group with this identifier exists; null when unknown.</summary>
        bool? ResourceGroupExists(string identifier);
    }
}
