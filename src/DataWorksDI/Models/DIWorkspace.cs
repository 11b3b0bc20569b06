namespace DataWorksDI.Models
{
    /// <summary>A DataWorks workspace (GetProject / ListProjects).</summary>
    public sealed class DIWorkspace
    {
        public long ProjectId { get; set; }
        public string Identifier { get; set; }
        public string Name { get; set; }
        public string Description { get; set; }
        public DIWorkspaceMode Mode { get; set; }
        public string[] EnvTypes { get; set; }
        public int? Status { get; set; }
        public string DefaultDIResourceGroup { get; set; }

        public bool IsStandardMode => Mode == DIWorkspaceMode.Standard;

        public override string ToString() => $"{Identifier} ({ProjectId})";
    }
}
