namespace DataWorksDI.Validation
{
    /// <summary>
    /// "Did you mean …?" suggestions: the known names closest to a name that was not found. Pure and case-insensitive;
    /// used by the content validator (data sources, resource groups, plugins, misspelt parameters) and meant for any
    /// other look-up that refuses an unknown name (folders, resource groups in the session layer).
    /// </summary>
    /// <remarks>
    /// A candidate matches when it differs from the input only in letter case, when its edit distance (insertions,
    /// deletions, substitutions and swaps of two neighbouring characters, compared case-insensitively) is at most a third
    /// of the longer name's length (at least 1) and smaller than the shorter name, or when one of the two is a prefix of
    /// the other and the shorter has at least <see cref="MinimumPrefixLength"/> characters. Matches are ordered by
    /// distance, then alphabetically; at most <c>maximum</c> are returned.
    /// </remarks>
    public static class ClosestMatches
    {
        /// <summary>How many suggestions <see cref="Find"/> returns unless told otherwise.</summary>
        public const int DefaultMaximum = 3;

        /// <summary>The shortest name that counts as a prefix match ("post" → "postgresql"; "my" matches nothing).</summary>
        public const int MinimumPrefixLength = 3;

        /// <summary>The candidates closest to <paramref name="input"/>, best first; empty when none is close enough.</summary>
        /// <param name="input">The name that was not found.</param>
        /// <param name="candidates">The names that exist; nulls, blanks and duplicates are ignored.</param>
        /// <param name="maximum">At most this many are returned (at least 1).</param>
        public static IReadOnlyList<string> Find(string input, IEnumerable<string> candidates, int maximum = DefaultMaximum)
        {
            if (maximum < 1) throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "Ask for at least one match.");
            if (string.IsNullOrWhiteSpace(input) || candidates == null) return new string[0];

            string wanted = input.Trim();
            string wantedLower = wanted.ToLowerInvariant();
            var scored = new List<KeyValuePair<int, string>>();
            foreach (string candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal))
            {
                if (string.Equals(candidate, wanted, StringComparison.Ordinal)) continue;
                int? score = Score(wantedLower, candidate.ToLowerInvariant());
                if (score.HasValue) scored.Add(new KeyValuePair<int, string>(score.Value, candidate));
            }

            return scored
                .OrderBy(s => s.Key)
                .ThenBy(s => s.Value, StringComparer.OrdinalIgnoreCase)
                .ThenBy(s => s.Value, StringComparer.Ordinal)
                .Take(maximum)
                .Select(s => s.Value)
                .ToList()
                .AsReadOnly();
        }

        /// <summary>
        /// The words for a message: <c>did you mean 'mysql_pub'?</c>, <c>did you mean 'a' or 'b'?</c>,
        /// <c>did you mean 'a', 'b' or 'c'?</c>; null when <paramref name="matches"/> is empty.
        /// </summary>
        public static string DidYouMean(IReadOnlyList<string> matches)
        {
            if (matches == null || matches.Count == 0) return null;
            var quoted = matches.Select(m => "'" + m + "'").ToList();
            string list = quoted.Count == 1
                ? quoted[0]
                : string.Join(", ", quoted.Take(quoted.Count - 1)) + " or " + quoted[quoted.Count - 1];
            return "did you mean " + list + "?";
        }

        /// <summary>
        /// Case-insensitive edit distance between two names: insertions, deletions, substitutions and swaps of two
        /// neighbouring characters each cost 1 (the optimal-string-alignment form of Damerau–Levenshtein).
        /// </summary>
        public static int Distance(string a, string b)
        {
            a = (a ?? string.Empty).ToLowerInvariant();
            b = (b ?? string.Empty).ToLowerInvariant();
            return Osa(a, b);
        }

        private static int? Score(string input, string candidate)
        {
            if (input == candidate) return 0; // differs only in letter case
            int distance = Osa(input, candidate);
            int longer = Math.Max(input.Length, candidate.Length);
            int shorter = Math.Min(input.Length, candidate.Length);
            int limit = Math.Max(1, longer / 3);
            if (distance <= limit && distance < shorter) return distance;

            bool prefix = shorter >= MinimumPrefixLength
                && (candidate.StartsWith(input, StringComparison.Ordinal) || input.StartsWith(candidate, StringComparison.Ordinal));
            return prefix ? distance : (int?)null;
        }

        private static int Osa(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                        best = Math.Min(best, d[i - 2, j - 2] + 1);
                    d[i, j] = best;
                }
            }
            return d[a.Length, b.Length];
        }
    }
}
