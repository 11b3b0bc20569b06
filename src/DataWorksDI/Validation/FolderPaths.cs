namespace DataWorksDI.Validation
{
    /// <summary>
    /// DataStudio folder paths: <c>&lt;workflow root&gt;/&lt;workflow name&gt;/&lt;category&gt;/&lt;subfolders…&gt;</c>. A sync
    /// task lives in a Data Integration folder: one whose category (third segment) is "Data Integration" in any of the
    /// spellings Alibaba's documentation uses (<c>Data Integration</c>, <c>Data_Integration</c>, <c>data_integration</c>,
    /// <c>数据集成</c>), or a subfolder of one. Sources: docs/validation-rules.md, "Folders".
    /// </summary>
    internal static class FolderPaths
    {
        /// <summary>Trims spaces and leading/trailing slashes; "" is the top of the tree.</summary>
        public static string Normalize(string path) => (path ?? string.Empty).Trim().Trim('/').Trim();

        public static string[] Segments(string path)
        {
            string p = Normalize(path);
            return p.Length == 0 ? new string[0] : p.Split('/');
        }

        /// <summary>The parent folder ("" for a root).</summary>
        public static string Parent(string path)
        {
            string p = Normalize(path);
            int slash = p.LastIndexOf('/');
            return slash < 0 ? string.Empty : p.Substring(0, slash);
        }

        /// <summary>The last segment.</summary>
        public static string Leaf(string path)
        {
            string p = Normalize(path);
            return p.Substring(p.LastIndexOf('/') + 1);
        }

        /// <summary>True for a Data Integration folder or a subfolder of one.</summary>
        public static bool IsDataIntegration(string path)
        {
            string[] s = Segments(path);
            if (s.Length < 3) return false;
            string category = s[2].Replace(" ", string.Empty).Replace("_", string.Empty).ToLowerInvariant();
            return category == "dataintegration" || category == "数据集成";
        }

        /// <summary>The workflow folder (the first two segments) of a path, or null when it has fewer.</summary>
        public static string Workflow(string path)
        {
            string[] s = Segments(path);
            return s.Length < 2 ? null : s[0] + "/" + s[1];
        }
    }
}
