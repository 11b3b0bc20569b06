using DataWorksDI.Client;

namespace DataWorksDI.Session
{
    /// <summary>
    /// The pacing rate and daily call budget a context gets from Connect-DIWorkspace -Edition (written once, here), from
    /// DataWorks' "Use OpenAPI" page (docs/client.md, "Defaults per edition", with the sources): the limits count every
    /// call of an Alibaba Cloud account and its RAM users in a region.
    /// </summary>
    internal static class EditionLimits
    {
        /// <summary>
        /// Requests per second: 5 for Basic, Standard and Professional (their documented limit for all APIs together);
        /// 20 for Enterprise (its write limit — a run that creates and deploys tasks mixes reads with writes, and one pacer
        /// paces both; a read-only script may configure up to 50 with -MaxRequestsPerSecond).
        /// </summary>
        public static double RequestsPerSecond(DIEdition edition) => edition == DIEdition.Enterprise ? 20 : 5;

        /// <summary>
        /// Calls a day: 100 for Basic (the documented limit in every revision of the page); none for the others (the
        /// current page documents no daily limit for them, only a monthly free quota; the 2025 revision had 1,000 for
        /// Standard and 10,000 for Professional — give -DailyCallBudget to guard against those).
        /// </summary>
        public static int? DailyCallBudget(DIEdition edition) => edition == DIEdition.Basic ? 100 : (int?)null;

        /// <summary>Without an edition: the client's default rate (the one limit every edition takes) and no budget.</summary>
        public static double DefaultRequestsPerSecond => DataWorksClientOptions.DefaultMaxRequestsPerSecond;
    }
}
