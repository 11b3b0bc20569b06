using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DataWorksDI.Definitions;
using DataWorksDI.Validation;
using Newtonsoft.Json.Linq;
using Xunit;
using static DataWorksDI.Tests.Definitions.DefinitionEmulator;

namespace DataWorksDI.Tests.Definitions
{
    /// <summary>
    /// The offline layer of sync tasks as code, without an emulator: the CSV matrix reader, templates, stages (maps, the
    /// reverse maps, ${workspace}, names without a mapping), every DI.Definition.* finding with its JSON path and fix, and
    /// the canonical writer's bytes.
    /// </summary>
    public class DefinitionOfflineTests : IDisposable
    {
        private readonly string _dir = TempDir("offline");
        private readonly string _stages = TempDir("offline-stages");

        public void Dispose()
        {
            foreach (string d in new[] { _dir, _stages })
                if (Directory.Exists(d)) Directory.Delete(d, true);
        }

        private static JObject Definition(string name = "ods_users", string folder = "Data Integration") => new JObject
        {
            ["name"] = name,
            ["folder"] = folder,
            ["description"] = "Loads " + name,
            ["resourceGroup"] = "di_default",
            ["content"] = Content("users"),
            ["schedule"] = new JObject { ["cron"] = "00 30 05 * * ?", ["cycleType"] = "Day", ["inputList"] = new JArray("${workspace}_root"), ["paraValue"] = "bizdate=$bizdate" },
        };

        private string Write(string relative, string text, Encoding encoding = null)
        {
            string path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
            return path;
        }

        private string Write(JObject definition) =>
            Write(Path.Combine(((string)definition["folder"]).Split('/').Concat(new[] { (string)definition["name"] + ".json" }).ToArray()), definition.ToString());

        private string Stage(JObject stage)
        {
            string path = Path.Combine(_stages, "stage-" + Guid.NewGuid().ToString("N").Substring(0, 6) + ".json");
            File.WriteAllText(path, stage.ToString());
            return path;
        }

        private DefinitionSet Load(string stage = null, string workspace = null) => DefinitionSet.Load(_dir, stage, workspace);

        /// <summary>The one finding with this code (the test's folder holds one problem at a time).</summary>
        private static DefinitionFinding Only(DefinitionSet set, string code)
        {
            List<DefinitionFinding> found = set.Findings.Where(f => f.Code == code).ToList();
            Assert.True(found.Count == 1, $"expected one {code}, got: " + string.Join("\n", set.Findings));
            return found[0];
        }

        // ---------------------------------------------------------------- the CSV matrix reader

        [Fact]
        public void Csv_QuotedFields_HoldCommasDoubledQuotesAndLineBreaks()
        {
            List<Dictionary<string, string>> rows = Csv.Read("table,note\r\n\"a,b\",\"say \"\"hi\"\"\nthen go\"\r\nc,\"\"\r\n");
            Assert.Equal(2, rows.Count);
            Assert.Equal("a,b", rows[0]["table"]);
            Assert.Equal("say \"hi\"\nthen go", rows[0]["note"]);
            Assert.Equal("c", rows[1]["table"]);
            Assert.Equal(string.Empty, rows[1]["note"]);
        }

        [Fact]
        public void Csv_EmptyCells_AreEmptyStrings_AndALastLineWithoutNewlineAndTrailingBlankLinesAreFine()
        {
            List<Dictionary<string, string>> rows = Csv.Read("a,b,c\n,,\n1,,3\n\n");
            Assert.Equal(2, rows.Count);
            Assert.All(rows[0].Values, v => Assert.Equal(string.Empty, v));
            Assert.Equal(new[] { "1", "", "3" }, new[] { rows[1]["a"], rows[1]["b"], rows[1]["c"] });
            Assert.Equal("9", Csv.Read("a\n9")[0]["a"]);
        }

        [Fact]
        public void Csv_AByteOrderMark_IsNotPartOfTheFirstColumnsName_InTextAndInAFile()
        {
            Assert.Equal("users", Csv.Read("\uFEFFtable\nusers\n")[0]["table"]);

            JObject template = Definition("ods_{{table}}");
            template["matrix"] = "tables.csv";
            Write("ods_tables.json", template.ToString());
            Write("tables.csv", "table\nusers\norders\n", new UTF8Encoding(true));
            DefinitionSet set = Load();
            Assert.False(set.HasErrors, string.Join("\n", set.Findings));
            Assert.Equal(new[] { "ods_users", "ods_orders" }, set.Logical.Select(d => d.Name));
            Assert.Equal(new int?[] { 1, 2 }, set.Logical.Select(d => d.TemplateRow));
        }

