using System;
using System.IO;

namespace DataWorksDI.Testing
{
    /// <summary>Where things are in the repository, found from the test assembly's folder (bin/&lt;Configuration&gt;/&lt;tfm&gt;).</summary>
    public static class RepoPaths
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

        /// <summary>Debug or Release: the configuration the running test assembly was built in.</summary>
        public static string Configuration =>
            AppContext.BaseDirectory.Contains(Path.DirectorySeparatorChar + "Release" + Path.DirectorySeparatorChar) ? "Release" : "Debug";

        /// <summary>The built emulator, of the same configuration as the tests.</summary>
        public static string EmulatorDll
        {
            get
            {
                string dll = Path.Combine(Root, "src", "DataWorksDI.Emulator", "bin", Configuration, "net10.0", "DataWorksDI.Emulator.dll");
                if (!File.Exists(dll)) throw new FileNotFoundException("The emulator is not built; build the solution first.", dll);
                return dll;
            }
        }
    }
}
