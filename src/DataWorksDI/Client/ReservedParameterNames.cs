namespace DataWorksDI.Client
{
    /// <summary>
    /// Parameter names that belong to the signature or the gateway, never to an action (../shared/spec/signing.md §3: "a
    /// client must refuse them as user input"): V2's common parameters, the V3 headers' parameter forms, and anything named
    /// x-acs-*. Compared in any letter case, after trimming.
    /// </summary>
    internal static class ReservedParameterNames
    {
        private static readonly HashSet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce",
            "SignatureType", "Timestamp", "SecurityToken", "Format", "RegionId", "BearerToken", "Authorization",
        };

        /// <summary>The reserved names (the x-acs- prefix aside).</summary>
        public static IEnumerable<string> All => Names;

        public static bool IsReserved(string name)
        {
            if (name == null) return false;
            string n = name.Trim();
            return Names.Contains(n) || n.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Throws <see cref="ReservedParameterException"/> for a reserved name, an empty one, or one with control characters.</summary>
        public static void Check(string name)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ReservedParameterException(name ?? string.Empty, "A parameter name is empty. Give each parameter the name the API reference uses, for example FileId.");
            foreach (char c in name)
                if (char.IsControl(c))
                    throw new ReservedParameterException(name, $"The parameter name '{Printable(name)}' contains a control character; no DataWorks parameter does.");
            if (name.Trim().Length != name.Length)
                throw new ReservedParameterException(name, $"The parameter name '{name}' starts or ends with white space; no DataWorks parameter does. Remove the spaces.");
            if (IsReserved(name))
                throw new ReservedParameterException(name,
                    $"'{name}' is not a business parameter: it belongs to the request signature or the gateway, which the module sets itself. " +
                    "Remove it from the parameters (the action is chosen with -Action; the region with -Region or the context; credentials with Connect-DIWorkspace).");
        }

        private static string Printable(string s)
        {
            var chars = s.ToCharArray();
            for (int i = 0; i < chars.Length; i++) if (char.IsControl(chars[i])) chars[i] = '?';
            return new string(chars);
        }
    }

    /// <summary>A parameter name that the module refuses (reserved for the signature or gateway, empty, or malformed).</summary>
    [Serializable]
    internal sealed class ReservedParameterException : ArgumentException
    {
        public const string ErrorId = ErrorIds.ReservedParameterName;

        public ReservedParameterException(string parameterName, string message) : base(message)
        {
            RefusedName = parameterName;
        }

        /// <summary>The refused name, as given.</summary>
        public string RefusedName { get; }
    }
}