        [Theory]
        [InlineData("a,b\n\"x,y\n", "a quoted field is not closed")]
        [InlineData("a,b\nx\"y,z\n", "a quote inside an unquoted field (record 2)")]
        [InlineData("a,b\n\"x\"y,z\n", "text after the closing quote of a field (record 2)")]
        [InlineData("a,b\n1,2,3\n", "row 1 has 3 field(s) but the header has 2")]
        [InlineData("a,a\n1,2\n", "the header names column 'a' twice")]
        [InlineData("a,\n1,2\n", "a column of the header row has no name")]
        [InlineData("a,b\n", "the file has a header row but no rows")]
        [InlineData("", "the file is empty; it needs a header row")]
        public void Csv_BrokenFiles_AreRefusedWithWhatIsWrong(string text, string message)
        {
            FormatException ex = Assert.Throws<FormatException>(() => Csv.Read(text));
            Assert.Equal(message, ex.Message);
        }

        [Fact]
        public void Csv_ABrokenMatrixFile_IsATemplateMatrixFinding_OnTheMatrixKey()
        {
            JObject template = Definition("ods_{{table}}");
            template["matrix"] = "tables.csv";
            Write("ods_tables.json", template.ToString());
            Write("tables.csv", "table,owner\nusers\n");
            DefinitionFinding f = Only(Load(), "DI.Template.Matrix");
            Assert.Equal("ods_tables.json", f.File);
            Assert.Equal("$.matrix", f.Path);
            Assert.Contains("row 1 has 1 field(s) but the header has 2", f.Message);
            Assert.Contains("a header row, then one row per task", f.Fix);

            File.Delete(Path.Combine(_dir, "tables.csv"));
            f = Only(Load(), "DI.Template.Matrix");
            Assert.Contains("'tables.csv' does not exist", f.Message);
        }

        // ---------------------------------------------------------------- templates

        [Fact]
        public void Template_TokensAreReplacedEverywhere_WithSpacesInsideTheBracesAllowed()
        {
            JObject template = Definition("ods_{{ table }}", "Data Integration/{{team}}");
            template["description"] = "{{table}} for {{team}}";
            template["content"] = Content("{{table}}");
            template["schedule"]["paraValue"] = "bizdate=$bizdate part={{table}}";
            template["matrix"] = new JArray(new JObject { ["table"] = "users", ["team"] = "crm" }, new JObject { ["table"] = "orders", ["team"] = "sales", ["extra"] = 3 });
            Write("t.json", template.ToString());
            DefinitionSet set = Load();
            Assert.False(set.HasErrors, string.Join("\n", set.Findings));
            TaskDefinition orders = set.Logical[1];
            Assert.Equal("Data Integration/sales/ods_orders", orders.Identity);
            Assert.Equal("orders for sales", orders.Description);
            Assert.Equal("orders", (string)orders.Content.SelectToken("steps[0].parameter.connection[0].table[0]"));
            Assert.Equal("ods_orders", (string)orders.Content.SelectToken("steps[1].parameter.table"));
            Assert.Equal("bizdate=$bizdate part=orders", (string)orders.Schedule["paraValue"]);
        }

        [Fact]
        public void Template_ATokenWithoutAValue_NamesTheRowTheTokenAndTheColumnsTheRowHas_AndThatRowMakesNoTask()
        {
            JObject template = Definition("ods_{{table}}");
            template["description"] = "one of many";
            template["matrix"] = new JArray(new JObject { ["table"] = "users" }, new JObject { ["tabel"] = "orders" }, new JObject { ["table"] = null });
            Write("t.json", template.ToString());
            DefinitionSet set = Load();
            List<DefinitionFinding> found = set.Findings.Where(f => f.Code == "DI.Template.TokenWithoutValue").ToList();
            Assert.Equal(2, found.Count);
            Assert.All(found, f => Assert.Equal("$.name", f.Path));
            Assert.All(found, f => Assert.Equal(ValidationSeverity.Error, f.Severity));
            Assert.Equal("Row 2 of the matrix has no value for {{table}}.", found[0].Message);
            Assert.Equal("Add a 'table' column (or value) to row 2, or remove the token. Columns of the row: tabel.", found[0].Fix);
            Assert.StartsWith("Row 3 ", found[1].Message);
            Assert.Equal(new[] { "ods_users" }, set.Logical.Select(d => d.Name));
        }

