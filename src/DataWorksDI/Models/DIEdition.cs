namespace DataWorksDI.Models
{
    /// <summary>
    /// The DataWorks edition of the account, which sets its OpenAPI limits (Connect-DIWorkspace -Edition chooses the
    /// pacing rate and daily call budget that fit it; docs/client.md, "Defaults per edition").
    /// </summary>
    public enum DIEdition
    {
        /// <summary>All APIs together at most 5 per second and 100 calls a day.</summary>
        Basic,

        /// <summary>At most 5 per second; no daily limit in the current documentation (1,000 a day in the 2025 one).</summary>
        Standard,

        /// <summary>At most 5 per second; no daily limit in the current documentation (10,000 a day in the 2025 one).</summary>
        Professional,

        /// <summary>At most 50 reads and 20 writes per second; no daily limit.</summary>
        Enterprise,
    }
}
