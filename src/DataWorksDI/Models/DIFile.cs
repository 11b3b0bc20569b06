namespace DataWorksDI.Models
{
    /// <summary>A DataStudio file (node), e.g. a batch sync task (GetFile / ListFiles). Pipes into the other cmdlets by FileId and ProjectId.</summary>
    public sealed class DIFile
    {
        public long ProjectId { get; set; }
        public long FileId { get; set; }
        public string FileName { get; set; }

        /// <summary>The numeric type code; see <see cref="TypeName"/> for its meaning.</summary>
        public int FileType { get; set; }

        /// <summary>The type's name (BatchSync, RealtimeSync, …) or the code when it is not a documented one.</summary>
        public string TypeName => WireEnum.FromCode<DIFileType>(FileType).ToString();

        public string FolderId { get; set; }

        /// <summary>The folder path, when the service gave it (ListFiles with absolute paths) or the module knows it.</summary>
        public string FolderPath { get; set; }

        public string Description { get; set; }

        /// <summary>The code; for a batch sync task, the task JSON exactly as stored.</summary>
        public string Content { get; set; }

        /// <summary>True when the latest content has been submitted (CommitStatus 1).</summary>
        public bool Committed { get; set; }

        public int? CurrentVersion { get; set; }

        /// <summary>The scheduler node id, assigned on the first submit.</summary>
        public long? NodeId { get; set; }

        public long? BusinessId { get; set; }
        public string Owner { get; set; }
        public string CreateUser { get; set; }
        public DateTime? CreateTime { get; set; }
        public string LastEditUser { get; set; }
        public DateTime? LastEditTime { get; set; }
        public string UseType { get; set; }

        /// <summary>NORMAL, RECYCLE_BIN or DELETED.</summary>
        public string DeletedStatus { get; set; }

        public string ConnectionName { get; set; }

        /// <summary>The scheduling properties (GetFile only; null from a listing).</summary>
        public DIFileSchedule Schedule { get; set; }

        /// <summary>Batch or Realtime for sync task files (binds to -TaskType of the next cmdlet); null for other files.</summary>
        public DITaskType? TaskType => IsBatchSync ? DITaskType.Batch : IsRealtimeSync ? DITaskType.Realtime : (DITaskType?)null;

        public bool IsBatchSync => WireEnum.FromCode<DIFileType>(FileType) == DIFileType.BatchSync;

        public bool IsRealtimeSync => WireEnum.FromCode<DIFileType>(FileType) == DIFileType.RealtimeSync;

        public override string ToString() => $"{FileName} ({FileId})";
    }
}