        [Fact]
        public void Template_TwoRowsGivingTheSameFolderAndName_AreATemplateDuplicate_NamingBothRows()
        {
            JObject template = Definition("ods_{{table}}");
            template["matrix"] = new JArray(new JObject { ["table"] = "users", ["n"] = 1 }, new JObject { ["table"] = "orders" }, new JObject { ["table"] = "users", ["n"] = 3 });
            Write("t.json", template.ToString());
            DefinitionFinding f = Only(Load(), "DI.Template.DuplicateTask");
            Assert.Equal("$.name", f.Path);
            Assert.Equal("Data Integration/ods_users", f.Task);
            Assert.Equal("t.json (row 3) gives the same folder and name as t.json (row 1): 'Data Integration/ods_users'.", f.Message);
            Assert.Contains("use a {{column}} in the name", f.Fix);
        }

        [Theory]
        [InlineData("5", "$.matrix", "matrix must be a non-empty array of objects or the path of a CSV file.")]
        [InlineData("[]", "$.matrix", "matrix must be a non-empty array of objects or the path of a CSV file.")]
        [InlineData("[{\"table\":\"a\"},{\"table\":{\"nested\":1}}]", "$.matrix[1]", "Row 2 of the matrix is not an object of plain values.")]
        public void Template_AMatrixThatIsNotRows_IsATemplateMatrixFinding(string matrix, string path, string message)
        {
            JObject template = Definition("ods_{{table}}");
            template["matrix"] = JToken.Parse(matrix);
            Write("t.json", template.ToString());
            DefinitionFinding f = Only(Load(), "DI.Template.Matrix");
            Assert.Equal(path, f.Path);
            Assert.Equal(message, f.Message);
        }

        // ---------------------------------------------------------------- stages

        [Fact]
        public void Stage_MapsAtTheKnownPlacesOnly_AndNamesWithoutAMappingPassThrough()
        {
            JObject d = Definition();
            d["resourceGroup"] = "custom_rg";
            d["content"]["steps"][0]["parameter"]["where"] = "src_mysql";                 // not a data source place: kept
            d["schedule"]["resourceGroupIdentifier"] = "sched_default";
            d["schedule"]["inputList"] = new JArray("upstream_a", "other_ws.task_b");
            Write(d);
            string stage = Stage(new JObject
            {
                ["folderRoot"] = "/Business Flow/sales_dev/",
                ["dataSources"] = new JObject { ["src_mysql"] = "mysql_dev" },              // dst_odps has no mapping
                ["resourceGroups"] = new JObject { ["di_default"] = "S_res_group_1" },
                ["schedulingResourceGroups"] = new JObject { ["sched_default"] = "default_group" },
                ["outputs"] = new JObject { ["upstream_a"] = "dev_ws.a_out" },
            });
            DefinitionSet set = Load(stage, "sales_dev");
            Assert.False(set.HasErrors, string.Join("\n", set.Findings));
            TaskDefinition p = Assert.Single(set.Physical);
            Assert.Equal("Business Flow/sales_dev/Data Integration", p.Folder);
            Assert.Equal("mysql_dev", (string)p.Content.SelectToken("steps[0].parameter.datasource"));
            Assert.Equal("mysql_dev", (string)p.Content.SelectToken("steps[0].parameter.connection[0].datasource"));
            Assert.Equal("src_mysql", (string)p.Content.SelectToken("steps[0].parameter.where"));
            Assert.Equal("dst_odps", (string)p.Content.SelectToken("steps[1].parameter.datasource"));
            Assert.Equal("custom_rg", p.ResourceGroup);
            Assert.Equal("default_group", (string)p.Schedule["resourceGroupIdentifier"]);
            Assert.Equal(new[] { "dev_ws.a_out", "other_ws.task_b" }, p.Schedule["inputList"].Select(x => (string)x));

            // Without a stage nothing is mapped at all: a folder works in one workspace as written.
            TaskDefinition plain = Assert.Single(Load().Physical);
            Assert.Equal("Data Integration", plain.Folder);
            Assert.Equal("src_mysql", (string)plain.Content.SelectToken("steps[0].parameter.datasource"));
            Assert.Equal("custom_rg", plain.ResourceGroup);
        }

