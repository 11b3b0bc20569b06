namespace DataWorksDI.Models
{
    /// <summary>A Data Integration sync task as created or changed (CreateDISyncTask / UpdateDISyncTask). Pipes on by FileId.</summary>
    public sealed class DISyncTask
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }
        public string FileName { get; set; }
        public DITaskType TaskType { get; set; }
        public string FolderPath { get; set; }
        public string ResourceGroup { get; set; }
        public double? Cu { get; set; }

        /// <summary>The RequestId of the create or update call.</summary>
        public string RequestId { get; set; }

        public override string ToString() => $"{FileName} ({FileId})";
    }
}
