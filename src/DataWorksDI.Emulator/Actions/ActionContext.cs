using DataWorksDI.Emulator.Gateway;
using DataWorksDI.Emulator.Options;
using DataWorksDI.Emulator.State;

namespace DataWorksDI.Emulator.Actions
{
    /// <summary>One API call inside its transaction: the merged parameters, the caller, the clock and the state.</summary>
    public sealed class ActionContext
    {
        public ActionContext(Db db, string action, IReadOnlyDictionary<string, string> parameters, Caller caller, long nowMs, EmulatorOptions options,
            ListingCache listings = null)
        {
            Listings = listings ?? new ListingCache();
            Db = db;
            Action = action;
            Parameters = parameters;
            Caller = caller;
            Now = nowMs;
            Options = options;
        }

        public Db Db { get; }
        public string Action { get; }
        public IReadOnlyDictionary<string, string> Parameters { get; }
        public Caller Caller { get; }

        /// <summary>Now, in epoch milliseconds.</summary>
        public long Now { get; }

        public EmulatorOptions Options { get; }

        /// <summary>The store's listing cache (totals and page boundaries of the current state).</summary>
        public ListingCache Listings { get; }

        /// <summary>The account the emulator acts as for every key.</summary>
        public string UserId => DemoTenant.UserId;

        public bool Has(string name) => Parameters.ContainsKey(name);

        public string Str(string name) => Parameters.TryGetValue(name, out string v) ? v : null;

        public string RequiredStr(string name)
        {
            string v = Str(name);
            if (string.IsNullOrEmpty(v)) throw ErrorCatalogue.MissingParameter(name);
            return v;
        }

        public long? Long(string name)
        {
            string v = Str(name);
            if (string.IsNullOrEmpty(v)) return null;
            if (!long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
                throw ErrorCatalogue.InvalidParameter(name, "It must be an integer.");
            return n;
        }

        public long RequiredLong(string name)
        {
            RequiredStr(name);
            return Long(name).Value;
        }

        public int? Int(string name)
        {
            long? v = Long(name);
            if (v == null) return null;
            if (v < int.MinValue || v > int.MaxValue) throw ErrorCatalogue.InvalidParameter(name, "It is out of range.");
            return (int)v.Value;
        }

        public bool? Bool(string name)
        {
            string v = Str(name);
            if (string.IsNullOrEmpty(v)) return null;
            if (string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)) return false;
            throw ErrorCatalogue.InvalidParameter(name, "It must be true or false.");
        }

        /// <summary>DataStudio rule: ProjectId or ProjectIdentifier (exactly one workspace).</summary>
        public Workspace Workspace()
        {
            long? id = Long("ProjectId");
            string identifier = Str("ProjectIdentifier");
            if (id == null && string.IsNullOrEmpty(identifier)) throw ErrorCatalogue.MissingParameter("ProjectId");
            Workspace ws = id != null ? Tenant.WorkspaceById(Db, id.Value) : Tenant.WorkspaceByIdentifier(Db, identifier);
            if (ws == null) throw ErrorCatalogue.ProjectNotExists(id != null ? id.Value.ToString(CultureInfo.InvariantCulture) : identifier);
            if (id != null && !string.IsNullOrEmpty(identifier) && ws.Identifier != identifier) throw ErrorCatalogue.WorkspaceMismatch(id.Value, identifier);
            return Allowed(ws);
        }

        /// <summary>DI operations and ListDataSources: ProjectId is required.</summary>
        public Workspace WorkspaceById()
        {
            long id = RequiredLong("ProjectId");
            return Allowed(Tenant.WorkspaceById(Db, id) ?? throw ErrorCatalogue.ProjectNotExists(id.ToString(CultureInfo.InvariantCulture)));
        }

        /// <summary>A Data Integration operation (…DISync…), whose documented codes are the DI family.</summary>
        public bool IsDataIntegration => Action.Contains("DISync", StringComparison.Ordinal);

        /// <summary>The workspace, when the caller's key may use it (accessKeys[].projectIds); else 403.</summary>
        private Workspace Allowed(Workspace ws)
        {
            if (Caller != null && !Caller.MayUse(ws.ProjectId)) throw ErrorCatalogue.NoPrivilege(IsDataIntegration, Caller.AccessKeyId, ws.ProjectId);
            return ws;
        }

        /// <summary>PageNumber from 1, PageSize 1..100 (default 10); see docs/emulator.md for PageSize &gt; 100.</summary>
        public Paging Paging(bool required = false)
        {
            if (required)
            {
                RequiredStr("PageNumber");
                RequiredStr("PageSize");
            }
            int number = Int("PageNumber") ?? 1;
            int size = Int("PageSize") ?? 10;
            if (number < 1) throw ErrorCatalogue.InvalidParameter("PageNumber", "It must be 1 or more.");
            if (size < 1 || size > State.Paging.MaxPageSize) throw ErrorCatalogue.InvalidParameter("PageSize", "It must be between 1 and " + State.Paging.MaxPageSize + ".");
            return new Paging(number, size);
        }
    }

    public readonly struct Paging
    {
        public Paging(int number, int size)
        {
            Number = number;
            Size = size;
        }

        public int Number { get; }
        public int Size { get; }

        /// <summary>How many rows come before this page.</summary>
        public long Offset => (long)(Number - 1) * Size;

        public List<T> Page<T>(IReadOnlyCollection<T> all) => all.Skip((int)Math.Min(Offset, int.MaxValue)).Take(Size).ToList();

        /// <summary>The page in an answer: PageNumber, PageSize, TotalCount (int) and the page's items under <paramref name="listName"/>.</summary>
        public JsonObject Result(long total, string listName, JsonArray items) => new JsonObject
        {
            ["PageNumber"] = Number,
            ["PageSize"] = Size,
            ["TotalCount"] = (int)total,
            [listName] = items,
        };
    }

    /// <summary>Response envelopes (docs: dataworks-api.md §1.4).</summary>
    public static class Responses
    {
        /// <summary>DataStudio-style: Success, HttpStatusCode (+ Data).</summary>
        public static JsonObject DataStudio(JsonNode data = null)
        {
            var body = new JsonObject { ["Success"] = true, ["HttpStatusCode"] = 200 };
            if (data != null) body["Data"] = data;
            return body;
        }

        /// <summary>DI-style: Success + Data{Status, …}.</summary>
        public static JsonObject DiSuccess(JsonObject extra = null)
        {
            var data = new JsonObject { ["Status"] = "success" };
            if (extra != null) MoveFields(extra, data);
            return new JsonObject { ["Success"] = true, ["Data"] = data };
        }

        /// <summary>Moves every field of <paramref name="from"/>, in order, to the end of <paramref name="into"/> (a node has one parent).</summary>
        public static void MoveFields(JsonObject from, JsonObject into)
        {
            foreach (var key in from.Select(p => p.Key).ToList())
            {
                var value = from[key];
                from.Remove(key);
                into[key] = value;
            }
        }

        /// <summary>A DI business failure: HTTP 200, Data.Status "fail" with the reason in Data.Message.</summary>
        public static JsonObject DiFail(string message) =>
            new JsonObject { ["Success"] = true, ["Data"] = new JsonObject { ["Status"] = "fail", ["Message"] = message } };

        /// <summary>Java-style date text used by several DataWorks responses ("Jul 9, 2018 2:43:37 PM").</summary>
        public static string JavaDate(long epochMs) =>
            DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("MMM d, yyyy h:mm:ss tt", CultureInfo.InvariantCulture);
    }
}
