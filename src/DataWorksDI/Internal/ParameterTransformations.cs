using System.Collections;
using System.Globalization;
using System.Management.Automation.Language;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// Lets an enum parameter accept Alibaba's documented spelling (DAY, NOT_DAY, FAILURE_ALLOWED, USER_DEFINE) as well
    /// as the PowerShell-style name, and the number ConvertTo-Json writes for an enum (or that number as text, as
    /// Import-Csv gives it back); anything else fails binding with a message listing the spellings. A blank string is
    /// null (an empty CSV cell), which a nullable parameter reads as not given.
    /// </summary>
    public sealed class EnumSpellingTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly Type _enumType;

        public EnumSpellingTransformationAttribute(Type enumType) => _enumType = enumType;

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject p ? p.BaseObject : inputData;
            if (value == null || _enumType.IsInstanceOfType(value)) return inputData;
            // An empty cell (Import-Csv of an object whose property was null) means "not given", as the null it was.
            if (value is string blank && string.IsNullOrWhiteSpace(blank)) return null;
            object member = ObjectForms.ToEnum(_enumType, value);
            if (member != null) return member;
            if (value is string || value is IConvertible)
            {
                throw new ArgumentTransformationMetadataException(
                    $"'{value}' is not a valid value. Use one of: {string.Join(", ", WireEnum.SpellingsOf(_enumType))}.");
            }
            return inputData;
        }
    }

    /// <summary>
    /// Reads a TimeSpan parameter safely: a TimeSpan, "hh:mm:ss", an ISO 8601 duration ("PT2M"), the object
    /// ConvertTo-Json writes for a TimeSpan (back from ConvertFrom-Json), and a bare number in the stated unit
    /// (PowerShell would otherwise read 30 as 30 ticks).
    /// </summary>
    public sealed class TimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly string _unit;

        /// <param name="unit">"Seconds" or "Minutes": what a bare number means.</param>
        public TimeSpanTransformationAttribute(string unit) => _unit = unit;

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = ObjectForms.Unwrap(inputData);
            if (value == null) return null;
            TimeSpan? read = ObjectForms.ToTimeSpan(value, FromNumber);
            if (read.HasValue) return read.Value;
            throw new ArgumentTransformationMetadataException($"'{value}' is not a time span. Give a TimeSpan, 'hh:mm:ss', or a number of {_unit.ToLowerInvariant()}.");
        }

        private TimeSpan FromNumber(double n) => _unit == "Minutes" ? TimeSpan.FromMinutes(n) : TimeSpan.FromSeconds(n);
    }

    /// <summary>
    /// Reads Set-DIFileSchedule's -Schedule from whatever carries a schedule: a DIFileSchedule, a DIFile (its Schedule),
    /// either of them back from ConvertFrom-Json or Import-Csv (a file's Schedule column holds the JSON text the schedule's
    /// ToString() writes), or a hashtable. A value that carries no schedule is passed on unchanged for the binder to refuse
    /// quietly, so a piped object without one (a task just created, a listed file) binds its other properties and leaves
    /// -Schedule unbound; a schedule with an unreadable field fails binding with a message naming the field.
    /// </summary>
    public sealed class DIFileScheduleTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (inputData == null) return null;
            try
            {
                return (object)ObjectForms.ToSchedule(inputData) ?? inputData;
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentTransformationMetadataException(ex.Message, ex);
            }
        }
    }

    /// <summary>Refuses a zero or negative TimeSpan at binding time.</summary>
    public sealed class ValidatePositiveTimeSpanAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object value = arguments is PSObject p ? p.BaseObject : arguments;
            if (value is TimeSpan t && t <= TimeSpan.Zero)
                throw new ValidationMetadataException($"{t} is not allowed: give a time greater than zero, such as 30 (seconds) or '00:05:00'.");
        }
    }
}
