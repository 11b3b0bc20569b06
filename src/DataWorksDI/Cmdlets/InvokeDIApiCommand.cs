using System.Collections;
using System.Globalization;
using DataWorksDI.Client;

namespace DataWorksDI.Cmdlets
{
    /// <summary>
    /// Invoke-DIApi: any OpenAPI action through the module's signed, retrying client. The one cmdlet that uses the client
    /// directly: it is the raw API, with no rule of its own to keep in a service. An action the module knows keeps what it
    /// knows (a read, or a write that asks ShouldProcess); any other action name is called as a write — ShouldProcess, and
    /// never replayed after an answer that was lost — unless -ReadOnly says it is a read. Parameter names that belong to the
    /// signature or the gateway (Action, Version, Signature…, in any case) are refused before anything is sent.
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

        /// <summary>
        /// Marks an action the module does not know as a read: no ShouldProcess, and safe to replay after a lost answer.
        /// An action the module knows keeps its own kind (a known write stays a write).
        /// </summary>
        [Parameter]
        public SwitchParameter ReadOnly { get; set; }

        protected override void ProcessRecord()
        {
            ApiAction action;
            try
            {
                action = ApiAction.Custom(Action, ReadOnly.IsPresent);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.Create(ErrorIds.InvalidActionName, Internal.Text.WithoutParameterNoise(ex), ErrorCategory.InvalidArgument, Action));
                return;
            }
            if (ReadOnly.IsPresent && action.IsKnown && !action.IsReadOnly)
                WriteWarning($"{action.Name} is a write: -ReadOnly applies only to actions the module does not know, so it still asks ShouldProcess and is not replayed.");
            if (!action.IsKnown)
                WriteVerbose($"{action.Name} is not an action this module knows: it is called as {(action.IsReadOnly ? "a read (-ReadOnly)" : "a write (ShouldProcess; never replayed after a lost answer; -ReadOnly marks a read)")}.");

            var request = new ApiRequest(action);
            if (Parameter != null)
            {
                foreach (DictionaryEntry entry in Parameter)
                {
                    string name = Convert.ToString(entry.Key is PSObject k ? k.BaseObject : entry.Key, CultureInfo.InvariantCulture);
                    try
                    {
                        request.With(name, ToWire(entry.Value));
                    }
                    catch (ReservedParameterException ex)
                    {
                        // Nothing is sent: a signed Action (or Signature, Version…) in the parameters could change what the gateway runs.
                        ThrowTerminatingError(ErrorRecords.Create(ReservedParameterException.ErrorId, "Nothing was sent: " + ex.Message, ErrorCategory.InvalidArgument, name));
                    }
                }
            }
            DataWorksDI.Session.DIContext context = ResolveContext();
            if (!action.IsReadOnly && !ShouldProcess(context.Endpoint.ToString(), $"Call {action.Name}{(action.IsKnown ? string.Empty : " (an action this module does not know, called as a write)")}")) return;
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
