namespace DataWorksDI.Emulator.Actions
{
    /// <summary>
    /// The documented schedule rules (dataworks-rules.md, "Schedules"): a 6-field cron <c>ss mm HH dd MM ?</c> with
    /// seconds 00, at least 5 minutes between runs, the earliest daily run at 00:05, and CycleType agreeing with the cron.
    /// </summary>
    public static class ScheduleRules
    {
        /// <summary>Returns null when the cron is valid, else the reason.</summary>
        public static string ValidateCron(string cron)
        {
            string[] f = (cron ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 6) return "must have 6 fields: ss mm HH dd MM ? (for example 00 30 05 * * ?).";
            if (f[0] != "00" && f[0] != "0") return "must have 00 in the seconds field.";
            if (!Field(f[1], 0, 59)) return "has an invalid minute field \"" + f[1] + "\".";
            if (!Field(f[2], 0, 23)) return "has an invalid hour field \"" + f[2] + "\".";
            // "L" = the last day of the month, which DataWorks' cron documentation lists (docs/validation-rules.md).
            if (!Field(f[3], 1, 31) && f[3] != "?" && f[3] != "L") return "has an invalid day-of-month field \"" + f[3] + "\".";
            if (!Field(f[4], 1, 12)) return "has an invalid month field \"" + f[4] + "\".";
            if (f[5] != "?" && !Field(f[5], 1, 7)) return "has an invalid day-of-week field \"" + f[5] + "\" (? or 1-7).";
            if (f[1] == "*") return "would run every minute; the minimum interval is 5 minutes.";
            if (f[1].Contains('/'))
            {
                string step = f[1].Substring(f[1].IndexOf('/') + 1);
                if (int.Parse(step, CultureInfo.InvariantCulture) < 5) return "runs more often than every 5 minutes.";
            }
            if (IsSingle(f[1]) && IsSingle(f[2]) && int.Parse(f[2], CultureInfo.InvariantCulture) == 0 && int.Parse(f[1], CultureInfo.InvariantCulture) < 5)
                return "runs before 00:05, the earliest daily run.";
            return null;
        }

        /// <summary>DAY for day/week/month schedules (one run a day), NOT_DAY for minute/hour schedules.</summary>
        public static string CycleTypeOf(string cron)
        {
            string[] f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return IsSingle(f[1]) && IsSingle(f[2]) ? "DAY" : "NOT_DAY";
        }

        private static bool IsSingle(string field) => field.All(char.IsDigit);

        private static bool Field(string field, int min, int max)
        {
            if (field == "*") return true;
            foreach (string part in field.Split(','))
            {
                string range = part;
                if (part.Contains('/'))
                {
                    string[] s = part.Split('/');
                    if (s.Length != 2 || !Number(s[1], 1, max == 59 ? 59 : max)) return false;
                    range = s[0];
                    if (range == "*") continue;
                }
                if (range.Contains('-'))
                {
                    string[] r = range.Split('-');
                    if (r.Length != 2 || !Number(r[0], min, max) || !Number(r[1], min, max)) return false;
                    if (int.Parse(r[0], CultureInfo.InvariantCulture) > int.Parse(r[1], CultureInfo.InvariantCulture)) return false;
                }
                else if (!Number(range, min, max))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool Number(string s, int min, int max) =>
            s.Length > 0 && s.Length <= 2 && s.All(char.IsDigit) && int.Parse(s, CultureInfo.InvariantCulture) >= min && int.Parse(s, CultureInfo.InvariantCulture) <= max;
    }
}
