using DataWorksDI.Emulator.Options;

namespace DataWorksDI.Emulator.Actions
{
    public delegate JsonObject ActionHandler(ActionContext context);

    public sealed class ActionDescriptor
    {
        public ActionDescriptor(string name, ActionHandler handler, bool acceptsClientToken, bool readOnly = false)
        {
            Name = name;
            Handler = handler;
            AcceptsClientToken = acceptsClientToken;
            ReadOnly = readOnly;
        }

        public string Name { get; }
        public ActionHandler Handler { get; }

        /// <summary>The action documents a ClientToken: a repeated call with the same token returns the first result.</summary>
        public bool AcceptsClientToken { get; }

        /// <summary>
        /// The action only reads: it runs on a read-only connection (a snapshot, never waiting for a write; SQLite refuses
        /// any write it might attempt), after due deployments are settled by a write of their own only when some are due.
        /// </summary>
        public bool ReadOnly { get; }

        /// <summary>A Data Integration operation (…DISync…): its documented error codes are the DI family (docs/emulator.md).</summary>
        public bool IsDataIntegration => Name.Contains("DISync", StringComparison.Ordinal);
    }

    /// <summary>The one dispatch table: action name → handler.</summary>
    public sealed class ActionTable
    {
        private readonly Dictionary<string, ActionDescriptor> _actions = new Dictionary<string, ActionDescriptor>(StringComparer.Ordinal);

        public static ActionTable Create(EmulatorOptions options)
        {
            var table = new ActionTable();
            var workspace = new WorkspaceActions();
            table.Add("GetProject", workspace.GetProject, readOnly: true);
            table.Add("ListProjects", workspace.ListProjects, readOnly: true);
            table.Add("ListResourceGroups", workspace.ListResourceGroups, readOnly: true);
            table.Add("ListDataSources", workspace.ListDataSources, readOnly: true);

            var folders = new FolderActions();
            table.Add("CreateFolder", folders.CreateFolder);
            table.Add("GetFolder", folders.GetFolder, readOnly: true);
            table.Add("ListFolders", folders.ListFolders, readOnly: true);

            var files = new FileActions();
            table.Add("GetFile", files.GetFile, readOnly: true);
            table.Add("ListFiles", files.ListFiles, readOnly: true);
            table.Add("UpdateFile", files.UpdateFile);
            table.Add("ListFileVersions", files.ListFileVersions, readOnly: true);

            var deployments = new DeploymentActions(options);
            table.Add("SubmitFile", deployments.SubmitFile);
            table.Add("DeployFile", deployments.DeployFile);
            table.Add("DeleteFile", deployments.DeleteFile);
            table.Add("GetDeployment", deployments.GetDeployment, readOnly: true);
            table.Add("ListDeployments", deployments.ListDeployments, readOnly: true);

            var di = new DISyncActions();
            table.Add("CreateDISyncTask", di.CreateDISyncTask, acceptsClientToken: true);
            table.Add("UpdateDISyncTask", di.UpdateDISyncTask);

            var realtime = new RealtimeActions(options);
            table.Add("GenerateDISyncTaskConfigForCreating", realtime.GenerateDISyncTaskConfigForCreating, acceptsClientToken: true);
            table.Add("GenerateDISyncTaskConfigForUpdating", realtime.GenerateDISyncTaskConfigForUpdating, acceptsClientToken: true);
            table.Add("QueryDISyncTaskConfigProcessResult", realtime.QueryDISyncTaskConfigProcessResult);
            table.Add("GetDISyncTask", realtime.GetDISyncTask);
            table.Add("DeployDISyncTask", realtime.DeployDISyncTask);
            table.Add("StartDISyncInstance", realtime.StartDISyncInstance);
            table.Add("StopDISyncInstance", realtime.StopDISyncInstance);
            table.Add("TerminateDISyncInstance", realtime.TerminateDISyncInstance);
            table.Add("GetDISyncInstanceInfo", realtime.GetDISyncInstanceInfo);
            table.Add("DeleteDISyncTask", realtime.DeleteDISyncTask);
            return table;
        }

        private void Add(string name, ActionHandler handler, bool acceptsClientToken = false, bool readOnly = false) =>
            _actions.Add(name, new ActionDescriptor(name, handler, acceptsClientToken, readOnly));

        public bool TryGet(string name, out ActionDescriptor descriptor) => _actions.TryGetValue(name, out descriptor);

        public IEnumerable<string> Names => _actions.Keys;
    }
}
