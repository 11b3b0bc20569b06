using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DataWorksDI.Models;
using DataWorksDI.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>
    /// The text form of a schedule (what Export-Csv writes) read back by the module's internal parser. What a user sees of
    /// objects that travel through JSON and CSV back into the cmdlets is specified in tests/Pester/Serialization.Tests.ps1.
    /// </summary>
    public class TravelTests
    {
        [Fact]
        public void AScheduleWrittenByExportCsv_IsItsJson_WithNamesDurationsAndDatesReadable()
        {
            var schedule = new DIFileSchedule
            {
                Cron = "00 30 05 * * ?", CycleType = DICycleType.Day, RerunMode = DIRerunMode.AllAllowed, AutoRerunInterval = TimeSpan.FromMinutes(2),
                InputList = new[] { "a_root" }, EndEffectDate = new DateTime(2099, 12, 31, 8, 0, 0, DateTimeKind.Local), Stop = false,
            };
            JObject json = JObject.Parse(schedule.ToString());
            Assert.Equal("Day", (string)json["CycleType"]);
            Assert.Equal("AllAllowed", (string)json["RerunMode"]);
            Assert.Equal("00:02:00", (string)json["AutoRerunInterval"]);
            Assert.Equal(new DateTimeOffset(schedule.EndEffectDate.Value), DateTimeOffset.Parse((string)json["EndEffectDate"], System.Globalization.CultureInfo.InvariantCulture));
            DIFileSchedule back = DataWorksDI.Internal.ObjectForms.ToSchedule(schedule.ToString());
            Assert.Equal(schedule.ToString(), back.ToString());
        }
    }
}
