using Newtonsoft.Json;

namespace DataWorksDI.Definitions
{
    /// <summary>Field-level differences between two JSON values: (JSON path, left, right) for each leaf that differs.</summary>
    internal static class JsonDiff
    {
        public static List<(string Path, string Left, string Right)> Differences(JToken left, JToken right, string root, int maximum = 50)
        {
            var list = new List<(string, string, string)>();
            Walk(left, right, root, list, maximum);
            return list;
        }

        public static string Show(JToken t) =>
            t == null || t.Type == JTokenType.Null ? string.Empty : t.Type == JTokenType.String ? (string)t : CanonicalJson.Sorted(t).ToString(Formatting.None);

        private static void Walk(JToken a, JToken b, string path, List<(string, string, string)> list, int maximum)
        {
            if (list.Count >= maximum) return;
            if (a is JObject oa && b is JObject ob)
            {
                foreach (string name in oa.Properties().Select(p => p.Name).Union(ob.Properties().Select(p => p.Name)).OrderBy(n => n, StringComparer.Ordinal))
                    Walk(oa[name], ob[name], path + "." + name, list, maximum);
                return;
            }
            if (a is JArray aa && b is JArray ab && aa.Count == ab.Count)
            {
                for (int i = 0; i < aa.Count; i++) Walk(aa[i], ab[i], $"{path}[{i}]", list, maximum);
                return;
            }
            bool aNull = a == null || a.Type == JTokenType.Null, bNull = b == null || b.Type == JTokenType.Null;
            if (aNull && bNull) return;
            if (!aNull && !bNull && JToken.DeepEquals(a, b)) return;
            list.Add((path, Show(a), Show(b)));
        }
    }

    /// <summary>
    /// The order apply writes in: a task whose inputList names another definition's output comes after it. A definition's
    /// output is DataWorks' default one, &lt;workspace identifier&gt;.&lt;task name&gt; (dataworks-rules.md, "Schedules").
    /// </summary>
    internal static class DependencyOrder
    {
        /// <summary>Levels of indexes into <paramref name="definitions"/> (each level after the ones it depends on); the members of a cycle are returned in <paramref name="cycle"/>.</summary>
        public static List<List<int>> Levels(IReadOnlyList<TaskDefinition> definitions, string workspaceIdentifier, out List<int> cycle)
        {
            List<HashSet<int>> upstream = Upstream(definitions, workspaceIdentifier);
            var levels = new List<List<int>>();
            var placed = new HashSet<int>();
            while (placed.Count < definitions.Count)
            {
                var level = Enumerable.Range(0, definitions.Count).Where(i => !placed.Contains(i) && upstream[i].All(placed.Contains)).ToList();
                if (level.Count == 0) break;
                levels.Add(level);
                foreach (int i in level) placed.Add(i);
            }
            cycle = Enumerable.Range(0, definitions.Count).Where(i => !placed.Contains(i)).ToList();
            return levels;
        }

        /// <summary>
        /// Whether definition <paramref name="index"/> is itself on a cycle (its output reaches its own inputList), rather
        /// than only downstream of one: Levels leaves both unplaced, but only the first is the one to fix.
        /// </summary>
        public static bool InCycle(IReadOnlyList<TaskDefinition> definitions, string workspaceIdentifier, int index)
        {
            List<HashSet<int>> upstream = Upstream(definitions, workspaceIdentifier);
            var seen = new HashSet<int>();
            var stack = new Stack<int>(upstream[index]);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                if (i == index) return true;
                if (!seen.Add(i)) continue;
                foreach (int up in upstream[i]) stack.Push(up);
            }
            return false;
        }

        /// <summary>For each definition, the definitions whose output its inputList names.</summary>
        private static List<HashSet<int>> Upstream(IReadOnlyList<TaskDefinition> definitions, string workspaceIdentifier)
        {
            var byOutput = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (int i = 0; i < definitions.Count; i++)
            {
                string output = workspaceIdentifier + "." + definitions[i].Name;
                if (!byOutput.TryGetValue(output, out List<int> owners)) byOutput[output] = owners = new List<int>();
                owners.Add(i);
            }
            var upstream = new List<HashSet<int>>();
            for (int i = 0; i < definitions.Count; i++)
            {
                var up = new HashSet<int>();
                if (definitions[i].Schedule?["inputList"] is JArray inputs)
                    foreach (JToken input in inputs)
                        if (byOutput.TryGetValue((string)input, out List<int> owners))
                            foreach (int o in owners) if (o != i) up.Add(o);
                upstream.Add(up);
            }
            return upstream;
        }
    }
}
