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

        /// <summary>
        /// A user's value as a message may show it: control characters as \uXXXX escapes (a CR/LF or NUL would break
        /// the message, or hide what follows), and past <paramref name="max"/> characters cut with the length said.
        /// </summary>
        public static string Printable(string value, int max = 80)
        {
            if (value == null) return string.Empty;
            var sb = new System.Text.StringBuilder(Math.Min(value.Length, max) + 16);
            for (int i = 0; i < value.Length && i < max; i++)
            {
                char c = value[i];
                if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            if (value.Length > max) sb.Append("… (").Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" characters)");
            return sb.ToString();
        }
    }
}
