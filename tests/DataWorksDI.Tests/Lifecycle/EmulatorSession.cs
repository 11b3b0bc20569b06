using System;
using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Tests.Infrastructure;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>A PowerShell session with the module imported and connected to an emulator with a key of its own.</summary>
    public sealed class EmulatorSession : IDisposable
    {
        public const string SeedContent = "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"stepType\":\"mysql\",\"parameter\":{\"envType\":1,\"datasource\":\"dh_mysql\",\"column\":[\"id\",\"name\"],\"tableComment\":\"Comment for the table same\",\"connection\":[{\"datasource\":\"dh_mysql\",\"table\":[\"same\"]}],\"where\":\"\",\"splitPk\":\"id\",\"encoding\":\"UTF-8\"},\"name\":\"Reader\",\"category\":\"reader\"},{\"stepType\":\"odps\",\"parameter\":{\"partition\":\"pt=${bizdate}\",\"truncate\":true,\"datasource\":\"odps_source\",\"envType\":1,\"column\":[\"id\",\"name\"],\"emptyAsNull\":false,\"tableComment\":\"same\",\"table\":\"same\"},\"name\":\"Writer\",\"category\":\"writer\"}],\"setting\":{\"executeMode\":null,\"errorLimit\":{\"record\":\"\"},\"speed\":{\"concurrent\":2,\"throttle\":false}},\"order\":{\"hops\":[{\"from\":\"Reader\",\"to\":\"Writer\"}]}}";
        public const string SeedFolder = "Workflow/Automated_Testing_Workspace_Do_Not_Modify/Data_Integration";
        public const string SeedResourceGroup = "S_res_group_280749521950784_1602767279794";

        public EmulatorSession(long projectId = 181565, EmulatorProcess emulator = null, bool connect = true)
        {
            Emulator = emulator ?? EmulatorProcess.Shared;
            (KeyId, Secret, _) = Emulator.CreateAccessKey();
            PowerShell = new PowerShellSession();
            ProjectId = projectId;
            if (connect)
            {
                PSResult r = Run("$null = Connect-DIWorkspace -Endpoint $endpoint -ProjectId $projectId -AccessKeyId $keyId -AccessKeySecret ([System.Net.NetworkCredential]::new('', $secret).SecurePassword)");
                if (r.Errors.Count > 0 || r.Terminating != null) throw new InvalidOperationException(r.ErrorText);
            }
        }

        public EmulatorProcess Emulator { get; }
        public PowerShellSession PowerShell { get; }
        public string KeyId { get; }
        public string Secret { get; }
        public long ProjectId { get; }

        /// <summary>Runs a script with $endpoint, $projectId, $keyId, $secret, $content, $folder, $group and $name set.</summary>
        public PSResult Run(string script, IDictionary<string, object> extra = null)
        {
            var vars = new Dictionary<string, object>
            {
                ["endpoint"] = Emulator.BaseAddress.ToString(),
                ["projectId"] = ProjectId,
                ["keyId"] = KeyId,
                ["secret"] = Secret,
                ["content"] = SeedContent,
                ["folder"] = SeedFolder,
                ["group"] = SeedResourceGroup,
                ["name"] = UniqueName(),
            };
            if (extra != null) foreach (var kv in extra) vars[kv.Key] = kv.Value;
            return PowerShell.Run(script, vars);
        }

        public static string UniqueName(string prefix = "di_task") => prefix + "_" + Guid.NewGuid().ToString("N").Substring(0, 10);

        /// <summary>The actions this session's key has called, in order.</summary>
        public List<string> Actions() => Emulator.Actions(KeyId);

        public int CallCount() => Emulator.Requests(KeyId).Count;

        public void Dispose() => PowerShell.Dispose();
    }
}
