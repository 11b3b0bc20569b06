using System.Globalization;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// Reads a DataWorks id (FileId, ProjectId, DeploymentId) strictly, from the command line or a piped object's
    /// property: a whole number, or text that is only digits (as Import-Csv and ConvertFrom-Json give). PowerShell's own
    /// conversion would round 5.7 to 6 and read '7E+11' (a spreadsheet's way of writing a long id, whose last digits are
    /// lost) as 700000000000: each would name another object, so each is refused with a message that says why.
    /// Anything else (null, an array) is left to PowerShell's binder, which refuses it.
    /// </summary>
    public sealed class IdTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject p ? p.BaseObject : inputData;
            switch (value)
            {
                case long _:
                case int _:
                case short _:
                case byte _:
                case sbyte _:
                case ushort _:
                case uint _:
                    return value;
                case ulong u when u <= long.MaxValue:
                    return (long)u;
                case double d:
                    return Whole(d, d.ToString("R", CultureInfo.InvariantCulture));
                case float f:
                    return Whole(f, f.ToString("R", CultureInfo.InvariantCulture));
                case decimal m:
                    if (decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue) return (long)m;
                    throw Refused(m.ToString(CultureInfo.InvariantCulture), "it has a fractional part");
                case string s:
                    return FromText(s);
                default:
                    return inputData;
            }
        }

        /// <summary>The id written in <paramref name="text"/>, or the reason it is not one.</summary>
        internal static long FromText(string text)
        {
            string t = text.Trim();
            if (t.Length == 0) throw Refused(text, "it is empty");
            if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long id)) return id;
            if (t.IndexOf('E') > 0 || t.IndexOf('e') > 0)
                throw Refused(text, "it is a number in scientific notation, as spreadsheets write long numbers, and the digits it drops cannot be recovered; export the ids as text");
            if (t.StartsWith("-", StringComparison.Ordinal)) throw Refused(text, "it is negative");
            if (t.IndexOfAny(new[] { '.', ',' }) >= 0) throw Refused(text, "it has a fractional part or a separator");
            throw Refused(text, "it is not written in digits only");
        }

        private static long Whole(double d, string shown)
        {
            if (double.IsNaN(d) || double.IsInfinity(d) || Math.Floor(d) != d || d < long.MinValue || d >= 9.2e18)
                throw Refused(shown, "it is not a whole number");
            // Past 2^53 a double cannot hold every whole number: the id it was read from may already have lost digits.
            if (Math.Abs(d) > 9007199254740992d) throw Refused(shown, "it is too large to have been carried exactly by a floating-point number");
            return (long)d;
        }

        private static ArgumentTransformationMetadataException Refused(string shown, string why) =>
            new ArgumentTransformationMetadataException(
                $"'{Text.Printable(shown)}' is not an id: {why}. DataWorks ids are whole numbers written in digits, such as 500000002.");
    }

    /// <summary>
    /// Reads a cron expression from the command line or the pipeline: a string, or an object's Cron (CronExpress)
    /// property — a file's Schedule, or its Import-Csv / ConvertFrom-Json form. Any other object is refused: PowerShell
    /// would otherwise turn it into text (a file's "name (id)") and check that as a schedule.
    /// </summary>
    public sealed class CronInputTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject p ? p.BaseObject : inputData;
            if (value == null || value is string) return value;
            if (value is DIFileSchedule schedule) return schedule.Cron;
            PSObject wrapped = PSObject.AsPSObject(inputData);
            foreach (string name in new[] { "Cron", "CronExpress" })
            {
                if (wrapped.Properties[name] is PSPropertyInfo property)
                {
                    object cron = property.Value is PSObject q ? q.BaseObject : property.Value;
                    if (cron is string text) return text;
                }
            }
            string what = value is DIFile file ? $"file {file.FileId}" : "a " + value.GetType().Name;
            throw new ArgumentTransformationMetadataException(
                $"{what} is not a cron expression. Give the expression as text, or pipe a file's schedule: (Get-DIFile -FileId <id>).Schedule | Get-DIScheduleTime.");
        }
    }
}
