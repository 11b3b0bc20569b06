using System;
using System.Collections.Generic;
using System.Linq;
using DataWorksDI.Testing;
using DataWorksDI.Tests.Infrastructure;

namespace DataWorksDI.Tests.Lifecycle
{
    /// <summary>A PowerShell session with the module imported and connected to an emulator with a key of its own.</summary>
    public sealed class EmulatorSession : IDisposable
    {
        public const string SeedContent = SampleTasks.SeedContent;
        public const string SeedFolder = SampleTasks.SeedFolder;
        public const string SeedResourceGroup = SampleTasks.DIResourceGroup;

        public EmulatorSession(long projectId = SampleTasks.SeedProjectId, EmulatorProcess emulator = null, bool connect = true)
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
