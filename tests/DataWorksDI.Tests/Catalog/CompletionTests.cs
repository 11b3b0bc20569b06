using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Credentials;
using DataWorksDI.Tests.Infrastructure;
using DataWorksDI.Tests.Lifecycle;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Catalog
{
    /// <summary>What TabExpansion2 offers, and what it costs (the emulator's request log of the session's own key).</summary>
    internal static class Tab
    {
        /// <summary>The completion texts for the end of <paramref name="line"/>.</summary>
        public static List<string> Complete(PowerShellSession ps, string line, IDictionary<string, object> variables = null)
        {
            PSResult r = ps.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText",
                new Dictionary<string, object>(variables ?? new Dictionary<string, object>()) { ["line"] = line });
            Assert.True(r.Errors.Count == 0 && r.Terminating == null, r.ErrorText);
            return r.Output.Select(o => o.ToString()).ToList();
        }

        /// <summary>
        /// Completes until something is offered: under load a first Tab may exceed the time box and answer nothing while its
        /// read goes on filling the catalogue — the next Tab then answers from the catalogue without another call.
        /// </summary>
        public static List<string> CompleteSome(EmulatorSession s, string line, IDictionary<string, object> variables = null)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                List<string> offered = Complete(s.PowerShell, line, variables);
                if (offered.Count > 0 || watch.Elapsed > TimeSpan.FromSeconds(60)) return offered;
                Thread.Sleep(500);
            }
        }
    }

    /// <summary>
    /// The completers' time box: against an emulator that answers after 6 s, Tab answers nothing within about two seconds
    /// and the read it started fills the catalogue for the next Tab. Kept here for its timing bound; what each completer
    /// offers, and what it costs, is specified in tests/Pester/Completion.Tests.ps1.
    /// </summary>
    public class CompletionTests
    {
        private static int Count(EmulatorSession s, string action) => s.Actions().Count(a => a == action);

        [Fact]
        public void ASlowService_NeverFreezesThePrompt_TheCompletionAnswersNothingInAboutTwoSeconds_AndTheReadFillsTheCatalogueForTheNextTab()
        {
            using (EmulatorProcess slow = EmulatorProcess.Start("--fault-latency-ms", "6000"))
            using (var s = new EmulatorSession(emulator: slow))
            {
                var watch = Stopwatch.StartNew();
                List<string> offered = Tab.Complete(s.PowerShell, "New-DISyncTask -ResourceGroup ");
                TimeSpan took = watch.Elapsed;
                Assert.Empty(offered);
                Assert.True(took < TimeSpan.FromSeconds(5), $"the completion took {took.TotalSeconds:0.0} s");

                // The read it started goes on; once it is in, Tab answers from the catalogue with no second call.
                Thread.Sleep(TimeSpan.FromSeconds(7));
                List<string> later = Tab.CompleteSome(s, "New-DISyncTask -ResourceGroup ");
                Assert.Contains("S_res_group_XXX", later);
                Assert.Equal(1, Count(s, "ListResourceGroups"));
            }
        }
    }
}
