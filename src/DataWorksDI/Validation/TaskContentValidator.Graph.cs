using Newtonsoft.Json;

namespace DataWorksDI.Validation
{
    /// <summary>The step graph that order.hops describes: cycles and steps no reader's data reaches.</summary>
    public sealed partial class TaskContentValidator
    {
        private sealed partial class Run
        {
            private void CheckGraph(List<Hop> hops)
            {
                var edges = hops.Where(h => h.From != null && h.To != null).ToList();
                if (edges.Count == 0) return;
                CheckCycles(edges);
                CheckReachability(edges);
            }

            /// <summary>Every strongly connected group of steps (or a step hopping to itself) is one cycle finding.</summary>
            private void CheckCycles(List<Hop> edges)
            {
                foreach (List<StepInfo> component in StronglyConnected(edges))
                {
                    var inside = new HashSet<StepInfo>(component);
                    var internalHops = edges.Where(h => inside.Contains(h.From) && inside.Contains(h.To)).ToList();
                    if (component.Count == 1 && internalHops.Count == 0) continue; // a single step without a self-hop is no cycle

                    Hop closing = internalHops.OrderBy(h => h.Index).Last();
                    string cycle = string.Join(" → ", CyclePath(closing, internalHops).Select(s => s.Name));
                    Add(ValidationCodes.OrderHopCycle, ValidationSeverity.Error, $"$.order.hops[{closing.Index}]", closing.Token,
                        $"The hops form a cycle: {cycle}. Data flows one way, from reader steps to writer steps; a batch task's hops cannot loop back.",
                        $"Remove hop {closing.Index} ({closing.Token.ToString(Formatting.None)}) or point it elsewhere, so that every hop goes from a reader to the writer it feeds, e.g. {{\"from\": \"{FirstName("reader", "Reader")}\", \"to\": \"{FirstName("writer", "Writer")}\"}}.");
                }
            }

            /// <summary>
            /// A step that hops lead into but that no path from a reader reaches receives no data. (A step no hop leads
            /// into at all is reported as DI.Order.WriterNotConnected.)
            /// </summary>
            private void CheckReachability(List<Hop> edges)
            {
                var reached = new HashSet<StepInfo>(_steps.Where(s => s.Category == "reader"));
                var queue = new Queue<StepInfo>(reached);
                while (queue.Count > 0)
                {
                    StepInfo step = queue.Dequeue();
                    foreach (Hop hop in edges.Where(h => h.From == step))
                    {
                        if (reached.Add(hop.To)) queue.Enqueue(hop.To);
                    }
                }

                foreach (StepInfo step in _steps.Where(s => s.Name != null && !reached.Contains(s)))
                {
                    var feeders = edges.Where(h => h.To == step).Select(h => h.From).Distinct().ToList();
                    if (feeders.Count == 0) continue;
                    Add(ValidationCodes.OrderStepUnreachable, ValidationSeverity.Warning, PathOf(step.Token), step.Token,
                        $"{StepLabel(step)} is fed only by {string.Join(", ", feeders.Select(f => $"'{f.Name}'"))}, which no reader's data reaches; it would receive nothing.",
                        $"Add a hop from a reader, e.g. {{\"from\": \"{FirstName("reader", "Reader")}\", \"to\": \"{step.Name}\"}}, or remove the step and its hops.");
                }
            }

            /// <summary>The steps of <paramref name="closing"/>'s cycle, starting and ending at its "to" step.</summary>
            private static List<StepInfo> CyclePath(Hop closing, List<Hop> internalHops)
            {
                // Breadth-first from the closing hop's target back to its source, inside the component; then the closing hop.
                StepInfo start = closing.To, end = closing.From;
                var previous = new Dictionary<StepInfo, StepInfo> { [start] = null };
                var queue = new Queue<StepInfo>();
                queue.Enqueue(start);
                while (queue.Count > 0 && !previous.ContainsKey(end))
                {
                    StepInfo step = queue.Dequeue();
                    foreach (Hop hop in internalHops.Where(h => h.From == step).OrderBy(h => h.Index))
                    {
                        if (previous.ContainsKey(hop.To)) continue;
                        previous[hop.To] = step;
                        queue.Enqueue(hop.To);
                    }
                }

                var path = new List<StepInfo>();
                for (StepInfo s = end; s != null; s = previous[s]) path.Insert(0, s);
                path.Add(start);
                return path;
            }

            /// <summary>Tarjan's strongly connected components of the hop graph, in order of the steps' first appearance.</summary>
            private IEnumerable<List<StepInfo>> StronglyConnected(List<Hop> edges)
            {
                var index = new Dictionary<StepInfo, int>();
                var low = new Dictionary<StepInfo, int>();
                var stack = new Stack<StepInfo>();
                var onStack = new HashSet<StepInfo>();
                var result = new List<List<StepInfo>>();
                int counter = 0;

                void Visit(StepInfo v)
                {
                    index[v] = low[v] = counter++;
                    stack.Push(v);
                    onStack.Add(v);
                    foreach (StepInfo w in edges.Where(h => h.From == v).Select(h => h.To))
                    {
                        if (!index.ContainsKey(w))
                        {
                            Visit(w);
                            low[v] = Math.Min(low[v], low[w]);
                        }
                        else if (onStack.Contains(w))
                        {
                            low[v] = Math.Min(low[v], index[w]);
                        }
                    }

                    if (low[v] != index[v]) return;
                    var component = new List<StepInfo>();
                    StepInfo x;
                    do
                    {
                        x = stack.Pop();
                        onStack.Remove(x);
                        component.Add(x);
                    }
                    while (x != v);
                    result.Add(component.OrderBy(s => s.Index).ToList());
                }

                foreach (StepInfo step in _steps.Where(s => edges.Any(h => h.From == s || h.To == s)))
                {
                    if (!index.ContainsKey(step)) Visit(step);
                }
                return result.OrderBy(c => c[0].Index);
            }
        }
    }
}
