namespace DataWorksDI.Internal
{
    internal static class Text
    {
        /// <summary>An ArgumentException's own sentence, without .NET's " (Parameter 'x')" and "Actual value was …" suffixes.</summary>
        public static string WithoutParameterNoise(ArgumentException ex)
        {
            string message = ex.Message;
            int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            if (cut < 0) cut = message.IndexOf(Environment.NewLine + "Parameter name:", StringComparison.Ordinal);
            if (cut < 0) cut = message.IndexOf(Environment.NewLine + "Actual value was", StringComparison.Ordinal);
            return (cut >= 0 ? message.Substring(0, cut) : message).Trim();
        }
    }
}
