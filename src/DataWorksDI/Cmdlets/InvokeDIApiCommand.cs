using System.Collections;
using System.Globalization;
using DataWorksDI.Client;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Invoke-DIApi: any supported action through the module's signed, retrying client. The one cmdlet that uses the
    /// client directly: it is the raw API, with no rule of its own to keep in a service.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DIApi", SupportsShouldProcess = true, HelpUri = HelpLinks.Pages + "Invoke-DIApi.md")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeDIApiCommand : DataWorksApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ApiActionCompleter))]
        [ValidateNotNullOrEmpty]
        public string Action { get; set; }

        [Parameter(Position = 1)]
        public IDictionary Parameter { get; set; }

        protected override void ProcessRecord()
        {
            ApiAction action = ApiAction.Find(Action);
            if (action == null)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.UnknownAction,
                    $"'{Action}' is not an action this module knows. Known actions: {string.Join(", ", ApiAction.All.Select(a => a.Name))}.",
                    ErrorCategory.InvalidArgument, Action));
            }
            var request = new ApiRequest(action);
            if (Parameter != null)
            {
                foreach (DictionaryEntry entry in Parameter)
                    request.With(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), ToWire(entry.Value));
            }
            DataWorksDI.Session.DIContext context = ResolveContext();
            if (action.Idempotency != Idempotency.Safe && !ShouldProcess(context.Endpoint.ToString(), $"Call {action.Name}")) return;
            if (TryRun(ct => context.Client.InvokeAsync(request, Log, ct), action.Name, out JObject body)) WriteObject(Json.ToPowerShell(body));
        }

        private static string ToWire(object value)
        {
            object v = value is PSObject p ? p.BaseObject : value;
            switch (v)
            {
                case null: return null;
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case IDictionary _:
                case PSCustomObject _:
                    return Json.FromPowerShell(value);
                case IEnumerable seq:
                    return string.Join(",", seq.Cast<object>().Select(o => Convert.ToString(o is PSObject po ? po.BaseObject : o, CultureInfo.InvariantCulture)));
                default: return Convert.ToString(v, CultureInfo.InvariantCulture);
            }
        }
    }
}
