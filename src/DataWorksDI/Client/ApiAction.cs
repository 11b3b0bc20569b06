using System.Text;
using System.Text.RegularExpressions;

namespace DataWorksDI.Client
{
    /// <summary>Whether replaying a call can change the outcome.</summary>
    internal enum Idempotency
    {
        /// <summary>A read: replaying is always safe.</summary>
        Safe,

        /// <summary>A write that accepts a ClientToken: safe to replay when the token is sent.</summary>
        ClientToken,

        /// <summary>A write without a token: replaying after an ambiguous failure could act twice.</summary>
        None,
    }

    /// <summary>
    /// One OpenAPI action: its HTTP method, whether it may be replayed, and — for a write — the read that tells whether it
    /// was applied when its outcome is unknown. Where parameters travel is one rule for every action (docs/client.md):
    /// a POST carries every business parameter in its form body, a GET in its query string.
    /// </summary>
    internal sealed class ApiAction
    {
        private static readonly Regex ActionName = new Regex("^[A-Za-z][A-Za-z0-9]{0,127}\\z", RegexOptions.CultureInvariant);
        private static readonly Regex Placeholder = new Regex("\\{([A-Za-z]+)\\}", RegexOptions.CultureInvariant);

        private readonly string _verifyWith;

        private ApiAction(string name, string method, Idempotency idempotency, bool isKnown, string verifyWith)
        {
            Name = name;
            Method = method;
            Idempotency = idempotency;
            IsKnown = isKnown;
            _verifyWith = verifyWith;
        }

        public string Name { get; }
        public string Method { get; }
        public Idempotency Idempotency { get; }

        /// <summary>True for the actions the module knows (<see cref="All"/>); false for one made with <see cref="Custom"/>.</summary>
        public bool IsKnown { get; }

        public bool IsReadOnly => Idempotency == Idempotency.Safe;

        private static ApiAction Read(string name, string method = "POST") => new ApiAction(name, method, Idempotency.Safe, true, null);
        private static ApiAction Write(string name, Idempotency idempotency, string verifyWith) => new ApiAction(name, "POST", idempotency, true, verifyWith);

        // DataStudio operations.
        public static readonly ApiAction GetFile = Read("GetFile");
        public static readonly ApiAction ListFiles = Read("ListFiles");
        public static readonly ApiAction UpdateFile = Write("UpdateFile", Idempotency.None, "Get-DIFile -FileId {FileId}");
        public static readonly ApiAction SubmitFile = Write("SubmitFile", Idempotency.None, "Get-DIDeployment | Where-Object FileId -eq {FileId} (a new package) or Get-DIFile -FileId {FileId}");
        public static readonly ApiAction DeployFile = Write("DeployFile", Idempotency.None, "Get-DIDeployment | Where-Object FileId -eq {FileId} (a new production package)");
        public static readonly ApiAction DeleteFile = Write("DeleteFile", Idempotency.None, "Get-DIFile -FileId {FileId}");
        public static readonly ApiAction GetDeployment = Read("GetDeployment");
        public static readonly ApiAction ListDeployments = Read("ListDeployments");
        public static readonly ApiAction ListFileVersions = Read("ListFileVersions");
        public static readonly ApiAction ListFolders = Read("ListFolders");
        public static readonly ApiAction GetFolder = Read("GetFolder");
        public static readonly ApiAction CreateFolder = Write("CreateFolder", Idempotency.None, "Invoke-DIApi GetFolder @{ ProjectId = {ProjectId}; FolderPath = '{FolderPath}' }");

