using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using DataWorksDI.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DataWorksDI.Tests.Validation
{
    /// <summary>
    /// The plugin catalogue (Validation/PluginCatalog.json) applied by TaskContentValidator: every catalogued plugin in each
    /// role accepts a documented-style step and refuses at least one broken one with a JSON path and a fix that says what to write.
    /// </summary>
    public class PluginCatalogTests
    {
        // A stream step on the other side needs no data source and no parameters, so each case isolates the plugin under test.
        private const string StreamStep = "{}";

        /// <summary>A complete job: the step under test in its role, a stream step in the other, one hop.</summary>
        internal static string Job(string stepType, string category, string parameter)
        {
            var step = new JObject { ["stepType"] = stepType, ["parameter"] = JObject.Parse(parameter), ["name"] = category == "reader" ? "Reader" : "Writer", ["category"] = category };
            var other = new JObject
            {
                ["stepType"] = "stream",
                ["parameter"] = JObject.Parse(StreamStep),
                ["name"] = category == "reader" ? "Writer" : "Reader",
                ["category"] = category == "reader" ? "writer" : "reader",
            };
            var job = new JObject
            {
                ["type"] = "job",
                ["version"] = "2.0",
                ["steps"] = category == "reader" ? new JArray(step, other) : new JArray(other, step),
                ["setting"] = JObject.Parse("{\"errorLimit\":{\"record\":\"0\"},\"speed\":{\"concurrent\":1,\"throttle\":false}}"),
                ["order"] = JObject.Parse("{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}"),
            };
            return job.ToString(Formatting.None);
        }

        private static string StepPath(string category) => category == "reader" ? "$.steps[0]" : "$.steps[1]";

        /// <summary>stepType, category, a step parameter DataWorks accepts (shaped like its documentation's samples).</summary>
        public static IEnumerable<object[]> ValidSteps() => new List<object[]>
        {
            new object[] { "mysql", "reader", "{\"datasource\":\"mysql_pub\",\"column\":[\"id\",\"name\"],\"connection\":[{\"datasource\":\"mysql_pub\",\"table\":[\"orders\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"}" },
            new object[] { "mysql", "reader", "{\"column\":[\"id\"],\"connection\":[{\"querySql\":[\"select a,b from join1 c join join2 d on c.id = d.id;\"],\"datasource\":\"mysql_pub\",\"table\":[\"xxx\"]}],\"where\":\"\",\"splitPk\":\"\",\"encoding\":\"UTF-8\"}" },
            new object[] { "mysql", "reader", "{\"datasource\":\"mysql_pub\",\"querySql\":\"select id, name from orders\"}" },
            new object[] { "mysql", "writer", "{\"postSql\":[],\"datasource\":\"mysql_pub\",\"column\":[\"id\",\"value\"],\"writeMode\":\"insert\",\"batchSize\":1024,\"table\":\"orders\",\"preSql\":[\"delete from orders;\"]}" },
            new object[] { "postgresql", "reader", "{\"datasource\":\"pg\",\"column\":[\"id\",\"\\\"123Test\\\"\"],\"where\":\"\",\"splitPk\":\"id\",\"table\":\"public.wpw_test\"}" },
            new object[] { "postgresql", "writer", "{\"datasource\":\"pg\",\"table\":\"public.orders\",\"column\":[\"id\",\"name\"],\"preSql\":[],\"postSql\":[],\"batchSize\":256}" },
            new object[] { "sqlserver", "reader", "{\"datasource\":\"ss\",\"table\":\"dbo.orders\",\"column\":[\"id\",\"name\"],\"splitPk\":\"id\"}" },
            new object[] { "sqlserver", "writer", "{\"datasource\":\"ss\",\"table\":\"dbo.orders\",\"column\":[\"id\",\"name\"]}" },
            new object[] { "oracle", "reader", "{\"datasource\":\"ora\",\"selectedDatabase\":\"AUTOTEST\",\"table\":\"AUTOTEST.table01\",\"column\":[\"id\",\"name\"]}" },
            new object[] { "oracle", "writer", "{\"datasource\":\"ora\",\"table\":\"AUTOTEST.table01\",\"column\":[\"id\",\"name\"],\"batchSize\":1024}" },
            new object[] { "odps", "reader", "{\"datasource\":\"odps_first\",\"table\":\"ods_orders\",\"partition\":[\"pt=${bizdate}\"],\"column\":[\"id\",\"name\"]}" },
            new object[] { "odps", "writer", "{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"odps_first\",\"envType\":1,\"column\":[\"id\",\"name\"],\"emptyAsNull\":false,\"table\":\"u_pk\"}" },
            new object[] { "holo", "reader", "{\"datasource\":\"holo_db\",\"envType\":1,\"column\":[\"tag\",\"id\",\"title\",\"body\"],\"where\":\"\",\"table\":\"holo_reader_basic_src\"}" },
            new object[] { "holo", "writer", "{\"selectedDatabase\":\"public\",\"schema\":\"public\",\"maxConnectionCount\":9,\"truncate\":true,\"datasource\":\"holo_sink\",\"conflictMode\":\"ignore\",\"envType\":0,\"column\":[\"id\",\"name\"],\"tableComment\":\"\",\"table\":\"public.orders\",\"reShuffleByDistributionKey\":false}" },
            new object[] { "oss", "reader", "{\"nullFormat\":\"\",\"compress\":\"\",\"datasource\":\"oss_raw\",\"column\":[{\"index\":0,\"type\":\"string\"},{\"index\":1,\"type\":\"long\"},{\"format\":\"yyyy-MM-dd HH:mm:ss\",\"index\":4,\"type\":\"date\"}],\"skipHeader\":\"false\",\"encoding\":\"UTF-8\",\"fieldDelimiter\":\",\",\"fileFormat\":\"\",\"object\":[\"raw/orders.csv\"]}" },
            new object[] { "oss", "reader", "{\"datasource\":\"oss_raw\",\"fileFormat\":\"orc\",\"path\":\"/tests/case61/orc\",\"column\":[{\"index\":0,\"type\":\"long\"},{\"index\":\"1\",\"type\":\"string\"}]}" },
            new object[] { "oss", "writer", "{\"nullFormat\":\"\",\"dateFormat\":\"\",\"datasource\":\"oss_raw\",\"writeMode\":\"truncate\",\"writeSingleObject\":\"false\",\"encoding\":\"\",\"fieldDelimiter\":\",\",\"fileFormat\":\"\",\"object\":\"export/orders\"}" },
            new object[] { "hdfs", "reader", "{\"path\":\"/user/hive/warehouse/orders/*\",\"datasource\":\"hdfs_emr\",\"column\":[{\"index\":0,\"type\":\"string\"},{\"index\":1,\"type\":\"long\"}],\"fieldDelimiter\":\",\",\"encoding\":\"UTF-8\",\"fileType\":\"orc\"}" },
            new object[] { "hdfs", "writer", "{\"path\":\"/user/hive/warehouse/test.db/orders\",\"fileName\":\"orders\",\"compress\":\"\",\"datasource\":\"hdfs_emr\",\"column\":[{\"name\":\"col1\",\"type\":\"string\"},{\"name\":\"col2\",\"type\":\"int\"}],\"writeMode\":\"truncate\",\"fieldDelimiter\":\",\",\"encoding\":\"\",\"fileType\":\"text\"}" },
            new object[] { "hdfs", "writer", "{\"path\":\"/datasets/kpt\",\"fileName\":\"test\",\"datasource\":\"hdfs_emr\",\"writeMode\":\"truncate\",\"fileType\":\"parquet\",\"parquetSchema\":\"message m { optional int64 id; }\"}" },
            new object[] { "kafka", "reader", "{\"datasource\":\"kafka_source\",\"topic\":\"topic_name\",\"column\":[\"__key__\",\"__value__\",\"__partition__\",\"__headers__\",\"__offset__\",\"__timestamp__\"],\"keyType\":\"BYTEARRAY\",\"valueType\":\"BYTEARRAY\",\"beginDateTime\":\"20250101000000\",\"endDateTime\":\"20250102000000\"}" },
            new object[] { "kafka", "reader", "{\"server\":\"host:9093\",\"column\":[\"__key__\",\"__value__\",\"'123'\",\"event_id\",\"tag.desc\"],\"kafkaConfig\":{\"group.id\":\"demo_test\"},\"topic\":\"topicName\",\"keyType\":\"ByteArray\",\"valueType\":\"ByteArray\",\"beginDateTime\":\"20190416000000\",\"endDateTime\":\"20190416000006\",\"skipExceedRecord\":\"false\"}" },
            new object[] { "kafka", "writer", "{\"datasource\":\"kafka_sink\",\"topic\":\"orders\"}" },
            new object[] { "elasticsearch", "reader", "{\"datasource\":\"es\",\"column\":[\"id\",\"name\"],\"index\":\"aliyun_es_xx\",\"multiThread\":true,\"scroll\":\"5m\",\"pageSize\":5000,\"search\":{\"range\":{\"gmt_modified\":{\"gte\":0}}},\"type\":\"doc\"}" },
            new object[] { "elasticsearch", "writer", "{\"datasource\":\"es\",\"index\":\"test-1\",\"type\":\"default\",\"cleanup\":true,\"discovery\":false,\"primaryKeyInfo\":{\"type\":\"pk\",\"fieldDelimiter\":\",\",\"column\":[]},\"batchSize\":1000,\"dynamic\":false,\"column\":[{\"name\":\"pk\",\"type\":\"id\"},{\"name\":\"col_ip\",\"type\":\"ip\"},{\"name\":\"col_array\",\"type\":\"long\",\"array\":true},{\"name\":\"col_geo_shape\",\"type\":\"geo_shape\",\"tree\":\"quadtree\",\"precision\":\"10m\"}]}" },
            new object[] { "ftp", "reader", "{\"path\":[\"/data/orders.csv\"],\"nullFormat\":\"\",\"compress\":\"\",\"datasource\":\"ftp_src\",\"column\":[{\"index\":0,\"type\":\"long\"},{\"type\":\"string\",\"value\":\"alibaba\"}],\"skipHeader\":\"\",\"fieldDelimiter\":\",\",\"encoding\":\"UTF-8\",\"fileFormat\":\"csv\"}" },
            new object[] { "ftp", "writer", "{\"path\":\"/export\",\"fileName\":\"orders\",\"nullFormat\":\"null\",\"dateFormat\":\"yyyy-MM-dd HH:mm:ss\",\"datasource\":\"ftp_dst\",\"writeMode\":\"truncate\",\"fieldDelimiter\":\",\",\"encoding\":\"\",\"fileFormat\":\"\"}" },
            new object[] { "stream", "reader", "{\"column\":[{\"type\":\"long\",\"value\":\"10\"},{\"type\":\"string\",\"value\":\"hello\"}],\"sliceRecordCount\":10}" },
            new object[] { "stream", "writer", "{\"print\":false,\"fieldDelimiter\":\",\"}" },
        };

        [Theory]
        [MemberData(nameof(ValidSteps))]
        public void DocumentedSteps_PassTheCatalogue(string stepType, string category, string parameter)
        {
            var result = new TaskContentValidator().Validate(Job(stepType, category, parameter));
            FindingAssert.NoErrors(result.Findings);
            Assert.DoesNotContain(result.Findings, f => f.Code.StartsWith("DI.Plugin.", StringComparison.Ordinal));
        }

        /// <summary>stepType, category, a broken step parameter, the code, the path under the step, message fragments, fix fragments.</summary>
        public static IEnumerable<object[]> RefusedSteps() => new List<object[]>
        {
            Refused("mysql", "reader", "{\"datasource\":\"mysql_pub\",\"column\":[\"id\"],\"connection\":[{\"datasource\":\"mysql_pub\"}]}",
                ValidationCodes.PluginParameterMissing, ".parameter.connection[0].table", new[] { "MySQL Reader", "connection entry 0" }, new[] { "parameter.connection[0]", "\"table\": [\"orders\"]" }),
            Refused("mysql", "writer", "{\"datasource\":\"mysql_pub\",\"table\":\"orders\",\"column\":[\"id\"],\"writeMode\":\"upsert\"}",
                ValidationCodes.PluginValueNotAllowed, ".parameter.writeMode", new[] { "\"upsert\"", "\"insert\", \"update\" or \"replace\"" }, new[] { "Set \"writeMode\"" }),
            Refused("postgresql", "reader", "{\"datasource\":\"pg\",\"table\":\"public.orders\"}",
                ValidationCodes.PluginParameterMissing, ".parameter.column", new[] { "PostgreSQL Reader", "no \"column\"", "unless \"querySql\"" }, new[] { "Add parameter.column" }),
            Refused("postgresql", "writer", "{\"datasource\":\"pg\",\"tabel\":\"public.orders\",\"column\":[\"id\"]}",
                ValidationCodes.PluginParameterMissing, ".parameter.table", new[] { "\"tabel\"", "misspelling" }, new[] { "Rename \"tabel\" to \"table\"" }),
            Refused("sqlserver", "reader", "{\"datasource\":\"ss\",\"table\":\"\",\"column\":[\"id\"]}",
                ValidationCodes.PluginParameterMissing, ".parameter.table", new[] { "SQL Server Reader", "empty \"table\"" }, new[] { "the SQL Server table(s) to read" }),
            Refused("sqlserver", "writer", "{\"datasource\":\"ss\",\"table\":\"dbo.orders\",\"column\":[\"id\"],\"batchSize\":\"1024\"}",
                ValidationCodes.ContentWrongType, ".parameter.batchSize", new[] { "\"batchSize\"", "string" }, new[] { "an integer" }),
            Refused("oracle", "reader", "{\"datasource\":\"ora\",\"column\":[\"ID\"]}",
                ValidationCodes.PluginParameterMissing, ".parameter.table", new[] { "Oracle Reader", "no \"table\"" }, new[] { "schema.table" }),
            Refused("oracle", "writer", "{\"datasource\":\"ora\",\"table\":\"AUTOTEST.ORDERS\"}",
                ValidationCodes.PluginParameterMissing, ".parameter.column", new[] { "Oracle Writer" }, new[] { "Add parameter.column" }),
            Refused("odps", "reader", "{\"datasource\":\"odps_first\",\"column\":[\"id\"]}",
                ValidationCodes.PluginParameterMissing, ".parameter.table", new[] { "MaxCompute Reader" }, new[] { "the MaxCompute table to read" }),
            // The first miss: an ODPS writer without "table".
            Refused("odps", "writer", "{\"datasource\":\"odps_first\",\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"column\":[\"id\"]}",
                ValidationCodes.PluginParameterMissing, ".parameter.table", new[] { "MaxCompute Writer", "no \"table\"" }, new[] { "Add parameter.table: the MaxCompute table to write to" }),
            Refused("holo", "reader", "{\"datasource\":\"holo_db\",\"table\":\"public.orders\"}",
                ValidationCodes.PluginParameterMissing, ".parameter.column", new[] { "Hologres Reader" }, new[] { "Add parameter.column" }),
            Refused("holo", "writer", "{\"datasource\":\"holo_sink\",\"table\":\"public.orders\",\"column\":[\"id\"],\"conflictMode\":\"replase\"}",
                ValidationCodes.PluginValueNotAllowed, ".parameter.conflictMode", new[] { "\"replase\"", "\"replace\", \"update\" or \"ignore\"" }, new[] { "did you mean 'replace'?" }),
            Refused("holo", "writer", "{\"datasource\":\"holo_sink\",\"table\":\"public.orders\",\"column\":[\"id\"]}",
                ValidationCodes.PluginParameterMissing, ".parameter.conflictMode", new[] { "Hologres Writer" }, new[] { "\"conflictMode\": \"ignore\"" }),
            Refused("oss", "reader", "{\"datasource\":\"oss_raw\",\"object\":[\"raw/a.json\"],\"column\":[\"*\"],\"fileFormat\":\"json\"}",
                ValidationCodes.PluginValueNotAllowed, ".parameter.fileFormat", new[] { "OSS Reader", "\"json\"" }, new[] { "\"csv\"" }),
            Refused("oss", "reader", "{\"datasource\":\"oss_raw\",\"object\":[\"raw/a.csv\"],\"column\":[{\"index\":0}]}",
                ValidationCodes.PluginEntryIncomplete, ".parameter.column[0].type", new[] { "entry 0 has no \"type\"", "\"index\"" }, new[] { "\"type\"" }),
            Refused("oss", "reader", "{\"datasource\":\"oss_raw\",\"object\":[],\"column\":[\"*\"]}",
                ValidationCodes.PluginParameterMissing, ".parameter.object", new[] { "empty \"object\"", "unless \"path\"" }, new[] { "without the bucket name" }),
            Refused("oss", "writer", "{\"datasource\":\"oss_raw\",\"object\":\"export/orders\"}",
                ValidationCodes.PluginParameterMissing, ".parameter.writeMode", new[] { "OSS Writer" }, new[] { "\"writeMode\": \"truncate\"" }),
            Refused("hdfs", "reader", "{\"datasource\":\"hdfs_emr\",\"path\":\"/data/*\",\"fileType\":\"avro\",\"column\":[\"*\"]}",
                ValidationCodes.PluginValueNotAllowed, ".parameter.fileType", new[] { "HDFS Reader", "\"avro\"" }, new[] { "\"parquet\"" }),
            Refused("hdfs", "writer", "{\"datasource\":\"hdfs_emr\",\"path\":\"/out\",\"fileName\":\"o\",\"fileType\":\"text\",\"writeMode\":\"append\",\"fieldDelimiter\":\",\",\"column\":[\"id\",\"name\"]}",
                ValidationCodes.ContentWrongType, ".parameter.column[0]", new[] { "HDFS Writer", "entry 0", "string" }, new[] { "an object" }),
            Refused("hdfs", "writer", "{\"datasource\":\"hdfs_emr\",\"path\":\"/out\",\"fileName\":\"o\",\"fileType\":\"text\",\"writeMode\":\"append\",\"column\":[{\"name\":\"id\",\"type\":\"bigint\"}]}",
                ValidationCodes.PluginParameterMissing, ".parameter.fieldDelimiter", new[] { "unless fileType is parquet" }, new[] { "\"fieldDelimiter\": \",\"" }),
            Refused("kafka", "reader", "{\"datasource\":\"kafka_source\",\"topic\":\"t\",\"column\":[\"__value__\"],\"keyType\":\"bytes\"}",
                ValidationCodes.PluginValueNotAllowed, ".parameter.keyType", new[] { "Kafka Reader", "\"bytes\"", "\"BYTEARRAY\"" }, new[] { "Set \"keyType\"" }),
            Refused("kafka", "writer", "{\"datasource\":\"kafka_sink\"}",
                ValidationCodes.PluginParameterMissing, ".parameter.topic", new[] { "Kafka Writer" }, new[] { "the Kafka topic to write to" }),
            Refused("elasticsearch", "reader", "{\"datasource\":\"es\",\"column\":[\"id\"],\"search\":{\"match_all\":{}},\"scroll\":\"5m\"}",
                ValidationCodes.PluginParameterMissing, ".parameter.index", new[] { "Elasticsearch Reader" }, new[] { "the Elasticsearch index to read" }),
            Refused("elasticsearch", "writer", "{\"datasource\":\"es\",\"index\":\"orders\",\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"name\",\"type\":\"varchar\"}]}",
                ValidationCodes.PluginValueNotAllowed, ".parameter.column[1].type", new[] { "entry 1", "\"varchar\"", "\"keyword\"" }, new[] { "Set \"type\"" }),
            Refused("elasticsearch", "writer", "{\"datasource\":\"es\",\"index\":\"orders\",\"column\":[{\"type\":\"id\"}]}",
                ValidationCodes.PluginEntryIncomplete, ".parameter.column[0].name", new[] { "entry 0 has no \"name\"" }, new[] { "\"name\" and \"type\"" }),
            Refused("ftp", "reader", "{\"datasource\":\"ftp_src\",\"column\":[\"*\"],\"fieldDelimiter\":\",\"}",
                ValidationCodes.PluginParameterMissing, ".parameter.path", new[] { "FTP Reader" }, new[] { "the remote file path(s) to read" }),
            Refused("ftp", "writer", "{\"datasource\":\"ftp_dst\",\"path\":\"/export\",\"fileName\":\"o\",\"writeMode\":\"overwrite\",\"fieldDelimiter\":\",\"}",
                ValidationCodes.PluginValueNotAllowed, ".parameter.writeMode", new[] { "FTP Writer", "\"overwrite\"", "\"nonConflict\"" }, new[] { "Set \"writeMode\"" }),
            Refused("stream", "reader", "{\"column\":[{\"type\":\"int\",\"value\":\"1\"}],\"sliceRecordCount\":10}",
                ValidationCodes.PluginValueNotAllowed, ".parameter.column[0].type", new[] { "Stream Reader", "\"int\"", "\"long\"" }, new[] { "Set \"type\"" }),
            Refused("stream", "reader", "{\"column\":[{\"type\":\"long\"}]}",
                ValidationCodes.PluginEntryIncomplete, ".parameter.column[0]", new[] { "neither \"value\" nor \"random\"" }, new[] { "either \"value\" or \"random\"" }),
            Refused("stream", "writer", "{\"print\":\"yes\"}",
                ValidationCodes.ContentWrongType, ".parameter.print", new[] { "Stream Writer", "\"yes\"" }, new[] { "true or false" }),
        };

        private static object[] Refused(string stepType, string category, string parameter, string code, string path, string[] message, string[] fix) =>
            new object[] { stepType, category, parameter, code, path, message, fix };

        [Theory]
        [MemberData(nameof(RefusedSteps))]
        public void BrokenSteps_AreRefused_WithAPathAndAFixThatSaysWhatToWrite(string stepType, string category, string parameter, string code, string path, string[] message, string[] fix)
        {
            var result = new TaskContentValidator().Validate(Job(stepType, category, parameter));
            var finding = FindingAssert.Has(result.Findings, code, StepPath(category) + path, message);
            Assert.Equal(ValidationSeverity.Error, finding.Severity);
            foreach (string f in fix) Assert.Contains(f, finding.Fix);
            Assert.True(finding.LineNumber > 0, finding.ToString());
            Assert.False(result.IsValid);
        }

        [Fact]
        public void EveryCataloguedPlugin_InEachRole_HasAValidAndARefusedCase()
        {
            var catalogued = PluginCatalog.Default.Plugins.Select(p => p.StepType + "/" + p.Category).ToList();
            var refused = RefusedSteps().Select(c => (string)c[0] + "/" + (string)c[1]).Distinct().ToList();
            var valid = ValidSteps().Select(c => (string)c[0] + "/" + (string)c[1]).Distinct().ToList();
            Assert.Empty(catalogued.Except(refused));
            Assert.Empty(catalogued.Except(valid));
        }

        [Fact]
        public void TheCatalogue_CoversTheCommonPlugins_AsDataWorksWritesThem()
        {
            foreach (string stepType in new[] { "mysql", "postgresql", "sqlserver", "oracle", "odps", "holo", "oss", "hdfs", "kafka", "elasticsearch", "ftp", "stream" })
            {
                Assert.NotNull(PluginCatalog.Default.Find(stepType, "reader"));
                Assert.NotNull(PluginCatalog.Default.Find(stepType, "writer"));
            }
            Assert.Equal("MaxCompute Writer", PluginCatalog.Default.Find("ODPS", "writer").Title); // stepType compared case-insensitively
            Assert.Null(PluginCatalog.Default.Find("odps", "Writer"));
            Assert.Null(PluginCatalog.Default.Find("hologres", "writer"));
        }

        [Fact]
        public void EverySource_AndEveryPlugin_IsWrittenDownInValidationRules()
        {
            string doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "validation-rules.md"));
            var sources = PluginCatalog.Default.Plugins.SelectMany(p => new[] { p.Source }.Concat(p.Parameters.Select(x => x.Source))).Distinct().ToList();
            Assert.DoesNotContain(sources, s => !doc.Contains(s));
            Assert.DoesNotContain(PluginCatalog.Default.Plugins.Select(p => p.Title), title => !doc.Contains("| " + title + " |"));
        }

        [Fact]
        public void UnknownPlugin_IsPassed_WithInformationNamingTheClosestCatalogued()
        {
            var result = new TaskContentValidator().Validate(Job("hologres", "writer", "{\"datasource\":\"holo_sink\",\"table\":\"t\"}"));
            var f = FindingAssert.Has(result.Findings, ValidationCodes.PluginUnknown, "$.steps[1].stepType", "\"hologres\"", "generic checks");
            Assert.Equal(ValidationSeverity.Information, f.Severity);
            Assert.Contains("did you mean 'holo'?", f.Fix);
            Assert.True(result.IsValid);

            var other = new TaskContentValidator().Validate(Job("clickhouse", "writer", "{\"datasource\":\"ch\",\"table\":\"t\"}"));
            var g = FindingAssert.Has(other.Findings, ValidationCodes.PluginUnknown, "$.steps[1].stepType", "\"clickhouse\"");
            Assert.DoesNotContain("did you mean", g.Fix);
            Assert.Contains("Nothing to fix", g.Fix);
            Assert.True(other.IsValid);
        }

        [Fact]
        public void DataXPluginName_GetsTheSuffixWarning_NotAlsoUnknownPlugin()
        {
            var result = new TaskContentValidator().Validate(Job("odpswriter", "writer", "{\"datasource\":\"odps_first\",\"table\":\"t\"}"));
            Assert.Contains(result.Findings, f => f.Code == ValidationCodes.StepStepTypeSuffix);
            Assert.DoesNotContain(result.Findings, f => f.Code == ValidationCodes.PluginUnknown);
        }

        [Fact]
        public void WaivedRequirements_AreNotReported()
        {
            // querySql stands in for table and column; an ORC/Parquet path for object; parquet needs no column or fieldDelimiter.
            Assert.True(new TaskContentValidator().Validate(Job("oracle", "reader", "{\"datasource\":\"ora\",\"querySql\":\"select 1 from dual\"}")).IsValid);
            Assert.True(new TaskContentValidator().Validate(Job("oss", "reader", "{\"datasource\":\"oss\",\"path\":\"/x\",\"fileFormat\":\"parquet\",\"column\":[\"*\"]}")).IsValid);
            Assert.True(new TaskContentValidator().Validate(Job("hdfs", "writer", "{\"datasource\":\"h\",\"path\":\"/o\",\"fileName\":\"o\",\"fileType\":\"PARQUET\",\"writeMode\":\"nonConflict\"}")).IsValid);
        }

        [Fact]
        public void AllowedValues_AreComparedIgnoringCase_AndScheduledValuesAreNotJudged()
        {
            Assert.True(new TaskContentValidator().Validate(Job("holo", "writer", "{\"datasource\":\"h\",\"table\":\"t\",\"column\":[\"id\"],\"conflictMode\":\"Replace\"}")).IsValid);
            Assert.True(new TaskContentValidator().Validate(Job("mysql", "writer", "{\"datasource\":\"m\",\"table\":\"t\",\"column\":[\"id\"],\"writeMode\":\"${mode}\"}")).IsValid);
            Assert.True(new TaskContentValidator().Validate(Job("mysql", "writer", "{\"datasource\":\"m\",\"table\":\"t\",\"column\":[\"id\"],\"batchSize\":\"${size}\"}")).IsValid);
        }

        [Fact]
        public void KafkaServer_StandsInForTheDataSource_StreamNeedsNone()
        {
            var kafka = new TaskContentValidator().Validate(Job("kafka", "writer", "{\"server\":\"host:9092\",\"topic\":\"t\"}"));
            Assert.DoesNotContain(kafka.Findings, f => f.Code == ValidationCodes.StepDataSourceMissing);
            var noServer = new TaskContentValidator().Validate(Job("kafka", "writer", "{\"topic\":\"t\"}"));
            FindingAssert.Has(noServer.Findings, ValidationCodes.StepDataSourceMissing, "$.steps[1].parameter.datasource");
        }

        [Fact]
        public void Parse_RefusesAnInconsistentCatalogue_NamingTheEntry()
        {
            Assert.Contains("plugins", Assert.Throws<InvalidDataException>(() => PluginCatalog.Parse("{}")).Message);
            Assert.Contains("unknown type 'text'", Assert.Throws<InvalidDataException>(() => PluginCatalog.Parse(
                "{\"plugins\":[{\"stepType\":\"x\",\"category\":\"reader\",\"title\":\"X\",\"source\":\"s\",\"parameters\":[{\"name\":\"a\",\"types\":[\"text\"]}]}]}")).Message);
            Assert.Contains("needs \"describe\" and \"example\"", Assert.Throws<InvalidDataException>(() => PluginCatalog.Parse(
                "{\"plugins\":[{\"stepType\":\"x\",\"category\":\"reader\",\"title\":\"X\",\"source\":\"s\",\"parameters\":[{\"name\":\"a\",\"required\":true}]}]}")).Message);
            Assert.Contains("twice", Assert.Throws<InvalidDataException>(() => PluginCatalog.Parse(
                "{\"plugins\":[{\"stepType\":\"x\",\"category\":\"reader\",\"title\":\"X\",\"source\":\"s\"},{\"stepType\":\"X\",\"category\":\"reader\",\"title\":\"X\",\"source\":\"s\"}]}")).Message);
            Assert.Contains("reader or writer", Assert.Throws<InvalidDataException>(() => PluginCatalog.Parse(
                "{\"plugins\":[{\"stepType\":\"x\",\"category\":\"Reader\",\"title\":\"X\",\"source\":\"s\"}]}")).Message);
        }

        [Fact]
        public void AddingAPlugin_IsAddingData()
        {
            var catalog = PluginCatalog.Parse(
                "{\"plugins\":[{\"stepType\":\"clickhouse\",\"category\":\"writer\",\"title\":\"ClickHouse Writer\",\"source\":\"https://example.invalid\"," +
                "\"parameters\":[{\"name\":\"table\",\"required\":true,\"describe\":\"the table\",\"example\":\"\\\"table\\\": \\\"t\\\"\"}]}]}");
            PluginSpec spec = catalog.Find("clickhouse", "writer");
            Assert.True(spec.RequiresDataSource);
            Assert.True(Assert.Single(spec.Parameters).Required);
        }

        private static string RepoRoot([CallerFilePath] string thisFile = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile), "..", "..", ".."));
    }
}
