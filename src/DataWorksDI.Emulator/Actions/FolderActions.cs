using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>CreateFolder, GetFolder, ListFolders (direct children).</summary>
    public sealed class FolderActions
    {
        public JsonObject CreateFolder(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            string path = ctx.RequiredStr("FolderPath");
            if (!FolderPaths.IsWellFormed(path)) throw ErrorCatalogue.FolderInvalid(path, "empty segments are not allowed");
            if (!FolderPaths.HasKnownRoot(path))
                throw ErrorCatalogue.FolderInvalid(path, "a folder path starts with one of: " + string.Join(", ", FolderPaths.Roots));
            if (FolderPaths.Segments(path).Length < 2)
                throw ErrorCatalogue.FolderInvalid(path, "the root folder itself cannot be created");
            if (Tenant.FolderByPath(ctx.Db, ws.ProjectId, path) != null) throw ErrorCatalogue.FolderExists(FolderPaths.Normalize(path));
            Folder folder = Tenant.EnsureFolder(ctx.Db, ws.ProjectId, path, ctx.Now);
            return Responses.DataStudio(JsonValue.Create(folder.FolderId));
        }

        public JsonObject GetFolder(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            string id = ctx.Str("FolderId");
            string path = ctx.Str("FolderPath");
            Folder folder;
            if (!string.IsNullOrEmpty(id)) folder = Tenant.FolderById(ctx.Db, ws.ProjectId, id) ?? throw ErrorCatalogue.FolderNotExists(id);
            else if (!string.IsNullOrEmpty(path)) folder = Tenant.FolderByPath(ctx.Db, ws.ProjectId, path) ?? throw ErrorCatalogue.FolderNotExists(path);
            else throw ErrorCatalogue.MissingParameter("FolderPath");
            return Responses.DataStudio(new JsonObject { ["FolderId"] = folder.FolderId, ["FolderPath"] = folder.Path });
        }

        public JsonObject ListFolders(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            string parent = ctx.RequiredStr("ParentFolderPath");
            Paging paging = ctx.Paging(required: true);
            string normalized = FolderPaths.Normalize(parent);
            if (normalized.Length > 0 && Tenant.FolderByPath(ctx.Db, ws.ProjectId, normalized) == null) throw ErrorCatalogue.FolderNotExists(parent);
            var (total, children) = Tenant.ChildFoldersPage(ctx.Db, ws.ProjectId, normalized, paging.Offset, paging.Size);
            var list = new JsonArray();
            foreach (var f in children) list.Add(new JsonObject { ["FolderId"] = f.FolderId, ["FolderPath"] = f.Path });
            return Responses.DataStudio(paging.Result(total, "Folders", list));
        }
    }
}
