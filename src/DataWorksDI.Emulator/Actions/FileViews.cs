using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>How files, schedules and versions look on the wire (GetFile, ListFiles, ListFileVersions).</summary>
    public static class FileViews
    {
        public static JsonObject File(Db db, FileRecord f, bool includeContent, bool includeDeletedStatus, string absoluteFolderPath = null)
        {
            Folder folder = Tenant.FolderById(db, f.ProjectId, f.FolderId);
            long businessId = folder == null ? 0 : Tenant.BusinessIdOf(db, f.ProjectId, folder.Path);
            return File(f, businessId, includeContent, includeDeletedStatus, absoluteFolderPath);
        }

        /// <summary>The wire shape of a file whose workflow (business) id the caller already knows.</summary>
        public static JsonObject File(FileRecord f, long businessId, bool includeContent, bool includeDeletedStatus, string absoluteFolderPath)
        {
            var o = new JsonObject
            {
                ["FileId"] = f.FileId,
                ["FileName"] = f.Name,
                ["FileType"] = f.FileType,
                ["FileFolderId"] = f.FolderId,
            };
            if (absoluteFolderPath != null) o["AbsoluteFolderPath"] = absoluteFolderPath;
            o["FileDescription"] = f.Description;
            if (includeContent) o["Content"] = f.Content;
            o["CommitStatus"] = f.CommitStatus;
            o["CurrentVersion"] = f.CurrentVersion;
            if (f.NodeId != null) o["NodeId"] = f.NodeId.Value;
            o["BusinessId"] = businessId;
            o["BizId"] = businessId;
            o["ConnectionName"] = f.ConnectionName;
            o["CreateTime"] = f.CreateTime;
            o["CreateUser"] = f.CreateUser;
            o["LastEditTime"] = f.LastEditTime;
            o["LastEditUser"] = f.LastEditUser;
            o["Owner"] = f.Owner;
            o["UseType"] = f.UseType;
            if (includeDeletedStatus) o["DeletedStatus"] = f.DeletedStatus;
            o["ParentId"] = -1;
            o["AutoParsing"] = f.AutoParsing;
            o["IsMaxCompute"] = false;
            o["AdvancedSettings"] = f.AdvancedSettings;
            return o;
        }

        public static JsonObject NodeConfiguration(Db db, NodeConfig c)
        {
            ResourceGroup group = string.IsNullOrEmpty(c.ResourceGroupIdentifier) ? null : Tenant.GroupByIdentifier(db, c.ResourceGroupIdentifier);
            var inputs = new JsonArray();
            foreach (string input in c.InputList) inputs.Add(new JsonObject { ["Input"] = input, ["ParseType"] = "MANUAL" });
            var outputs = new JsonArray();
            foreach (string output in c.OutputList) outputs.Add(new JsonObject { ["Output"] = output, ["RefTableName"] = "" });
            var inParams = new JsonArray();
            foreach (var p in c.InputParameters) inParams.Add(new JsonObject { ["ParameterName"] = p.ParameterName, ["ValueSource"] = p.ValueSource });
            var outParams = new JsonArray();
            foreach (var p in c.OutputParameters)
                outParams.Add(new JsonObject { ["ParameterName"] = p.ParameterName, ["Type"] = p.Type, ["Value"] = p.Value, ["Description"] = p.Description ?? "" });
            return new JsonObject
            {
                ["CronExpress"] = c.CronExpress,
                ["CycleType"] = c.CycleType,
                ["DependentType"] = c.DependentType,
                ["DependentNodeIdList"] = c.DependentNodeIdList,
                ["InputList"] = inputs,
                ["OutputList"] = outputs,
                ["InputParameters"] = inParams,
                ["OutputParameters"] = outParams,
                ["ParaValue"] = c.ParaValue,
                ["RerunMode"] = c.RerunMode,
                ["AutoRerunTimes"] = c.AutoRerunTimes,
                ["AutoRerunIntervalMillis"] = c.AutoRerunIntervalMillis,
                ["ResourceGroupId"] = group?.Id ?? 0,
                ["SchedulerType"] = c.SchedulerType,
                ["Stop"] = c.Stop,
                ["StartEffectDate"] = c.StartEffectDate,
                ["EndEffectDate"] = c.EndEffectDate,
                ["StartImmediately"] = c.StartImmediately,
                ["ApplyScheduleImmediately"] = c.ApplyScheduleImmediately ? "true" : "false",
                ["IgnoreParentSkipRunningProperty"] = c.IgnoreParentSkipRunningProperty ? "true" : "false",
                ["ImageId"] = c.ImageId,
                ["Timeout"] = c.Timeout,
            };
        }

        /// <summary>File version NodeContent: the schedule as committed (cycleType 0 = DAY, 1 = NOT_DAY).</summary>
        public static string NodeContent(FileRecord f)
        {
            var c = f.Config;
            return new JsonObject
            {
                ["cycleType"] = c.CycleType == "NOT_DAY" ? 1 : 0,
                ["cronExpress"] = c.CronExpress,
                ["dependentType"] = c.DependentType,
                ["dependentNodeIdList"] = c.DependentNodeIdList,
                ["inputList"] = string.Join(",", c.InputList),
                ["outputList"] = string.Join(",", c.OutputList),
                ["paraValue"] = c.ParaValue,
                ["rerunMode"] = c.RerunMode,
                ["autoRerunTimes"] = c.AutoRerunTimes,
                ["autoRerunIntervalMillis"] = c.AutoRerunIntervalMillis,
                ["schedulerType"] = c.SchedulerType,
                ["stop"] = c.Stop,
                ["startEffectDate"] = c.StartEffectDate,
                ["endEffectDate"] = c.EndEffectDate,
                ["resourceGroupIdentifier"] = c.ResourceGroupIdentifier,
                ["applyScheduleImmediately"] = c.ApplyScheduleImmediately,
                ["timeout"] = c.Timeout,
            }.ToJsonString();
        }

        /// <summary>File version FilePropertyContent: the file's own properties as committed.</summary>
        public static string PropertyContent(Db db, FileRecord f)
        {
            Folder folder = Tenant.FolderById(db, f.ProjectId, f.FolderId);
            var o = new JsonObject
            {
                ["fileName"] = f.Name,
                ["fileType"] = f.FileType,
                ["fileFolderPath"] = folder?.Path ?? "",
                ["fileDescription"] = f.Description,
                ["owner"] = f.Owner,
                ["connectionName"] = f.ConnectionName,
            };
            if (f.DiResourceGroup != null) o["resourceGroup"] = f.DiResourceGroup;
            if (f.DiCu != null) o["cu"] = f.DiCu.Value;
            return o.ToJsonString();
        }

        public static JsonObject Version(FileVersion v, int prodVersion) => new JsonObject
        {
            ["FileVersion"] = v.Version,
            ["FileName"] = v.FileName,
            ["FileContent"] = v.Content,
            ["FilePropertyContent"] = v.PropertyContent,
            ["NodeContent"] = v.NodeContent,
            ["NodeId"] = v.NodeId,
            ["ChangeType"] = v.ChangeType,
            ["Status"] = v.Status,
            ["Comment"] = v.Comment,
            ["CommitTime"] = v.CommitTime,
            ["CommitUser"] = v.CommitUser,
            ["IsCurrentProd"] = v.Version == prodVersion,
            ["UseType"] = v.UseType,
        };

        /// <summary>
        /// The default schedule of a new node: daily, at a minute between 00:05 and 00:29 derived from its id, and the two
        /// default outputs DataWorks gives every new node (dataworks-rules.md, "Schedules"): <c>&lt;workspace&gt;.&lt;node
        /// name&gt;</c> and <c>&lt;workspace&gt;.&lt;FileId&gt;_out</c>. Output names are unique among live nodes, so when
        /// another live node already has <c>&lt;workspace&gt;.&lt;node name&gt;</c> (same name in another folder) the new
        /// node gets the <c>_out</c> one only (docs/emulator.md).
        /// </summary>
        public static NodeConfig DefaultConfig(Db db, Workspace ws, long fileId, string nodeName, ResourceGroup schedulingGroup)
        {
            var outputs = new System.Collections.Generic.List<string>();
            string byName = ws.Identifier + "." + nodeName;
            if (!FileActions.OutputInUse(db, byName, fileId)) outputs.Add(byName);
            outputs.Add(ws.Identifier + "." + fileId.ToString(CultureInfo.InvariantCulture) + "_out");
            return new NodeConfig
            {
                CronExpress = "00 " + (5 + (int)(fileId % 25)).ToString("00", CultureInfo.InvariantCulture) + " 00 * * ?",
                CycleType = "DAY",
                OutputList = outputs,
                ResourceGroupIdentifier = schedulingGroup?.Identifier,
            };
        }

        public static string JoinList(System.Collections.Generic.IEnumerable<string> items) => string.Join(",", items.Where(s => s.Length > 0));
    }
}
