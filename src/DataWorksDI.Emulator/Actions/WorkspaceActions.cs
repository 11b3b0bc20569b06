using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>GetProject, ListProjects, ListResourceGroups, ListDataSources.</summary>
    public sealed class WorkspaceActions
    {
        public JsonObject GetProject(ActionContext ctx)
        {
            Workspace ws = ctx.Workspace();
            var data = ProjectView(ws, new JsonObject
            {
                ["ProjectMode"] = (int)ws.Mode,
                ["EnvTypes"] = ws.IsStandard ? new JsonArray("DEV", "PROD") : new JsonArray("PROD"),
                ["Status"] = ws.Status,
                ["DefaultDiResourceGroupIdentifier"] = ws.DefaultDiResourceGroup,
                ["SchedulerMaxRetryTimes"] = 3,
                ["SchedulerRetryInterval"] = 120000,
                ["ProjectOwnerBaseId"] = DemoTenant.UserId,
                ["TenantId"] = DemoTenant.TenantId,
                ["GmtCreate"] = Responses.JavaDate(ws.GmtCreate),
                ["GmtModified"] = Responses.JavaDate(ws.GmtCreate),
                ["ResidentArea"] = "",
                ["ProtectedMode"] = 0,
            });
            return Responses.DataStudio(data);
        }

        /// <summary>
        /// A workspace as GetProject and ListProjects give it: its id and names, then <paramref name="own"/> (the fields
        /// that differ between the two), then the settings both report alike.
        /// </summary>
        private static JsonObject ProjectView(Workspace ws, JsonObject own)
        {
            var view = new JsonObject
            {
                ["ProjectId"] = ws.ProjectId,
                ["ProjectIdentifier"] = ws.Identifier,
                ["ProjectName"] = ws.Name,
                ["ProjectDescription"] = ws.Description,
            };
            Responses.MoveFields(own, view);
            view["IsDefault"] = 0;
            view["DisableDevelopment"] = false;
            view["TablePrivacyMode"] = 0;
            view["UseProxyOdpsAccount"] = false;
            view["ResourceManagerResourceGroupId"] = "rg-emulator-default";
            view["Tags"] = new JsonArray();
            return view;
        }

        public JsonObject ListProjects(ActionContext ctx)
        {
            Paging paging = ctx.Paging();
            // A key limited to some workspaces lists only those.
            var (total, page) = Tenant.WorkspacesPage(ctx.Db, ctx.Caller?.Key?.ProjectIds, paging.Offset, paging.Size);
            var list = new JsonArray();
            foreach (var ws in page)
            {
                list.Add(ProjectView(ws, new JsonObject
                {
                    ["ProjectStatus"] = ws.Status,
                    ["ProjectStatusCode"] = "AVAILABLE",
                    ["ProjectOwnerBaseId"] = DemoTenant.UserId,
                }));
            }
            // ListProjects answers PageResult (not Data) and has no Success/HttpStatusCode (SDK response model).
            return new JsonObject
            {
                ["PageResult"] = paging.Result(total, "ProjectList", list),
            };
        }

        public JsonObject ListResourceGroups(ActionContext ctx)
        {
            int type = ctx.Int("ResourceGroupType") ?? 1;
            string keyword = ctx.Str("Keyword");
            string bizExtKey = ctx.Str("BizExtKey");
            var groups = Tenant.Groups(ctx.Db).Where(g => g.Serves(type));
            if (!string.IsNullOrEmpty(keyword))
                groups = groups.Where(g => g.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase) || g.Identifier.Contains(keyword, StringComparison.OrdinalIgnoreCase));
            if (!string.IsNullOrEmpty(bizExtKey)) groups = groups.Where(g => g.BizExtKey == bizExtKey);
            var data = new JsonArray();
            foreach (var g in groups)
            {
                data.Add(new JsonObject
                {
                    ["Id"] = g.Id,
                    ["Identifier"] = g.Identifier,
                    ["Name"] = g.Name,
                    ["Mode"] = g.Mode,
                    ["Status"] = g.Status,
                    ["BizExtKey"] = g.BizExtKey,
                    ["ResourceGroupType"] = type.ToString(CultureInfo.InvariantCulture),
                    ["IsDefault"] = g.IsDefault,
                    ["Cluster"] = g.Cluster,
                    ["EnableKp"] = false,
                    ["CreateTime"] = Responses.JavaDate(g.CreateTime),
                    ["UpdateTime"] = Responses.JavaDate(g.CreateTime),
                    ["Sequence"] = g.Sequence,
                    ["Specs"] = new JsonObject(),
                    ["TenantId"] = DemoTenant.TenantId,
                    ["ResourceManagerResourceGroupId"] = "rg-emulator-default",
                    ["Tags"] = new JsonArray(),
                });
            }
            return Responses.DataStudio(data);
        }

        public JsonObject ListDataSources(ActionContext ctx)
        {
            Workspace ws = ctx.WorkspaceById();
            Paging paging = ctx.Paging();
            IEnumerable<DataSource> sources = Tenant.DataSources(ctx.Db, ws.ProjectId);
            string name = ctx.Str("Name");
            if (!string.IsNullOrEmpty(name)) sources = sources.Where(d => d.Name.Contains(name, StringComparison.Ordinal));
            string type = ctx.Str("DataSourceType");
            if (!string.IsNullOrEmpty(type)) sources = sources.Where(d => string.Equals(d.Type, type, StringComparison.OrdinalIgnoreCase));
            string subType = ctx.Str("SubType");
            if (!string.IsNullOrEmpty(subType)) sources = sources.Where(d => string.Equals(d.SubType, subType, StringComparison.OrdinalIgnoreCase));
            int? env = ctx.Int("EnvType");
            if (env != null)
            {
                if (env != 0 && env != 1) throw ErrorCatalogue.InvalidParameter("EnvType", "It is 0 (development) or 1 (production).");
                sources = sources.Where(d => d.EnvType == env);
            }
            string status = ctx.Str("Status");
            if (!string.IsNullOrEmpty(status))
            {
                int wanted = status == "ENABLED" ? 1 : status == "DISABLED" ? 2 : throw ErrorCatalogue.InvalidParameter("Status", "It is ENABLED or DISABLED.");
                sources = sources.Where(d => d.Status == wanted);
            }
            var all = sources.ToList();
            var list = new JsonArray();
            foreach (var d in paging.Page(all))
            {
                list.Add(new JsonObject
                {
                    ["Id"] = d.Id,
                    ["Name"] = d.Name,
                    ["DataSourceType"] = d.Type,
                    ["SubType"] = d.SubType,
                    ["EnvType"] = d.EnvType,
                    ["Status"] = d.Status,
                    ["ConnectStatus"] = d.ConnectStatus,
                    ["Description"] = d.Description,
                    ["Content"] = d.Content,
                    ["ProjectId"] = (int)d.ProjectId,
                    ["TenantId"] = DemoTenant.TenantId,
                    ["BindingCalcEngineId"] = 0,
                    ["DefaultEngine"] = false,
                    ["Shared"] = false,
                    ["Sequence"] = 300,
                    ["Operator"] = DemoTenant.UserId,
                    ["GmtCreate"] = Responses.JavaDate(d.GmtCreate),
                    ["GmtModified"] = Responses.JavaDate(d.GmtCreate),
                });
            }
            return Responses.DataStudio(paging.Result(all.Count, "DataSources", list));
        }
    }
}