        [Fact]
        public void Stage_ReverseMaps_TakeTheNamesBack_AndWriteTheWorkspacesOwnOutputsWithTheWorkspaceToken()
        {
            var findings = new List<DefinitionFinding>();
            StageSettings stage = StageSettings.Load(Stage(new JObject
            {
                ["folderRoot"] = "Business Flow/sales_dev",
                ["dataSources"] = new JObject { ["src_mysql"] = "mysql_dev" },
                ["resourceGroups"] = new JObject { ["di_default"] = "S_res_group_1" },
                ["outputs"] = new JObject { ["upstream_a"] = "dev_ws.a_out" },
            }), "dev.json", findings);
            Assert.Empty(findings);
            var physical = new TaskDefinition
            {
                Name = "ods_users", Folder = "Business Flow/sales_dev/Data Integration/ods", ResourceGroup = "S_res_group_1", Content = Content("users"),
                Schedule = new JObject { ["inputList"] = new JArray("sales_dev_root", "sales_dev.ods_orders", "dev_ws.a_out", "elsewhere.x") },
            };
            physical.Content["steps"][0]["parameter"]["datasource"] = "mysql_dev";
            physical.Content["steps"][1]["parameter"]["datasource"] = "unmapped_odps";
            TaskDefinition logical = new StageMapper(stage, "sales_dev").Reverse(physical);
            Assert.Equal("Data Integration/ods", logical.Folder);
            Assert.Equal("di_default", logical.ResourceGroup);
            Assert.Equal("src_mysql", (string)logical.Content.SelectToken("steps[0].parameter.datasource"));
            Assert.Equal("unmapped_odps", (string)logical.Content.SelectToken("steps[1].parameter.datasource"));
            Assert.Equal(new[] { "${workspace}.ods_orders", "${workspace}_root", "elsewhere.x", "upstream_a" }, logical.Schedule["inputList"].Select(x => (string)x));
            Assert.Null(stage.LogicalFolder("Business Flow/other/Data Integration"));
        }

        [Theory]
        [InlineData("dataSources")]
        [InlineData("resourceGroups")]
        [InlineData("schedulingResourceGroups")]
        [InlineData("outputs")]
        public void Stage_AReverseMapWithTwoLogicalNamesForOnePhysicalName_IsAmbiguous_ForExport(string key)
        {
            var findings = new List<DefinitionFinding>();
            StageSettings stage = StageSettings.Load(Stage(new JObject { [key] = new JObject { ["a"] = "shared", ["b"] = "shared", ["c"] = "own" } }), "prod.json", findings);
            Assert.Empty(findings);
            DefinitionFinding f = Assert.Single(stage.ReverseMapProblems());
            Assert.Equal("DI.Stage.AmbiguousReverseMap", f.Code);
            Assert.Equal("prod.json", f.File);
            Assert.Equal("$." + key, f.Path);
            Assert.Equal($"{key} maps 'a' and 'b' to the same name 'shared', so an export cannot tell which logical name to write.", f.Message);
            Assert.Contains("export without -Stage", f.Fix);

            // Plan and apply only map forward, where two logical names for one physical name are fine.
            Assert.Empty(StageSettings.Load(Stage(new JObject { [key] = new JObject { ["a"] = "x", ["b"] = "y" } }), "ok.json", findings).ReverseMapProblems());
        }

        [Fact]
        public void Stage_TheWorkspaceToken_IsTheTargetsIdentifier_OnlineOrFromTheStage_AndAnInformationOfflineWithout()
        {
            Write(Definition());
            // Online: the workspace's identifier.
            TaskDefinition online = Assert.Single(Load(Stage(new JObject { ["folderRoot"] = "Business Flow/x" }), "sales_prod").Physical);
            Assert.Equal("sales_prod_root", (string)online.Schedule["inputList"][0]);
            // Offline with the identifier in the stage.
            DefinitionSet staged = Load(Stage(new JObject { ["workspace"] = new JObject { ["identifier"] = "sales_dev" } }));
            Assert.Equal("sales_dev_root", (string)Assert.Single(staged.Physical).Schedule["inputList"][0]);
            Assert.DoesNotContain(staged.Findings, f => f.Code == "DI.Stage.UnsetParameter");
            // Offline without one: left as written, and said so without failing.
            DefinitionSet offline = Load();
            Assert.Equal("${workspace}_root", (string)Assert.Single(offline.Physical).Schedule["inputList"][0]);
            DefinitionFinding f = Only(offline, "DI.Stage.UnsetParameter");
            Assert.Equal(ValidationSeverity.Information, f.Severity);
            Assert.Equal("$.schedule.inputList[0]", f.Path);
            Assert.False(offline.HasErrors);
        }

