namespace DataWorksDI.Testing
{
    /// <summary>
    /// The sample batch tasks both suites create, each spelled out once. Every workspace of the emulator's demo tenant
    /// has the data sources they read and write (docs/emulator.md).
    /// </summary>
    public static class SampleTasks
    {
        /// <summary>
        /// The task of the seed workflow ("Manage Data Integration tasks with Open API", Alibaba's Java sample: MySQL
        /// dh_mysql table same → MaxCompute odps_source), run in the documentation's automated-testing workspace.
        /// </summary>
        public const string SeedContent = "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"envType\":1,\"datasource\":\"dh_mysql\",\"column\":[\"id\",\"name\"],\"tableComment\":\"Comment for the table same\",\"connection\":[{\"datasource\":\"dh_mysql\",\"table\":[\"same\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"},\"name\":\"Reader\",\"category\":\"reader\"},{\"stepType\":\"odps\",\"parameter\":{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"odps_source\",\"envType\":1,\"column\":[\"id\",\"name\"],\"emptyAsNull\":false,\"tableComment\":\"same\",\"table\":\"same\"},\"name\":\"Writer\",\"category\":\"writer\"}],\"setting\":{\"executeMode\":null,\"errorLimit\":{\"record\":\"\"},\"speed\":{\"concurrent\":2,\"throttle\":false}},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}";

        /// <summary>The seed workflow's workspace (Alibaba's example id; standard mode in the emulator).</summary>
        public const long SeedProjectId = 181565;

        /// <summary>The seed workflow's Data Integration folder.</summary>
        public const string SeedFolder = "Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration";

        /// <summary>The exclusive DI resource group of Alibaba's examples; the demo tenant's default DI resource group.</summary>
        public const string DIResourceGroup = "S_res_group_280749521950784_1602767279794";

        /// <summary>
        /// The minimal valid script of ../shared/spec/dataworks-api.md §6.1 (MySQL mysql_pub table u_pk → MaxCompute
        /// odps_first); tests/DataWorksDI.Tests/Validation/Data/minimal-spec-6.1.json holds the same text.
        /// </summary>
        public const string MinimalContent =
            "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"envType\":1,\"datasource\":\"mysql_pub\",\"column\":[\"id\",\"name\"]," +
            "\"connection\":[{\"datasource\":\"mysql_pub\",\"table\":[\"u_pk\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"},\"name\":\"Reader\",\"category\":\"reader\"}," +
            "{\"stepType\":\"odps\",\"parameter\":{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"odps_first\",\"envType\":1,\"column\":[\"id\",\"name\"]," +
            "\"emptyAsNull\":false,\"table\":\"u_pk\"},\"name\":\"Writer\",\"category\":\"writer\"}],\"setting\":{\"executeMode\":null,\"errorLimit\":{\"record\":\"\"}," +
            "\"speed\":{\"concurrent\":2,\"throttle\":false}},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}";

        /// <summary>
        /// A real-time generation request (TaskParam of GenerateDISyncTaskConfigForCreating, ../shared/spec/dataworks-api.md
        /// §6.2 shape): MySQL <paramref name="reader"/> table <paramref name="table"/> → MaxCompute <paramref name="writer"/>.
        /// </summary>
        public static string RealtimeRequest(string table = "t1", string reader = "mysql_pub", string writer = "odps_first") =>
            "{\"type\":\"realtime\",\"version\":\"1.0\",\"setting\":{\"resourceGroup\":\"" + DIResourceGroup + "\",\"taskType\":\"oneclick_to_odps\",\"name\":\"rt\"}," +
            "\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"connection\":[{\"datasourceType\":\"mysql\",\"datasource\":\"" + reader + "\",\"table\":[\"" + table + "\"]}]},\"name\":\"Reader\",\"category\":\"reader\"}," +
            "{\"stepType\":\"odps\",\"parameter\":{\"datasource\":\"" + writer + "\"},\"name\":\"Writer\",\"category\":\"writer\"}]}";
    }
}
