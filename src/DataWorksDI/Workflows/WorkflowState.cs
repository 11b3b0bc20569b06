using System.Globalization;

namespace DataWorksDI.Workflows
{
    /// <summary>
    /// What a workflow has done to one file so far, and the exact command that finishes the rest. When a run stops in the
    /// middle — the daily call budget is spent, or a write's answer was lost and a read could not tell whether it took
    /// effect — the error carries this, so nothing is left half-done that the error does not name (issue 12).
    /// A workflow records each step as it completes (<see cref="Record"/>); <see cref="Workflow.WriteAsync{T}"/> records
    /// a write whose outcome is not known yet (<see cref="Unknown"/>).
    /// </summary>
    internal sealed class WorkflowState
    {
        /// <param name="subject">What is acted on, e.g. "file 42 ('ods_users') in workspace 10000".</param>
        /// <param name="finish">The command that does the whole step when nothing has been done yet.</param>
        public WorkflowState(string subject, string finish)
        {
            Subject = subject;
            Finish = finish;
        }

        /// <summary>What is acted on; a workflow sharpens it as it learns more (the FileId of a created task).</summary>
        public string Subject { get; set; }

        /// <summary>What has been done so far.</summary>
        public string Done { get; private set; } = "nothing was changed";

        /// <summary>The command that finishes what is left.</summary>
        public string Finish { get; private set; }

        /// <summary>While a write's outcome is not known: the read that tells (its VerifyWith); else null.</summary>
        public string UnknownWrite { get; private set; }

        /// <summary>A step finished: what has been done now, and the command that finishes the rest (null: nothing is left).</summary>
        public void Record(string done, string finish)
        {
            Done = done;
            Finish = finish;
            UnknownWrite = null;
        }

        /// <summary>A write was sent and its answer lost: until a read tells, the run is in this state.</summary>
        public void Unknown(string write, string verifyWith, string finishIfNotApplied)
        {
            UnknownWrite = verifyWith ?? "a read of " + Subject;
            Done = $"{Done}; then {write} was sent, but its answer was lost, so it may or may not have taken effect";
            Finish = $"check with {UnknownWrite}; if it did not take effect, {finishIfNotApplied}";
        }

        /// <summary>The read told: the write's outcome is known again.</summary>
        public void Known() => UnknownWrite = null;

        /// <summary>For an error that stopped the run: "&lt;subject&gt;: &lt;done&gt;. &lt;when&gt;, finish with: &lt;command&gt;."</summary>
        public string Explain(string when)
        {
            string text = $"{Capitalized(Subject)}: {Done}.";
            if (Finish != null) text += $" {when}, finish with: {Finish}.";
            else text += " Nothing is left to do for it.";
            return text;
        }

        /// <summary>The addition to a spent-budget error.</summary>
        public string ExplainBudget(DateTimeOffset resetsAt) =>
            Explain("After the budget resets (" + resetsAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC+8)");

        private static string Capitalized(string s) => string.IsNullOrEmpty(s) ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

        /// <summary>A name quoted for a PowerShell command line: inside '…' a quote is doubled.</summary>
        public static string Quote(string value) => "'" + (value ?? string.Empty).Replace("'", "''") + "'";
    }

    /// <summary>What a read said about a write whose answer was lost.</summary>
    internal enum WriteVerdict
    {
        /// <summary>It took effect: go on with what it made.</summary>
        Applied,

        /// <summary>It certainly did not (or doing it again changes nothing more): send it once more.</summary>
        NotApplied,

        /// <summary>The reads cannot tell: stop, and say what state the file is in and how to finish.</summary>
        Undecided,
    }

    /// <summary>The verdict of the reads after an ambiguous write, what the write made when it took effect, and what the reads saw.</summary>
    internal sealed class Verification<T>
    {
        internal Verification(WriteVerdict verdict, T result, string seen)
        {
            Verdict = verdict;
            Result = result;
            Seen = seen;
        }

        public WriteVerdict Verdict { get; }

        public T Result { get; }

        /// <summary>What the reads saw, in words ("file 42 is committed as version 3, and package 77 holds it").</summary>
        public string Seen { get; }

        public static Verification<T> Applied(T result, string seen) => new Verification<T>(WriteVerdict.Applied, result, seen);

        public static Verification<T> NotApplied(string seen) => new Verification<T>(WriteVerdict.NotApplied, default(T), seen);

        public static Verification<T> Undecided(string seen) => new Verification<T>(WriteVerdict.Undecided, default(T), seen);

        /// <summary>The same verdict with the result turned into what the workflow returns.</summary>
        public Verification<TOut> Select<TOut>(Func<T, TOut> map) =>
            new Verification<TOut>(Verdict, Verdict == WriteVerdict.Applied ? map(Result) : default(TOut), Seen);
    }
}