        [Fact]
        public void Stage_Parameters_FillTheirTokens_LeaveDataWorksOwnAlone_AndAnUnsetOneWhereNoSchedulingParameterCanBeIsAnError()
        {
            JObject d = Definition("ods_users_${env}");
            d["content"]["steps"][1]["parameter"]["partition"] = "pt=${bizdate},env=${env}";
            Write("anywhere.json", d.ToString());
            string stage = Stage(new JObject { ["parameters"] = new JObject { ["env"] = "dev" } });
            TaskDefinition p = Assert.Single(Load(stage, "ws").Physical);
            Assert.Equal("ods_users_dev", p.Name);
            Assert.Equal("pt=${bizdate},env=dev", (string)p.Content.SelectToken("steps[1].parameter.partition"));

            DefinitionFinding unset = Only(Load(Stage(new JObject { ["parameters"] = new JObject { ["region"] = "cn" } }), "ws"), "DI.Stage.UnsetParameter");
            Assert.Equal(ValidationSeverity.Error, unset.Severity);
            Assert.Equal("$.name", unset.Path);
            Assert.Contains("does not define the parameter 'env'", unset.Message);
            Assert.Equal("Add \"env\" to the stage's \"parameters\", or give -Stage.", unset.Fix);
        }

        [Fact]
        public void Stage_AParameterTheTasksParaValueAlsoAssigns_IsAClash()
        {
            JObject d = Definition();
            d["schedule"]["paraValue"] = "bizdate=$bizdate env=prod";
            Write(d);
            DefinitionFinding f = Only(Load(Stage(new JObject { ["parameters"] = new JObject { ["env"] = "dev" } }), "ws"), "DI.Stage.ParameterClash");
            Assert.Equal("$.schedule.paraValue", f.Path);
            Assert.StartsWith("'env' is both a stage parameter and a scheduling parameter", f.Message);
        }

        [Theory]
        [InlineData("{\"dataSource\":{}}", "DI.Stage.UnknownKey", "$.dataSource", "did you mean 'dataSources'?")]
        [InlineData("{\"parameters\":{\"workspace\":\"x\"}}", "DI.Stage.Malformed", "$.parameters.workspace", "Give the parameter another name.")]
        [InlineData("{\"parameters\":{\"my-env\":\"x\"}}", "DI.Stage.Malformed", "$.parameters.my-env", "Use letters, digits and underscores.")]
        [InlineData("{\"workspace\":{\"projectId\":\"10000\"}}", "DI.Stage.Malformed", "$.workspace.projectId", "{\"projectId\": 10000}")]
        [InlineData("{\"dataSources\":{\"a\":\"\"}}", "DI.Stage.Malformed", "$.dataSources.a", "Map each logical name")]
        [InlineData("[1]", "DI.Stage.Malformed", "$", "\"workspace\"")]
        [InlineData("{\"folderRoot\":", "DI.Stage.Malformed", "$", "Fix the JSON syntax")]
        public void Stage_ABrokenStageFile_IsAFindingWithItsPathAndFix_AndMapsNothing(string text, string code, string path, string fix)
        {
            Write(Definition());
            string stage = Path.Combine(_stages, "broken.json");
            File.WriteAllText(stage, text);
            DefinitionSet set = Load(stage);
            DefinitionFinding f = Only(set, code);
            Assert.Equal(path, f.Path);
            Assert.Equal(stage, f.File);
            Assert.Contains(fix, f.Fix);
            Assert.True(set.HasErrors);
            Assert.Empty(set.Physical);
        }

        // ---------------------------------------------------------------- every DI.Definition.* finding

