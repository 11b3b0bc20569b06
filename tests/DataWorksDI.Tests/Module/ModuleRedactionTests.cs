using System.Collections.Generic;
using System.Management.Automation;
using DataWorksDI.Client;
using DataWorksDI.Cmdlets;
using DataWorksDI.Errors;
using DataWorksDI.Models;
using DataWorksDI.Workflows;
using Xunit;

namespace DataWorksDI.Tests.Module
{
    /// <summary>
    /// Redaction everywhere (issue 11 item 3): what services, workflows and cmdlets write through a cmdlet's log, and the
    /// ErrorRecords the cmdlets build from the module's own exceptions, pass through the client's one Redactor.
    /// </summary>
    public class ModuleRedactionTests
    {
        private const string Token = "CAIS+moduleToken/with=chars/0123456789abcdef";

        [Fact]
        public void EveryCmdletsLog_IsTheRedactingLog()
        {
            foreach (System.Type type in typeof(DataWorksCmdlet).Assembly.GetExportedTypes())
            {
                if (type.IsAbstract || !typeof(DataWorksCmdlet).IsAssignableFrom(type)) continue;
                var cmdlet = (DataWorksCmdlet)System.Activator.CreateInstance(type);
                Assert.IsType<RedactingClientLog>(cmdlet.Log);
            }
        }

        /// <summary>A package's ErrorMessage comes from a successful GetDeployment answer, which the client does not classify as an error.</summary>
        [Fact]
        public void AModuleErrorQuotingTheService_IsRedacted_InTheRecordItsExceptionAndDetails()
        {
            var deployment = new DIDeployment { DeploymentId = 7, FileId = 9, Status = DIDeploymentStatus.Failed, ErrorMessage = "check failed for request ?SecurityToken=" + Token + "&x=1" };
            DataWorksOperationException failed = DeploymentWaitWorkflow.Failed(deployment);
            failed.RecommendedAction = "retry with SecurityToken=" + Token;
            ErrorRecord record = ErrorRecords.From(failed, null);

            Assert.Equal(ErrorIds.DeploymentFailed, record.FullyQualifiedErrorId);
            Assert.Same(deployment, record.TargetObject);
            Assert.DoesNotContain("CAIS", record.Exception.Message);
            Assert.DoesNotContain("CAIS", record.Exception.ToString());
            Assert.DoesNotContain("CAIS", record.ErrorDetails.RecommendedAction);
            Assert.Contains("check failed for request", record.Exception.Message);
        }

        /// <summary>The service's own texts that reach output objects (a package's ErrorMessage) pass through the Redactor when parsed.</summary>
        [Fact]
        public void APackagesErrorMessage_IsRedacted_WhenRead()
        {
            var body = Newtonsoft.Json.Linq.JObject.Parse("{\"Data\":{\"Deployment\":{\"Status\":2,\"ErrorMessage\":\"echo x-acs-security-token: " + Token + "\"}}}");
            DIDeployment d = DataWorksDI.Services.DeploymentService.Parse(1, 2, body);
            Assert.DoesNotContain("CAIS", d.ErrorMessage);
            Assert.StartsWith("echo x-acs-security-token", d.ErrorMessage);
        }

        [Fact]
        public void AValidationRefusal_KeepsItsFindings_WhenRedacted()
        {
            var refused = new DataWorksValidationException("DataWorksDI.InvalidContent.X", "bad: Password=" + Token, new List<DataWorksDI.Validation.ValidationFinding>());
            ErrorRecord record = ErrorRecords.From(refused, "t");
            var copy = Assert.IsType<DataWorksValidationException>(record.Exception);
            Assert.DoesNotContain("CAIS", copy.Message);
            Assert.Same(refused.Findings, copy.Findings);
        }
    }
}
