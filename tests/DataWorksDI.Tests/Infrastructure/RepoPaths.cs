using System;
using System.IO;

namespace DataWorksDI.Tests.Infrastructure
{
    internal static class RepoPaths
    {
        private static readonly Lazy<string> RootLazy = new Lazy<string>(() =>
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DataWorksDI.sln"))) return dir.FullName;
            throw new InvalidOperationException("Could not find the repository root (DataWorksDI.sln) above " + AppContext.BaseDirectory);
        });

        public static string Root => RootLazy.Value;

        /// <summary>The laid-out module that `dotnet build` produces: what a user imports.</summary>
        public static string ModuleDirectory => Path.Combine(Root, "out", "DataWorksDI");

        public static string ModuleManifest => Path.Combine(ModuleDirectory, "DataWorksDI.psd1");
    }
}