        public static IEnumerable<object[]> DefinitionFindings() => new[]
        {
            // code, file name, file text (null: the test's default definition changed by the edit), edit, JSON path, severity, a part of the fix
            new object[] { "DI.Definition.MalformedJson", "bad.json", "{ \"name\": \"x\",\n  \"folder\" }", null, "$", "Error", "Fix the JSON syntax at the line and position given." },
            new object[] { "DI.Definition.NotAnObject", "list.json", "[1, 2]", null, "$", "Error", "Write {\"name\"" },
            new object[] { "DI.Definition.UnknownKey", null, null, (Action<JObject>)(d => d["nmae"] = "x"), "$.nmae", "Error", "did you mean 'name'?" },
            new object[] { "DI.Definition.UnknownKey", null, null, (Action<JObject>)(d => d["schedule"]["crn"] = "x"), "$.schedule.crn", "Error", "did you mean 'cron'?" },
            new object[] { "DI.Definition.MissingKey", null, null, (Action<JObject>)(d => d.Remove("name")), "$.name", "Error", "Add \"name\"." },
            new object[] { "DI.Definition.MissingKey", null, null, (Action<JObject>)(d => d.Remove("content")), "$.content", "Error", "the batch task JSON" },
            new object[] { "DI.Definition.MissingKey", "ods_users.json", null, (Action<JObject>)(d => d["folder"] = ""), "$.folder", "Error", "a folder such as \"Data Integration\"" },
            new object[] { "DI.Definition.WrongType", null, null, (Action<JObject>)(d => d["name"] = 5), "$.name", "Error", "Write name as a JSON string." },
            new object[] { "DI.Definition.WrongType", null, null, (Action<JObject>)(d => d["cu"] = "2"), "$.cu", "Error", "as a number" },
            new object[] { "DI.Definition.WrongType", null, null, (Action<JObject>)(d => d["content"] = "{}"), "$.content", "Error", "as an object" },
            new object[] { "DI.Definition.WrongType", null, null, (Action<JObject>)(d => d["schedule"] = new JArray()), "$.schedule", "Error", "as an object" },
            new object[] { "DI.Definition.InvalidValue", "x.json", null, (Action<JObject>)(d => d["name"] = "a/b"), "$.name", "Error", "without '/'" },
            new object[] { "DI.Definition.InvalidValue", null, null, (Action<JObject>)(d => d["cu"] = 0.3), "$.cu", "Error", "multiple of 0.5" },
            new object[] { "DI.Definition.InvalidValue", null, null, (Action<JObject>)(d => d["schedule"]["autoRerunTimes"] = "3"), "$.schedule.autoRerunTimes", "Error", "whole number" },
            new object[] { "DI.Definition.InvalidValue", null, null, (Action<JObject>)(d => d["schedule"]["autoRerunInterval"] = "01:00:00"), "$.schedule.autoRerunInterval", "Error", "at most 30 minutes" },
            new object[] { "DI.Definition.InvalidValue", null, null, (Action<JObject>)(d => d["schedule"]["rerunMode"] = "Sometimes"), "$.schedule.rerunMode", "Error", "AllAllowed" },
            new object[] { "DI.Definition.InvalidValue", null, null, (Action<JObject>)(d => d["schedule"]["endEffectDate"] = "soon"), "$.schedule.endEffectDate", "Error", "2030-01-01T00:00:00Z" },
            new object[] { "DI.Definition.InvalidValue", null, null, (Action<JObject>)(d => ((JObject)d["schedule"]).Remove("cron")), "$.schedule.cycleType", "Error", "Give schedule.cron too" },
            new object[] { "DI.Definition.UnsupportedSchedule", null, null, (Action<JObject>)(d => d["schedule"]["outputList"] = new JArray("x")), "$.schedule.outputList", "Error", "Set-DIFileSchedule in each workspace" },
            new object[] { "DI.Definition.UnsupportedSchedule", null, null, (Action<JObject>)(d => d["schedule"]["dependentType"] = "UserDefine"), "$.schedule.dependentType", "Error", "-DependentNodeId" },
            new object[] { "DI.Definition.PathMismatch", "elsewhere/ods_users.json", null, null, "$", "Warning", "Move the file to 'Data Integration/ods_users.json'" },
        };

