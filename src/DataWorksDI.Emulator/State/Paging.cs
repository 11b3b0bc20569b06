namespace DataWorksDI.Emulator.State
{
    public static class Paging
    {
        /// <summary>Documented maximum PageSize of the paged list operations.</summary>
        public const int MaxPageSize = 100;
    }
}
