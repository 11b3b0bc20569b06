using System;
using System.Linq;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>
    /// The assembly's public types are a decision (docs/ARCHITECTURE.md, "What is public"): cmdlets, their output types
    /// and enums, the exceptions a script catches, the parameter attributes PowerShell reads — and nothing of the client,
    /// the services or the workflows beyond the two types a user meets.
    /// </summary>
    public class PublicSurfaceTests
    {
        private static readonly Type[] Exported = typeof(DataWorksDI.Cmdlets.DataWorksCmdlet).Assembly.GetExportedTypes();

        [Fact]
        public void TheClientLayer_ExposesOnlyTheServiceErrors_TheSignatureVersion_AndTheCallStatistics()
        {
            var client = Exported.Where(t => t.Namespace != null && t.Namespace.StartsWith("DataWorksDI.Client", StringComparison.Ordinal)).Select(t => t.FullName).OrderBy(n => n).ToArray();
            Assert.Equal(new[]
            {
                "DataWorksDI.Client.CallBudgetExhaustedException", "DataWorksDI.Client.ClientCallStatistics",
                "DataWorksDI.Client.DataWorksServiceException", "DataWorksDI.Client.SignatureVersion",
            }, client);
        }

        [Fact]
        public void Services_Workflows_AndTheSessionStore_AreNotPublic()
        {
            var leaked = Exported.Where(t => t.Namespace == "DataWorksDI.Services" || t.Namespace == "DataWorksDI.Workflows"
                || (t.Namespace == "DataWorksDI.Session" && t.Name != "DIContext")
                || (t.Namespace == "DataWorksDI.Internal" && !typeof(Attribute).IsAssignableFrom(t))
                || (t.Namespace == "DataWorksDI.Errors" && !typeof(Exception).IsAssignableFrom(t)))
                .Select(t => t.FullName).ToArray();
            Assert.True(leaked.Length == 0, "public by accident: " + string.Join(", ", leaked));
        }
    }
}