        [Theory]
        [MemberData(nameof(DefinitionFindings))]
        public void EveryDefinitionFinding_HasItsCodeJsonPathSeverityAndFix(string code, string file, string text, Action<JObject> edit, string path, string severity, string fix)
        {
            JObject d = Definition();
            edit?.Invoke(d);
            string relative = file ?? "Data Integration/ods_users.json";
            Write(relative, text ?? d.ToString());
            DefinitionSet set = Load();
            DefinitionFinding f = Only(set, code);
            Assert.Equal(relative, f.File);
            Assert.Equal(path, f.Path);
            Assert.Equal(severity, f.Severity.ToString());
            Assert.Contains(fix, f.Fix);
            Assert.False(string.IsNullOrWhiteSpace(f.Message));
            // Only the one problem (the cron check of a schedule without cron is not repeated, for example).
            Assert.Single(set.Findings, x => x.Severity <= ValidationSeverity.Warning);
            Assert.Equal(severity == "Error", set.HasErrors);
        }

        [Fact]
        public void MalformedJson_SaysTheLineAndPosition()
        {
            Write("bad.json", "{\n  \"name\": \"x\",\n  \"folder\" }");
            Assert.Matches("line 3, position \\d+", Only(Load(), "DI.Definition.MalformedJson").Message);
        }

        [Fact]
        public void DuplicateTask_TwoFilesWithTheSameFolderAndName_NamesBoth_OnTheSecond()
        {
            Write(Definition());
            Write("copy.json", Definition().ToString());
            DefinitionFinding f = Only(Load(), "DI.Definition.DuplicateTask");
            Assert.Equal("copy.json", f.File);
            Assert.Equal("$.name", f.Path);
            Assert.Equal("copy.json gives the same folder and name as Data Integration/ods_users.json: 'Data Integration/ods_users'.", f.Message);
            Assert.Contains("its own folder + name", f.Fix);
        }

        [Fact]
        public void NoDefinitions_AMissingFolderIsAnError_AnEmptyOneAWarning()
        {
            DefinitionFinding missing = Only(DefinitionSet.Load(Path.Combine(_dir, "nope"), null, null), "DI.Definition.NoDefinitions");
            Assert.Equal(ValidationSeverity.Error, missing.Severity);
            Assert.Contains("Export-DITaskDefinition writes one", missing.Fix);
            DefinitionFinding empty = Only(Load(), "DI.Definition.NoDefinitions");
            Assert.Equal(ValidationSeverity.Warning, empty.Severity);
        }

        [Fact]
        public void DependencyCycle_IsFoundOffline_OnEveryTaskOfTheCycle_ButNotOnTheirDownstream()
        {
            JObject a = Definition("task_a"), b = Definition("task_b"), c = Definition("task_c");
            a["schedule"]["inputList"] = new JArray("${workspace}.task_b");
            b["schedule"]["inputList"] = new JArray("${workspace}.task_a");
            c["schedule"]["inputList"] = new JArray("${workspace}.task_a");
            Write(a);
            Write(b);
            Write(c);
            foreach (DefinitionSet set in new[] { Load(), Load(null, "sales_dev") })
            {
                List<DefinitionFinding> cycle = set.Findings.Where(f => f.Code == "DI.Definition.DependencyCycle").ToList();
                Assert.Equal(new[] { "Data Integration/task_a", "Data Integration/task_b" }, cycle.Select(f => f.Task));
                Assert.All(cycle, f => Assert.Equal("$.schedule.inputList", f.Path));
                Assert.All(cycle, f => Assert.Equal(ValidationSeverity.Error, f.Severity));
                Assert.All(cycle, f => Assert.Contains("Remove one of the inputList entries", f.Fix));
            }
        }

        [Fact]
        public void ContentAndScheduleChecks_ArePlacedUnderTheirKeys()
        {
            JObject d = Definition();
            d["content"]["version"] = "9.9";
            d["schedule"]["cron"] = "00 30 05 * *";
            Write(d);
            DefinitionSet set = Load();
            Assert.Contains(set.Findings, f => f.Path.StartsWith("$.content.version", StringComparison.Ordinal) && f.Code == "DI.Content.VersionInvalid");
            Assert.Contains(set.Findings, f => f.Path == "$.schedule.cron" && f.Severity == ValidationSeverity.Error);
        }

        // ---------------------------------------------------------------- the canonical writer

