using System.Collections.Generic;
using System.Linq;

namespace DataWorksDI.Bench
{
    /// <summary>The one summary every series of rounds is reported by.</summary>
    internal static class Stats
    {
        /// <summary>The middle value (the mean of the two middle ones for an even count): a slow round does not move it.</summary>
        public static double Median(IEnumerable<double> values)
        {
            var o = values.OrderBy(x => x).ToList();
            return o.Count % 2 == 1 ? o[o.Count / 2] : (o[o.Count / 2 - 1] + o[o.Count / 2]) / 2;
        }
    }
}
