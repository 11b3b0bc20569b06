using System.Globalization;

namespace DataWorksDI.Client
{
    /// <summary>
    /// One call: an action and its business parameters (values as they travel: strings). Names that belong to the
    /// signature or the gateway (<see cref="ReservedParameterNames"/>) are refused in any letter case: they would be signed
    /// next to the client's own and could change what the gateway executes (an Action in the body of a GetFile call).
    /// </summary>
    internal sealed class ApiRequest
    {
        private readonly List<KeyValuePair<string, string>> _parameters = new List<KeyValuePair<string, string>>();

        public ApiRequest(ApiAction action)
        {
            Action = action ?? throw new ArgumentNullException(nameof(action));
        }

        public ApiAction Action { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

        /// <summary>True when the request carries a non-empty ClientToken.</summary>
        public bool HasClientToken
        {
            get
            {
                foreach (var p in _parameters)
                    if (p.Key == "ClientToken" && !string.IsNullOrEmpty(p.Value)) return true;
                return false;
            }
        }

        /// <summary>True when replaying the request after an ambiguous failure cannot act twice.</summary>
        public bool IsReplaySafe => Action.Idempotency == Idempotency.Safe || (Action.Idempotency == Idempotency.ClientToken && HasClientToken);

        /// <summary>Adds a parameter; a null value is left out (the API's "not given"), an empty string is sent.</summary>
        /// <exception cref="ReservedParameterException">The name belongs to the signature or the gateway, or is not a name.</exception>
        public ApiRequest With(string name, string value)
        {
            ReservedParameterNames.Check(name);
            if (value != null)
            {
                _parameters.RemoveAll(p => p.Key == name);
                _parameters.Add(new KeyValuePair<string, string>(name, value));
            }
            return this;
        }

        public ApiRequest With(string name, long? value) => With(name, value?.ToString(CultureInfo.InvariantCulture));

        public ApiRequest With(string name, int? value) => With(name, value?.ToString(CultureInfo.InvariantCulture));

        public ApiRequest With(string name, bool? value) => With(name, value.HasValue ? (value.Value ? "true" : "false") : null);

        public override string ToString() => Action.Name;
    }
}
