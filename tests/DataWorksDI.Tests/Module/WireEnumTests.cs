using System;
using System.Linq;
using DataWorksDI.Internal;
using DataWorksDI.Models;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>The one enum ↔ wire mapping (Internal.WireEnum): names, [WireName] spellings, aliases and numeric codes.</summary>
    public class WireEnumTests
    {
        [Theory]
        [InlineData(DITaskType.Batch, "DI_OFFLINE")]
        [InlineData(DITaskType.Realtime, "DI_REALTIME")]
        [InlineData(DITaskType.Solution, "DI_SOLUTION")]
        public void TaskTypes_TravelAsTheirDocumentedNames(DITaskType type, string wire)
        {
            Assert.Equal(wire, WireEnum.ToWire(type));
            Assert.Equal(type, WireEnum.Parse<DITaskType>(wire));
            Assert.Equal(type, WireEnum.Parse<DITaskType>(type.ToString().ToLowerInvariant()));
        }

        [Theory]
        [InlineData("ALL_ALLOWED")]
        [InlineData("ALL_ALLOWD")]
        [InlineData("AllAllowed")]
        [InlineData("all_allowed")]
        public void RerunMode_ReadsTheDocumentedMisspellingToo_AndWritesTheRightOne(string text)
        {
            Assert.Equal(DIRerunMode.AllAllowed, WireEnum.Parse<DIRerunMode>(text));
            Assert.Equal("ALL_ALLOWED", WireEnum.ToWire(DIRerunMode.AllAllowed));
        }

        [Fact]
        public void EveryTextEnumMember_RoundTrips_AndUnknownTextIsNull()
        {
            void RoundTrip<T>() where T : struct, Enum
            {
                foreach (T m in Enum.GetValues(typeof(T)).Cast<T>()) Assert.Equal(m, WireEnum.Parse<T>(WireEnum.ToWire(m)));
                Assert.Null(WireEnum.Parse<T>("NO_SUCH_VALUE"));
                Assert.Null(WireEnum.Parse<T>(" "));
            }
            RoundTrip<DICycleType>();
            RoundTrip<DIRerunMode>();
            RoundTrip<DIDependentType>();
            RoundTrip<DISchedulerType>();
            RoundTrip<DIInstanceStatus>();
            RoundTrip<DIDdlAction>();
            RoundTrip<DITaskType>();
            Assert.Equal("NOT_DAY", WireEnum.ToWire(DICycleType.NotDay));
            Assert.Equal("USER_DEFINE", WireEnum.ToWire(DIDependentType.UserDefine));
        }

        [Fact]
        public void NumericCodes_MapByValue_AbsentIsNull_AndAnUnnamedCodeIsKept()
        {
            Assert.Equal(DIDeploymentStatus.Rejected, WireEnum.FromCode<DIDeploymentStatus>(6));
            Assert.Equal(DIDeploymentCheck.CheckFailed, WireEnum.FromCode<DIDeploymentCheck>(7));
            Assert.Equal(DIWorkspaceMode.Basic, WireEnum.FromCode<DIWorkspaceMode>(2));
            Assert.Null(WireEnum.FromCode<DIDeploymentStatus>(null));
            // Never guessed into another member: an undocumented status stays 3, which is not Pending (so a wait ends).
            DIDeploymentStatus? unknown = WireEnum.FromCode<DIDeploymentStatus>(3);
            Assert.Equal(3, (int)unknown.Value);
            Assert.NotEqual(DIDeploymentStatus.Pending, unknown.Value);
            Assert.Equal(23, WireEnum.ToCode(DIFileType.BatchSync));
            Assert.Equal("BatchSync", new DIFile { FileType = 23 }.TypeName);
            Assert.Equal("12345", new DIFile { FileType = 12345 }.TypeName);
        }
    }
}