        // Data Integration operations.
        public static readonly ApiAction CreateDISyncTask = Write("CreateDISyncTask", Idempotency.ClientToken, "Get-DIFile -Name '{TaskName}'");
        public static readonly ApiAction UpdateDISyncTask = Write("UpdateDISyncTask", Idempotency.None, "Get-DISyncTask -FileId {FileId}");
        public static readonly ApiAction GenerateDISyncTaskConfigForCreating = Write("GenerateDISyncTaskConfigForCreating", Idempotency.ClientToken, "Invoke-DIApi QueryDISyncTaskConfigProcessResult");
        public static readonly ApiAction GenerateDISyncTaskConfigForUpdating = Write("GenerateDISyncTaskConfigForUpdating", Idempotency.ClientToken, "Invoke-DIApi QueryDISyncTaskConfigProcessResult");
        public static readonly ApiAction QueryDISyncTaskConfigProcessResult = Read("QueryDISyncTaskConfigProcessResult");
        public static readonly ApiAction GetDISyncTask = Read("GetDISyncTask");
        public static readonly ApiAction DeployDISyncTask = Write("DeployDISyncTask", Idempotency.None, "Get-DISyncTask -FileId {FileId}");
        public static readonly ApiAction StartDISyncInstance = Write("StartDISyncInstance", Idempotency.None, "Get-DISyncInstance -FileId {FileId}");
        public static readonly ApiAction StopDISyncInstance = Write("StopDISyncInstance", Idempotency.None, "Get-DISyncInstance -FileId {FileId}");
        public static readonly ApiAction TerminateDISyncInstance = Write("TerminateDISyncInstance", Idempotency.None, "Get-DISyncInstance -FileId {FileId}");
        public static readonly ApiAction GetDISyncInstanceInfo = Read("GetDISyncInstanceInfo");
        public static readonly ApiAction DeleteDISyncTask = Write("DeleteDISyncTask", Idempotency.None, "Get-DIFile -FileId {FileId}");

        // Workspace-level reads; ListDataSources is the one GET.
        public static readonly ApiAction GetProject = Read("GetProject");
        public static readonly ApiAction ListProjects = Read("ListProjects");
        public static readonly ApiAction ListResourceGroups = Read("ListResourceGroups");
        public static readonly ApiAction ListDataSources = Read("ListDataSources", "GET");

        /// <summary>Every action the module knows, for Invoke-DIApi and its completion.</summary>
        public static IReadOnlyList<ApiAction> All { get; } = typeof(ApiAction)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ApiAction))
            .Select(f => (ApiAction)f.GetValue(null))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToArray();

        /// <summary>A known action by name (any letter case), or null.</summary>
        public static ApiAction Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Any action by name, for Invoke-DIApi. A known action keeps what the module knows about it (a known write stays a
        /// write whatever <paramref name="readOnly"/> says). An unknown one is a POST and a write — never replayed after an
        /// ambiguous failure — unless <paramref name="readOnly"/> marks it as a read.
        /// </summary>
        /// <exception cref="ArgumentException">The name is not an action name (letters and digits, starting with a letter).</exception>
        public static ApiAction Custom(string name, bool readOnly = false)
        {
            string trimmed = name?.Trim();
            if (string.IsNullOrEmpty(trimmed) || !ActionName.IsMatch(trimmed))
                throw new ArgumentException($"'{name}' is not an OpenAPI action name: use the action's name as the API reference spells it, letters and digits starting with a letter (for example GetFile or ListNodes).", nameof(name));
            ApiAction known = Find(trimmed);
            if (known != null) return known;
            return new ApiAction(trimmed, "POST", readOnly ? Idempotency.Safe : Idempotency.None, false, null);
        }

        /// <summary>The command that reads this write's effect, with the request's own values filled in where it has them.</summary>
        public string VerifyCommandFor(ApiRequest request)
        {
            if (_verifyWith == null)
                return IsReadOnly ? null : $"the read that shows what {Name} changes (for example Invoke-DIApi with the matching Get… or List… action)";
            return Placeholder.Replace(_verifyWith, m =>
            {
                string value = null;
                if (request != null)
                    foreach (var p in request.Parameters) if (p.Key == m.Groups[1].Value) value = p.Value;
                return value == null ? "<" + m.Groups[1].Value + ">" : QuoteSafe(value);
            });
        }

        // Inside '…' in PowerShell a quote is doubled; control characters are shown as spaces; long values are cut.
        private static string QuoteSafe(string value)
        {
            var sb = new StringBuilder(Math.Min(value.Length, 200));
            foreach (char c in value.Length > 200 ? value.Substring(0, 200) : value)
                sb.Append(c == '\'' ? "''" : char.IsControl(c) ? " " : c.ToString());
            return sb.ToString();
        }

        public override string ToString() => Name;
    }
}
