using System.Collections;
using System.Globalization;
using System.Management.Automation.Language;

namespace DataWorksDI.Internal
{
    /// <summary>
    /// Lets an enum parameter accept Alibaba's documented spelling (DAY, NOT_DAY, FAILURE_ALLOWED, USER_DEFINE) as well
    /// as the PowerShell-style name; anything else fails binding with a message listing both spellings. A blank string is
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
            if (value is string s)
            {
                // An empty cell (Import-Csv of an object whose property was null) means "not given", as the null it was.
                if (string.IsNullOrWhiteSpace(s)) return null;
                if (WireEnum.TryParse(_enumType, s, out object member)) return member;
                throw new ArgumentTransformationMetadataException(
                    $"'{s}' is not a valid value. Use one of: {string.Join(", ", WireEnum.SpellingsOf(_enumType))}.");
            }
            return inputData;
        }
    }

    /// <summary>
    /// Reads a TimeSpan parameter safely: a TimeSpan or "hh:mm:ss" as such, and a bare number in the stated unit
    /// (PowerShell would otherwise read 30 as 30 ticks).
    /// </summary>
    public sealed class TimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly string _unit;

        /// <param name="unit">"Seconds" or "Minutes": what a bare number means.</param>
        public TimeSpanTransformationAttribute(string unit) => _unit = unit;

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject p ? p.BaseObject : inputData;
            switch (value)
            {
                case null:
                case TimeSpan _:
                    return value;
                case string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out TimeSpan parsed) && s.Contains(":"):
                    return parsed;
                case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double n):
                    return FromNumber(n);
                case int i: return FromNumber(i);
                case long l: return FromNumber(l);
                case double d: return FromNumber(d);
                case decimal m: return FromNumber((double)m);
                default:
                    throw new ArgumentTransformationMetadataException($"'{value}' is not a time span. Give a TimeSpan, 'hh:mm:ss', or a number of {_unit.ToLowerInvariant()}.");
            }
        }

        private TimeSpan FromNumber(double n) => _unit == "Minutes" ? TimeSpan.FromMinutes(n) : TimeSpan.FromSeconds(n);
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