        [Fact]
        public void CanonicalWriter_FixedWrapperOrder_SortedContent_ScheduleInKeyOrder_LfOnly_OneFinalNewline_NoBom()
        {
            var d = new JObject
            {
                ["schedule"] = new JObject { ["paraValue"] = "bizdate=$bizdate", ["cron"] = "00 30 05 * * ?", ["cycleType"] = "Day" },
                ["content"] = JObject.Parse("{\"z\":1,\"a\":{\"y\":[3,1,2],\"b\":\"描述\"}}"),
                ["cu"] = 2,
                ["folder"] = "/Data Integration/",
                ["name"] = "ods_users",
            };
            var findings = new List<DefinitionFinding>();
            TaskDefinition t = TaskDefinition.Read(CanonicalJson.Parse(d.ToString()) as JObject, "x.json", findings);
            Assert.Empty(findings);
            string text = t.FileText();
            Assert.Equal(
                "{\n  \"name\": \"ods_users\",\n  \"folder\": \"Data Integration\",\n  \"description\": \"\",\n  \"resourceGroup\": null,\n  \"cu\": 2.0,\n" +
                "  \"content\": {\n    \"a\": {\n      \"b\": \"描述\",\n      \"y\": [\n        3,\n        1,\n        2\n      ]\n    },\n    \"z\": 1\n  },\n" +
                "  \"schedule\": {\n    \"cron\": \"00 30 05 * * ?\",\n    \"cycleType\": \"Day\",\n    \"paraValue\": \"bizdate=$bizdate\"\n  }\n}\n", text);

            string path = Path.Combine(_dir, "w", "ods_users.json");
            Assert.True(CanonicalJson.WriteFile(path, text));
            byte[] bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal(new UTF8Encoding(false).GetBytes(text), bytes);
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[^1]);
            Assert.NotEqual((byte)'\n', bytes[^2]);
            DateTime written = File.GetLastWriteTimeUtc(path);
            Assert.False(CanonicalJson.WriteFile(path, text));
            Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        }

        [Theory]
        [InlineData("1", "1")]
        [InlineData("1.0", "1.0")]
        [InlineData("0.5", "0.5")]
        [InlineData("10.50", "10.50")]
        [InlineData("-3", "-3")]
        [InlineData("12345678901234567890", "12345678901234567890")]
        [InlineData("\"2030-01-01T00:00:00+08:00\"", "\"2030-01-01T00:00:00+08:00\"")]
        [InlineData("\"00:05:00\"", "\"00:05:00\"")]
        public void CanonicalWriter_KeepsNumbersAndDatesAsWritten(string json, string written)
        {
            string text = CanonicalJson.ToFileText(CanonicalJson.Parse("{\"v\":" + json + "}"));
            Assert.Equal("{\n  \"v\": " + written + "\n}\n", text);
        }

        [Fact]
        public void CanonicalWriter_IsAFixedPoint_ReadingAndWritingAgainGivesTheSameBytes_AndTheHashIgnoresKeyOrder()
        {
            JObject d = Definition();
            d["cu"] = 1.5;
            d["schedule"]["autoRerunInterval"] = 5;                      // minutes, written back as "00:05:00"
            d["schedule"]["inputList"] = new JArray("b", "a", "b");     // sorted, once each
            d["schedule"]["paraValue"] = "  bizdate=$bizdate   x=1 ";
            d["content"]["setting"]["speed"]["mbps"] = 1e3;
            var findings = new List<DefinitionFinding>();
            TaskDefinition first = TaskDefinition.Read(CanonicalJson.Parse(d.ToString()) as JObject, "f.json", findings);
            string once = first.FileText();
            TaskDefinition second = TaskDefinition.Read(CanonicalJson.Parse(once) as JObject, "f.json", findings);
            Assert.Empty(findings);
            Assert.Equal(once, second.FileText());
            Assert.Contains("\"autoRerunInterval\": \"00:05:00\"", once);
            Assert.Contains("\"inputList\": [\n      \"a\",\n      \"b\"\n    ]", once);
            Assert.Contains("\"paraValue\": \"bizdate=$bizdate x=1\"", once);
            Assert.Contains("\"cu\": 1.5", once);

            var reordered = new JObject(d.Properties().Reverse());
            TaskDefinition third = TaskDefinition.Read(CanonicalJson.Parse(reordered.ToString()) as JObject, "f.json", findings);
            Assert.Equal(first.Hash(), third.Hash());
            Assert.Equal(64, first.Hash().Length);
        }
    }
}
