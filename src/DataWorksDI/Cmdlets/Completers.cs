using System.Collections;
using System.Management.Automation.Language;
using DataWorksDI.Client;

namespace DataWorksDI.Cmdlets
{
    /// <summary>Completes OpenAPI action names for Invoke-DIApi.</summary>
    public sealed class ApiActionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ApiAction.All
                .Where(a => a.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(a => new CompletionResult(a.Name, a.Name, CompletionResultType.ParameterValue, a.Name + " (" + a.Idempotency + ")"));
        }
    }
}
