using System;
using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Validation
{
    public class TaskContentValidatorTests
    {
        // Data/SOURCES.md says where each file comes from:
        //  - minimal-spec-6.1.json: dataworks-api.md §6.1 minimal example;
        //  - createdisynctask-request-example.json: CreateDISyncTask doc (278725 / api-createdisynctask) TaskContent example;
        //  - updatedisynctask-request-example.json: UpdateDISyncTask doc (api-updatedisynctask) TaskContent example.
        [Theory]
        [InlineData("minimal-spec-6.1.json")]
        [InlineData("createdisynctask-request-example.json")]
        [InlineData("updatedisynctask-request-example.json")]
        public void PublishedExamples_PassUnchanged(string file)
        {
            string content = TestData.Read(file);
            var result = new TaskContentValidator().Validate(content, new[] { "bizdate" });
            FindingAssert.NoErrors(result.Findings);
            Assert.True(result.IsValid);
            Assert.DoesNotContain(result.Findings, f => f.Severity == ValidationSeverity.Warning);
            Assert.Equal(new[] { "bizdate" }, result.ReferencedParameters);
        }

        [Fact]
        public void BuiltInBizdate_NeedsNoAssignment()
        {
            var result = new TaskContentValidator().Validate(TestData.Read("minimal-spec-6.1.json"), new string[0]);
            Assert.True(result.IsValid);
            Assert.DoesNotContain(result.Findings, f => f.Code == ValidationCodes.ParamUnassigned);
        }

        [Fact]
        public void PrettyPrintedContent_FindingsCarryLineNumbers()
        {
            var job = Minimal();
            job["steps"][1]["parameter"]["column"] = new JArray("id");
            var result = new TaskContentValidator().Validate(job.ToString(Formatting.Indented));
            var f = FindingAssert.Has(result.Findings, ValidationCodes.ColumnCountMismatch, "$.steps[1].parameter.column");
            Assert.True(f.LineNumber > 1, f.ToString());
            Assert.Contains("(line ", f.ToString());
        }

        // The texts of the findings the shared checks make (HopsPart, SuggestedHops, StepText, CheckFixedText), word for
        // word: one helper serves several members, and each member keeps its own message and fix. Steps renamed to
        // Src/Dst show that a suggested hop names the content's own first reader and writer.
        public static IEnumerable<object[]> ExactTexts() => new List<object[]>
        {
            Exact("order missing", j => { Rename(j); j.Remove("order"); }, ValidationCodes.OrderHopsMissing, "$.order",
                "The task content has no \"order\", so no hop says which step feeds which.",
                "Add \"order\": {\"hops\": [{\"from\": \"Src\", \"to\": \"Dst\"}]}."),
            Exact("order a string", j => j["order"] = "Reader->Writer", ValidationCodes.ContentWrongType, "$.order",
                "\"order\" is a JSON string (\"Reader->Writer\"); DataWorks expects an object.",
                "Write it as an object: {\"hops\": [{\"from\": \"Reader\", \"to\": \"Writer\"}]}."),
            Exact("hops missing", j => { Rename(j); j["order"] = new JObject(); }, ValidationCodes.OrderHopsMissing, "$.order.hops",
                "\"order\" has no \"hops\", so no hop says which step feeds which.",
                "Add \"hops\": [{\"from\": \"Src\", \"to\": \"Dst\"}]."),
            Exact("hops an object", j => j["order"]["hops"] = new JObject(), ValidationCodes.ContentWrongType, "$.order.hops",
                "\"order.hops\" is a JSON object ({}); DataWorks expects an array.",
                "Write it as an array: [{\"from\": \"Reader\", \"to\": \"Writer\"}]."),
            Exact("hops empty", j => { Rename(j); j["order"]["hops"] = new JArray(); }, ValidationCodes.OrderHopsEmpty, "$.order.hops",
                "\"order.hops\" is empty, so no hop says which step feeds which.",
                "Add a hop: [{\"from\": \"Src\", \"to\": \"Dst\"}]."),
            Exact("type missing", j => j.Remove("type"), ValidationCodes.ContentTypeMissing, "$.type",
                "The task content has no \"type\".", "Add \"type\": \"job\" at the top level (a fixed value)."),
            Exact("type not job", j => j["type"] = "Job", ValidationCodes.ContentTypeInvalid, "$.type",
                "\"type\" is \"Job\"; it is fixed to the string \"job\".", "Set \"type\": \"job\"."),
            Exact("version missing", j => j.Remove("version"), ValidationCodes.ContentVersionMissing, "$.version",
                "The task content has no \"version\".", "Add \"version\": \"2.0\" at the top level (a fixed value, written as a string)."),
            Exact("version a number", j => j["version"] = 2.5, ValidationCodes.ContentVersionInvalid, "$.version",
                "\"version\" is the number 2.5; it must be the string \"2.0\".", "Set \"version\": \"2.0\" (with the quotes)."),
            Exact("version 1.0", j => j["version"] = "1.0", ValidationCodes.ContentVersionInvalid, "$.version",
                "\"version\" is \"1.0\"; script-mode batch tasks use \"2.0\".", "Set \"version\": \"2.0\" (with the quotes)."),
            Exact("name missing", j => ((JObject)j["steps"][1]).Remove("name"), ValidationCodes.StepNameInvalid, "$.steps[1].name",
                "Step 1 has no \"name\".", "Name the step, conventionally \"Reader\" or \"Writer\"; order.hops refers to steps by these names."),
            Exact("name blank", j => j["steps"][1]["name"] = " ", ValidationCodes.StepNameInvalid, "$.steps[1].name",
                "Step 1 \"name\" is \" \"; it must be a non-empty string.", "Name the step, conventionally \"Reader\" or \"Writer\"; order.hops refers to steps by these names."),
            Exact("stepType missing", j => ((JObject)j["steps"][1]).Remove("stepType"), ValidationCodes.StepStepTypeInvalid, "$.steps[1].stepType",
                "Step 'Writer' has no \"stepType\".", "Set \"stepType\" to the data source type, e.g. \"mysql\", \"odps\", \"oss\", \"holo\"."),
            Exact("stepType a number", j => j["steps"][1]["stepType"] = 5, ValidationCodes.StepStepTypeInvalid, "$.steps[1].stepType",
                "Step 'Writer' \"stepType\" is 5; it must be the plugin (data source type) name.", "Set \"stepType\" to the data source type, e.g. \"mysql\", \"odps\", \"oss\", \"holo\"."),
        };

        [Theory]
        [MemberData(nameof(ExactTexts))]
        public void SharedChecks_KeepEachMembersExactTexts(string name, string content, string code, string path, string message, string fix)
        {
            var finding = FindingAssert.Has(new TaskContentValidator().Validate(content).Findings, code, path);
            Assert.True(finding.Severity == ValidationSeverity.Error, name);
            Assert.Equal(message, finding.Message);
            Assert.Equal(fix, finding.Fix);
        }

        private static object[] Exact(string name, Action<JObject> change, string code, string path, string message, string fix) =>
            new object[] { name, Mutate(change), code, path, message, fix };

        private static void Rename(JObject job)
        {
            job["steps"][0]["name"] = "Src";
            job["steps"][1]["name"] = "Dst";
        }

        private static JObject Minimal() => JObject.Parse(TestData.Read("minimal-spec-6.1.json"));

        private static string Mutate(Action<JObject> change)
        {
            var job = Minimal();
            change(job);
            return job.ToString(Formatting.None);
        }

        private static JObject Param(JObject job, int step) => (JObject)job["steps"][step]["parameter"];

        public static IEnumerable<object[]> BadContents() => new List<object[]>
        {
            // content as a whole
            Case("empty", "", ValidationCodes.ContentEmpty, "$", "empty"),
            Case("whitespace", "  \n ", ValidationCodes.ContentEmpty, "$", "empty"),
            Case("unclosed object", "{", ValidationCodes.ContentMalformedJson, null, "not valid JSON", "line 1"),
            Case("missing comma", "{\"type\":\"job\" \"version\":\"2.0\"}", ValidationCodes.ContentMalformedJson, null, "line 1, position"),
            Case("stray quote on line 3", "{\n  \"type\": \"job\",\n  \"version\": 2.0\"\n}", ValidationCodes.ContentMalformedJson, null, "line 3"),
            Case("text after the object", "{\"type\":\"job\"} trailing", ValidationCodes.ContentMalformedJson, null, "Additional text"),
            Case("array root", "[{\"type\":\"job\"}]", ValidationCodes.ContentNotObject, "$", "array"),
            Case("string root", "\"job\"", ValidationCodes.ContentNotObject, "$", "string"),
            Case("datax shape",
                "{\"job\":{\"setting\":{\"speed\":{\"channel\":1}},\"content\":[{\"reader\":{\"name\":\"mysqlreader\",\"parameter\":{}},\"writer\":{\"name\":\"odpswriter\",\"parameter\":{}}}]}}",
                ValidationCodes.ContentDataXShape, "$.job", "DataX", "'mysqlreader'", "'odpswriter'"),
            Case("type missing", Mutate(j => j.Remove("type")), ValidationCodes.ContentTypeMissing, "$.type", "no \"type\""),
            Case("type not job", Mutate(j => j["type"] = "Job"), ValidationCodes.ContentTypeInvalid, "$.type", "\"Job\""),
            Case("version missing", Mutate(j => j.Remove("version")), ValidationCodes.ContentVersionMissing, "$.version", "no \"version\""),
            Case("version a number", Mutate(j => j["version"] = 2.0), ValidationCodes.ContentVersionInvalid, "$.version", "must be the string \"2.0\""),
            Case("version 1.0", Mutate(j => j["version"] = "1.0"), ValidationCodes.ContentVersionInvalid, "$.version", "\"1.0\""),
            // steps
            Case("steps missing", Mutate(j => j.Remove("steps")), ValidationCodes.StepsMissing, "$.steps", "no \"steps\""),
            Case("steps an object", Mutate(j => j["steps"] = new JObject()), ValidationCodes.StepsNotArray, "$.steps", "object"),
            Case("steps empty", Mutate(j => j["steps"] = new JArray()), ValidationCodes.StepsEmpty, "$.steps", "empty"),
            Case("step a string", Mutate(j => ((JArray)j["steps"]).Add("Reader2")), ValidationCodes.StepNotObject, "$.steps[2]", "Step 2", "string"),
            Case("no reader", Mutate(j => j["steps"][0]["category"] = "writer"), ValidationCodes.StepsNoReader, "$.steps", "'Reader' (writer)", "'Writer' (writer)"),
            Case("no writer", Mutate(j => ((JArray)j["steps"]).RemoveAt(1)), ValidationCodes.StepsNoWriter, "$.steps", "'Reader' (reader)"),
            Case("stepType missing", Mutate(j => ((JObject)j["steps"][1]).Remove("stepType")), ValidationCodes.StepStepTypeInvalid, "$.steps[1].stepType", "'Writer'"),
            Case("parameter missing", Mutate(j => ((JObject)j["steps"][0]).Remove("parameter")), ValidationCodes.StepParameterInvalid, "$.steps[0].parameter", "'Reader'"),
            Case("parameter an array", Mutate(j => j["steps"][0]["parameter"] = new JArray()), ValidationCodes.StepParameterInvalid, "$.steps[0].parameter", "array"),
            Case("name missing", Mutate(j => ((JObject)j["steps"][1]).Remove("name")), ValidationCodes.StepNameInvalid, "$.steps[1].name", "Step 1"),
            Case("name empty", Mutate(j => j["steps"][1]["name"] = " "), ValidationCodes.StepNameInvalid, "$.steps[1].name", "non-empty"),
            Case("names duplicated", Mutate(j => j["steps"][1]["name"] = "Reader"), ValidationCodes.StepNameDuplicate, "$.steps[1].name", "'Reader'", "Steps 0 and 1"),
            Case("category capitalised", Mutate(j => j["steps"][0]["category"] = "Reader"), ValidationCodes.StepCategoryInvalid, "$.steps[0].category", "\"Reader\""),
            Case("category missing", Mutate(j => ((JObject)j["steps"][1]).Remove("category")), ValidationCodes.StepCategoryInvalid, "$.steps[1].category", "'Writer'"),
            // documented JSON types
            Case("column a string", Mutate(j => Param(j, 0)["column"] = "id,name"), ValidationCodes.ContentWrongType, "$.steps[0].parameter.column", "string", "\"id,name\"", "array"),
            Case("concurrent quoted", Mutate(j => j["setting"]["speed"]["concurrent"] = "2"), ValidationCodes.ContentWrongType, "$.setting.speed.concurrent", "\"2\"", "integer"),
            Case("concurrent fractional", Mutate(j => j["setting"]["speed"]["concurrent"] = 1.5), ValidationCodes.ContentWrongType, "$.setting.speed.concurrent", "1.5"),
            Case("throttle quoted", Mutate(j => j["setting"]["speed"]["throttle"] = "false"), ValidationCodes.ContentWrongType, "$.setting.speed.throttle", "\"false\"", "boolean"),
            Case("errorLimit.record boolean", Mutate(j => j["setting"]["errorLimit"]["record"] = true), ValidationCodes.ContentWrongType, "$.setting.errorLimit.record", "boolean"),
            Case("connection table a string", Mutate(j => Param(j, 0)["connection"][0]["table"] = "u_pk"), ValidationCodes.ContentWrongType, "$.steps[0].parameter.connection[0].table", "\"u_pk\""),
            Case("truncate a word", Mutate(j => Param(j, 1)["truncate"] = "yes"), ValidationCodes.ContentWrongType, "$.steps[1].parameter.truncate", "\"yes\"", "boolean"),
            Case("truncate a number", Mutate(j => Param(j, 1)["truncate"] = 1), ValidationCodes.ContentWrongType, "$.steps[1].parameter.truncate", "boolean"),
            Case("order a string", Mutate(j => j["order"] = "Reader->Writer"), ValidationCodes.ContentWrongType, "$.order", "\"Reader->Writer\""),
            // hops
            Case("order missing", Mutate(j => j.Remove("order")), ValidationCodes.OrderHopsMissing, "$.order", "no \"order\""),
            Case("hops missing", Mutate(j => j["order"] = new JObject()), ValidationCodes.OrderHopsMissing, "$.order.hops", "no \"hops\""),
            Case("hops empty", Mutate(j => j["order"]["hops"] = new JArray()), ValidationCodes.OrderHopsEmpty, "$.order.hops", "empty"),
            Case("hop to a missing step", Mutate(j => j["order"]["hops"][0]["to"] = "Writr"), ValidationCodes.OrderHopUnknownStep, "$.order.hops[0].to", "\"Writr\"", "'Writer'"),
            Case("hop from a missing step", Mutate(j => j["order"]["hops"][0]["from"] = "reader"), ValidationCodes.OrderHopUnknownStep, "$.order.hops[0].from", "\"reader\""),
            Case("hop without to", Mutate(j => ((JObject)j["order"]["hops"][0]).Remove("to")), ValidationCodes.OrderHopUnknownStep, "$.order.hops[0].to", "no \"to\""),
            // issue 16: hops that form a cycle (Reader → Writer → Reader) were passed and sent
            Case("hops form a cycle", Mutate(j => ((JArray)j["order"]["hops"]).Add(JObject.Parse("{\"from\":\"Writer\",\"to\":\"Reader\"}"))),
                ValidationCodes.OrderHopCycle, "$.order.hops[1]", "Reader → Writer → Reader"),
            Case("a step hops to itself", Mutate(j => ((JArray)j["order"]["hops"]).Add(JObject.Parse("{\"from\":\"Writer\",\"to\":\"Writer\"}"))),
                ValidationCodes.OrderHopCycle, "$.order.hops[1]", "Writer → Writer"),
            // issue 16: an ODPS writer without "table" was passed and sent
            Case("odps writer without table", Mutate(j => Param(j, 1).Remove("table")), ValidationCodes.PluginParameterMissing, "$.steps[1].parameter.table",
                "MaxCompute Writer", "no \"table\""),
            // columns
            Case("column counts differ", Mutate(j => Param(j, 1)["column"] = new JArray("id")), ValidationCodes.ColumnCountMismatch, "$.steps[1].parameter.column",
                "Reader 'Reader' reads 2 column(s) (id, name)", "writer 'Writer' writes 1 (id)"),
            Case("empty column list", Mutate(j => Param(j, 0)["column"] = new JArray()), ValidationCodes.ColumnEmpty, "$.steps[0].parameter.column", "'Reader'"),
            // data sources
            Case("writer without datasource", Mutate(j => Param(j, 1).Remove("datasource")), ValidationCodes.StepDataSourceMissing, "$.steps[1].parameter.datasource", "'Writer'", "odps"),
            Case("reader connection without datasource", Mutate(j => { Param(j, 0).Remove("datasource"); ((JObject)Param(j, 0)["connection"][0]).Remove("datasource"); }),
                ValidationCodes.StepDataSourceMissing, "$.steps[0].parameter.connection[0].datasource", "'Reader'"),
            Case("empty datasource placeholder", Mutate(j => Param(j, 1)["datasource"] = ""), ValidationCodes.StepDataSourceMissing, "$.steps[1].parameter.datasource", "empty"),
            // setting
            Case("throttle without mbps", Mutate(j => j["setting"]["speed"]["throttle"] = true), ValidationCodes.SettingThrottleWithoutMbps, "$.setting.speed.mbps", "throttle is true"),
            Case("mbps not a number", Mutate(j => { j["setting"]["speed"]["throttle"] = true; j["setting"]["speed"]["mbps"] = "fast"; }), ValidationCodes.SettingMbpsInvalid, "$.setting.speed.mbps", "\"fast\""),
            Case("concurrency zero", Mutate(j => j["setting"]["speed"]["concurrent"] = 0), ValidationCodes.SettingConcurrentTooLow, "$.setting.speed.concurrent", "is 0"),
            Case("negative error limit string", Mutate(j => j["setting"]["errorLimit"]["record"] = "-1"), ValidationCodes.SettingErrorLimitNegative, "$.setting.errorLimit.record", "-1"),
            Case("negative error limit number", Mutate(j => j["setting"]["errorLimit"]["record"] = -5), ValidationCodes.SettingErrorLimitNegative, "$.setting.errorLimit.record", "-5"),
            Case("error limit fractional", Mutate(j => j["setting"]["errorLimit"]["record"] = 1.5), ValidationCodes.SettingErrorLimitInvalid, "$.setting.errorLimit.record", "1.5"),
            Case("error limit not a count", Mutate(j => j["setting"]["errorLimit"]["record"] = "ten"), ValidationCodes.SettingErrorLimitInvalid, "$.setting.errorLimit.record", "\"ten\""),
        };

        private static object[] Case(string name, string content, string code, string path, params string[] fragments) =>
            new object[] { name, content, code, path, fragments };

        [Theory]
        [MemberData(nameof(BadContents))]
        public void BadContent_IsAnError_WithTheSpecificCodeAndPath(string name, string content, string code, string path, string[] fragments)
        {
            var result = new TaskContentValidator().Validate(content);
            var finding = FindingAssert.Has(result.Findings, code, path, fragments);
            Assert.True(finding.Severity == ValidationSeverity.Error, name + ": " + finding);
            Assert.False(result.IsValid, name);
        }

        [Fact]
        public void MalformedJson_ReportsLinePositionAndReason()
        {
            var result = new TaskContentValidator().Validate("{\n  \"type\": \"job\",\n  \"version\": 2.0\"\n}");
            var f = FindingAssert.Has(result.Findings, ValidationCodes.ContentMalformedJson, null);
            Assert.Equal(3, f.LineNumber);
            Assert.True(f.LinePosition > 0);
            Assert.DoesNotContain("Path '", f.Message); // the reason, without Newtonsoft's own location suffix
            Assert.Single(result.Findings);
        }

        [Fact]
        public void DataXShape_FixExplainsTheConversion_WithStepTypesFromThePluginNames()
        {
            var content = "{\"job\":{\"setting\":{\"speed\":{\"channel\":1}},\"content\":[{\"reader\":{\"name\":\"mysqlreader\",\"parameter\":{}},\"writer\":{\"name\":\"odpswriter\",\"parameter\":{}}}]}}";
            var result = new TaskContentValidator().Validate(content);
            var f = Assert.Single(result.Findings);
            Assert.Equal(ValidationCodes.ContentDataXShape, f.Code);
            Assert.Contains("\"stepType\":\"mysql\"", f.Fix);
            Assert.Contains("\"stepType\":\"odps\"", f.Fix);
            Assert.Contains("\"category\":\"reader\"", f.Fix);
            Assert.Contains("\"type\":\"job\"", f.Fix);
            Assert.Contains("\"version\":\"2.0\"", f.Fix);
            Assert.Contains("\"order\":{\"hops\"", f.Fix);
            Assert.Contains("datasource", f.Fix);
        }

        [Fact]
        public void HopToAMisspeltStep_FixNamesTheClosestStep()
        {
            var typo = FindingAssert.Has(new TaskContentValidator().Validate(Mutate(j => j["order"]["hops"][0]["to"] = "Writr")).Findings,
                ValidationCodes.OrderHopUnknownStep, "$.order.hops[0].to");
            Assert.StartsWith("Write \"Writer\" — did you mean 'Writer'?", typo.Fix);
            var lowerCase = FindingAssert.Has(new TaskContentValidator().Validate(Mutate(j => j["order"]["hops"][0]["from"] = "reader")).Findings,
                ValidationCodes.OrderHopUnknownStep, "$.order.hops[0].from");
            Assert.StartsWith("Write \"Reader\"", lowerCase.Fix);
            var unrelated = FindingAssert.Has(new TaskContentValidator().Validate(Mutate(j => j["order"]["hops"][0]["to"] = "Sink")).Findings,
                ValidationCodes.OrderHopUnknownStep, "$.order.hops[0].to");
            Assert.StartsWith("Use one of the step names", unrelated.Fix);
        }

        [Fact]
        public void CategoryCapitalised_FixSaysLowerCase()
        {
            var result = new TaskContentValidator().Validate(Mutate(j => j["steps"][0]["category"] = "Reader"));
            var f = FindingAssert.Has(result.Findings, ValidationCodes.StepCategoryInvalid, "$.steps[0].category");
            Assert.Contains("\"category\": \"reader\"", f.Fix);
        }

        public static IEnumerable<object[]> RiskyContents() => new List<object[]>
        {
            Case("star columns", Mutate(j => Param(j, 0)["column"] = new JArray("*")), ValidationCodes.ColumnWildcard, "$.steps[0].parameter.column", "\"*\"", "'Writer'"),
            Case("DataX plugin name as stepType", Mutate(j => j["steps"][0]["stepType"] = "mysqlreader"), ValidationCodes.StepStepTypeSuffix, "$.steps[0].stepType", "\"mysqlreader\""),
            Case("reader not connected", Mutate(j => ((JArray)j["steps"]).Add(JObject.Parse("{\"stepType\":\"mysql\",\"parameter\":{\"datasource\":\"mysql_pub\",\"column\":[\"id\",\"name\"]},\"name\":\"Reader2\",\"category\":\"reader\"}"))),
                ValidationCodes.OrderReaderNotConnected, "$.steps[2]", "'Reader2'"),
            Case("writer not connected", Mutate(j => ((JArray)j["steps"]).Add(JObject.Parse("{\"stepType\":\"odps\",\"parameter\":{\"datasource\":\"odps_first\",\"column\":[\"id\",\"name\"]},\"name\":\"Writer2\",\"category\":\"writer\"}"))),
                ValidationCodes.OrderWriterNotConnected, "$.steps[2]", "'Writer2'"),
            Case("hop backwards", Mutate(j => { j["order"]["hops"][0]["from"] = "Writer"; j["order"]["hops"][0]["to"] = "Reader"; }), ValidationCodes.OrderHopDirection, "$.order.hops[0].from", "writer 'Writer'"),
            Case("hop into a reader", Mutate(j => j["order"]["hops"][0]["to"] = "Reader"), ValidationCodes.OrderHopDirection, "$.order.hops[0].to", "reader 'Reader'"),
            Case("writer fed only by an unreachable step", Mutate(j =>
                {
                    ((JArray)j["steps"]).Add(JObject.Parse("{\"stepType\":\"stream\",\"parameter\":{},\"name\":\"Writer2\",\"category\":\"writer\"}"));
                    ((JArray)j["steps"]).Add(JObject.Parse("{\"stepType\":\"stream\",\"parameter\":{},\"name\":\"Writer3\",\"category\":\"writer\"}"));
                    ((JArray)j["order"]["hops"]).Add(JObject.Parse("{\"from\":\"Writer2\",\"to\":\"Writer3\"}"));
                }), ValidationCodes.OrderStepUnreachable, "$.steps[3]", "'Writer3'", "'Writer2'"),
            Case("unquoted key", "{type:\"job\"}", ValidationCodes.ContentNonStandardJson, null, "unquoted key"),
            Case("duplicate key", "{\"type\":\"job\",\"type\":\"job\"}", ValidationCodes.ContentDuplicateKey, "$.type", "'type'"),
            Case("comment", "{\"type\":\"job\" // fixed\n}", ValidationCodes.ContentNonStandardJson, null, "a comment"),
            Case("single quotes", "{'type':'job'}", ValidationCodes.ContentNonStandardJson, null, "single-quoted"),
            Case("scheduling expression inline", Mutate(j => Param(j, 0)["where"] = "gmt >= '$[yyyymmdd]'"), ValidationCodes.ParamSchedulingExpressionInContent, "$.steps[0].parameter.where", "$[yyyymmdd]"),
        };

        [Theory]
        [MemberData(nameof(RiskyContents))]
        public void RiskyContent_IsAWarning_WithTheSpecificCodeAndPath(string name, string content, string code, string path, string[] fragments)
        {
            var result = new TaskContentValidator().Validate(content);
            var finding = FindingAssert.Has(result.Findings, code, path, fragments);
            Assert.True(finding.Severity == ValidationSeverity.Warning, name + ": " + finding);
        }

        [Fact]
        public void StarColumns_SkipTheCountCheck()
        {
            var result = new TaskContentValidator().Validate(Mutate(j => { Param(j, 0)["column"] = new JArray("*"); Param(j, 1)["column"] = new JArray("a", "b", "c"); }));
            Assert.True(result.IsValid);
            Assert.DoesNotContain(result.Findings, f => f.Code == ValidationCodes.ColumnCountMismatch);
        }

        [Fact]
        public void ColumnCounts_AreComparedAlongHops_ForEachReaderWriterPair()
        {
            string content = Mutate(j =>
            {
                ((JArray)j["steps"]).Add(JObject.Parse("{\"stepType\":\"odps\",\"parameter\":{\"datasource\":\"odps_first\",\"column\":[\"id\",\"name\",\"extra\"]},\"name\":\"Writer2\",\"category\":\"writer\"}"));
                ((JArray)j["order"]["hops"]).Add(JObject.Parse("{\"from\":\"Reader\",\"to\":\"Writer2\"}"));
            });
            var result = new TaskContentValidator().Validate(content);
            var f = FindingAssert.Has(result.Findings, ValidationCodes.ColumnCountMismatch, "$.steps[2].parameter.column", "'Writer2' writes 3");
            Assert.DoesNotContain(result.Findings, x => x.Code == ValidationCodes.ColumnCountMismatch && x.Path == "$.steps[1].parameter.column");
            Assert.Contains("writer 'Writer2'", f.Fix);
        }

        [Fact]
        public void ColumnsGivenAsObjects_AreCountedAndNamed()
        {
            string content = Mutate(j => Param(j, 0)["column"] = JArray.Parse("[{\"name\":\"id\"},{\"name\":\"name\"},{\"name\":\"age\"}]"));
            var f = FindingAssert.Has(new TaskContentValidator().Validate(content).Findings, ValidationCodes.ColumnCountMismatch, "$.steps[1].parameter.column", "3 column(s) (id, name, age)");
            Assert.Equal(ValidationSeverity.Error, f.Severity);
        }

        [Fact]
        public void StreamPlugin_NeedsNoDataSource()
        {
            string content = Mutate(j => j["steps"][1] = JObject.Parse("{\"stepType\":\"stream\",\"parameter\":{},\"name\":\"Writer\",\"category\":\"writer\"}"));
            var result = new TaskContentValidator().Validate(content);
            Assert.True(result.IsValid, string.Join("\n", result.Findings));
        }

        [Fact]
        public void DataSourceInConnectionOnly_IsAccepted()
        {
            var result = new TaskContentValidator().Validate(Mutate(j => Param(j, 0).Remove("datasource")));
            Assert.True(result.IsValid, string.Join("\n", result.Findings));
        }

        [Fact]
        public void ThrottleWithMbps_IsAccepted_AsStringOrNumber()
        {
            Assert.True(new TaskContentValidator().Validate(Mutate(j => { j["setting"]["speed"]["throttle"] = true; j["setting"]["speed"]["mbps"] = "12"; })).IsValid);
            Assert.True(new TaskContentValidator().Validate(Mutate(j => { j["setting"]["speed"]["throttle"] = true; j["setting"]["speed"]["mbps"] = 12; })).IsValid);
        }

        /// <summary>Alibaba's Hologres sample (partitioned table) writes "truncate": "false"; the samples win over the strict type.</summary>
        [Theory]
        [InlineData("\"false\"")]
        [InlineData("\"true\"")]
        [InlineData("\"False\"")]
        [InlineData("false")]
        public void Truncate_AcceptsABooleanOrTheStringsTrueAndFalse(string truncate)
        {
            var result = new TaskContentValidator().Validate(Mutate(j => Param(j, 1)["truncate"] = JToken.Parse(truncate)));
            Assert.True(result.IsValid, string.Join("\n", result.Findings));
        }

        [Theory]
        [InlineData("\"0\"")]
        [InlineData("0")]
        [InlineData("100")]
        [InlineData("\"\"")]
        public void ErrorLimitRecord_AcceptsDocumentedForms(string record)
        {
            Assert.True(new TaskContentValidator().Validate(Mutate(j => j["setting"]["errorLimit"]["record"] = JToken.Parse(record))).IsValid);
        }

        // ------------------------------------------------------------------ parameters

        [Fact]
        public void UnassignedParameter_IsAnError_WithTheAssignmentFix()
        {
            string content = Mutate(j => Param(j, 1)["partition"] = "pt=${pt_date}");
            var result = new TaskContentValidator().Validate(content, new[] { "other" });
            var f = FindingAssert.Has(result.Findings, ValidationCodes.ParamUnassigned, "$.steps[1].parameter.partition", "${pt_date}", "'other'");
            Assert.Equal(ValidationSeverity.Error, f.Severity);
            Assert.Contains("-Parameter @{ pt_date = '$bizdate' }", f.Fix);
            Assert.Contains("pt_date=$bizdate", f.Fix);
            Assert.False(result.IsValid);
        }

        [Fact]
        public void AssignedParameter_IsAccepted_AndNullSkipsTheAssignmentCheck()
        {
            string content = Mutate(j => Param(j, 1)["partition"] = "pt=${pt_date}");
            Assert.True(new TaskContentValidator().Validate(content, new[] { "pt_date" }).IsValid);
            var unchecked_ = new TaskContentValidator().Validate(content, null);
            Assert.True(unchecked_.IsValid);
            Assert.Equal(new[] { "pt_date" }, unchecked_.ReferencedParameters);
        }

        [Fact]
        public void ReferencedParameters_ListsEveryForm_OnceInOrder()
        {
            string content = Mutate(j =>
            {
                Param(j, 0)["where"] = "ds = '${day}' and ts < '$[yyyymmddhh24miss]' and b = '$bizdate' and d2 = '${day}'";
                Param(j, 1)["partition"] = "pt=${bizdate},hh=${hour}";
            });
            var result = new TaskContentValidator().Validate(content);
            Assert.Equal(new[] { "day", "$[yyyymmddhh24miss]", "$bizdate", "bizdate", "hour" }, result.ReferencedParameters);
        }

        [Fact]
        public void FindParameterReferences_WorksOnPlainText()
        {
            Assert.Equal(new[] { "a", "$[hh24]", "$cyctime" }, TaskContentValidator.FindParameterReferences("x ${a} $[hh24] $cyctime ${a} $cyctimes"));
            Assert.Empty(TaskContentValidator.FindParameterReferences(null));
        }

        [Fact]
        public void AssignedButUnused_IsInformation()
        {
            var result = new TaskContentValidator().Validate(TestData.Read("minimal-spec-6.1.json"), new[] { "bizdate", "extra" });
            var f = FindingAssert.Has(result.Findings, ValidationCodes.ParamUnreferenced, "extra", "'extra'");
            Assert.Equal(ValidationSeverity.Information, f.Severity);
            Assert.True(result.IsValid);
        }

        // ------------------------------------------------------------------ workspace catalog

        private sealed class FakeCatalog : IWorkspaceCatalog, IWorkspaceCatalogListing
        {
            public bool Lists = true;

            public IReadOnlyCollection<string> DataSourceNames => Lists && Known ? DataSources : null;

            public IReadOnlyCollection<string> ResourceGroupIdentifiers => Lists && Known ? ResourceGroups : null;

            public HashSet<string> DataSources = new HashSet<string>();
            public HashSet<string> ResourceGroups = new HashSet<string>();
            public bool Known = true;
            public List<string> Asked = new List<string>();

            public bool? DataSourceExists(string name)
            {
                Asked.Add(name);
                return Known ? DataSources.Contains(name) : (bool?)null;
            }

            public bool? ResourceGroupExists(string identifier) => Known ? ResourceGroups.Contains(identifier) : (bool?)null;
        }

        [Fact]
        public void UnknownDataSource_IsAnError_NamingItAndHowToList()
        {
            var catalog = new FakeCatalog { DataSources = { "odps_first" } };
            var result = new TaskContentValidator(catalog).Validate(TestData.Read("minimal-spec-6.1.json"));
            var f = FindingAssert.Has(result.Findings, ValidationCodes.WorkspaceDataSourceUnknown, "$.steps[0].parameter.datasource", "'mysql_pub'");
            Assert.Contains("ListDataSources", f.Fix);
            Assert.False(result.IsValid);
            // mysql_pub appears twice (parameter and connection) but is asked about once.
            Assert.Equal(new[] { "mysql_pub", "odps_first" }, catalog.Asked);
        }

        [Fact]
        public void UnknownDataSource_NamesTheClosestRegisteredOnes_WhenTheCatalogListsThem()
        {
            var catalog = new FakeCatalog { DataSources = { "mysql_pb", "mysql_private", "odps_first" } };
            var result = new TaskContentValidator(catalog).Validate(TestData.Read("minimal-spec-6.1.json"));
            var f = FindingAssert.Has(result.Findings, ValidationCodes.WorkspaceDataSourceUnknown, "$.steps[0].parameter.datasource", "'mysql_pub'", "did you mean 'mysql_pb'?");
            Assert.StartsWith("If you meant 'mysql_pb', write that name exactly.", f.Fix);
            Assert.DoesNotContain("tab completion", f.Fix);
            Assert.Contains("Invoke-DIApi -Action ListDataSources", f.Fix);

            var farOff = new FakeCatalog { DataSources = { "kafka_events", "odps_first" } };
            var g = FindingAssert.Has(new TaskContentValidator(farOff).Validate(TestData.Read("minimal-spec-6.1.json")).Findings,
                ValidationCodes.WorkspaceDataSourceUnknown, "$.steps[0].parameter.datasource");
            Assert.DoesNotContain("did you mean", g.Message);
            Assert.DoesNotContain("If you meant", g.Fix);

            var notListed = new FakeCatalog { DataSources = { "mysql_pb", "odps_first" }, Lists = false };
            var h = FindingAssert.Has(new TaskContentValidator(notListed).Validate(TestData.Read("minimal-spec-6.1.json")).Findings,
                ValidationCodes.WorkspaceDataSourceUnknown, "$.steps[0].parameter.datasource");
            Assert.DoesNotContain("did you mean", h.Message);
        }

        [Fact]
        public void UnknownResourceGroup_NamesTheClosestIdentifiers()
        {
            var catalog = new FakeCatalog { DataSources = { "mysql_pub", "odps_first" }, ResourceGroups = { "S_res_group_280749521950784_1602767279794", "S_res_group_1" } };
            var bad = new TaskContentValidator(catalog).Validate(TestData.Read("minimal-spec-6.1.json"), null, "S_res_group_280749521950784_1602767279795");
            var f = FindingAssert.Has(bad.Findings, ValidationCodes.WorkspaceResourceGroupUnknown, "TaskParam.ResourceGroup",
                "did you mean 'S_res_group_280749521950784_1602767279794'?");
            Assert.Contains("Invoke-DIApi -Action ListResourceGroups", f.Fix);
        }

        [Fact]
        public void KnownOrUnknowableDataSources_AreNotFindings()
        {
            var all = new FakeCatalog { DataSources = { "mysql_pub", "odps_first" } };
            Assert.True(new TaskContentValidator(all).Validate(TestData.Read("minimal-spec-6.1.json")).IsValid);
            var unknown = new FakeCatalog { Known = false };
            Assert.True(new TaskContentValidator(unknown).Validate(TestData.Read("minimal-spec-6.1.json")).IsValid);
        }

        [Fact]
        public void UnknownResourceGroup_IsAnError()
        {
            var catalog = new FakeCatalog { DataSources = { "mysql_pub", "odps_first" }, ResourceGroups = { "S_res_group_1" } };
            var validator = new TaskContentValidator(catalog);
            var bad = validator.Validate(TestData.Read("minimal-spec-6.1.json"), null, "S_res_group_2");
            var f = FindingAssert.Has(bad.Findings, ValidationCodes.WorkspaceResourceGroupUnknown, "TaskParam.ResourceGroup", "'S_res_group_2'");
            Assert.Contains("ResourceGroupType 4", f.Fix);
            Assert.True(validator.Validate(TestData.Read("minimal-spec-6.1.json"), null, "S_res_group_1").IsValid);
        }

        [Fact]
        public void Findings_ToString_SaysEverything()
        {
            var result = new TaskContentValidator().Validate(Mutate(j => Param(j, 1)["column"] = new JArray("id")));
            var f = result.Findings.Single(x => x.Code == ValidationCodes.ColumnCountMismatch);
            string s = f.ToString();
            Assert.StartsWith("Error DI.Column.CountMismatch at $.steps[1].parameter.column", s);
            Assert.Contains(f.Message, s);
            Assert.Contains("Fix: " + f.Fix, s);
        }
    }
}
