using System.IO;
using Newtonsoft.Json;

namespace DataWorksDI.Validation
{
    /// <summary>
    /// What DataWorks requires of each batch reader/writer plugin in script-mode task content: required parameters, their
    /// JSON types and allowed values. The catalogue is data (the embedded <c>PluginCatalog.json</c>, one entry per
    /// stepType and category); <see cref="TaskContentValidator"/> applies it. Adding a plugin means adding an entry there
    /// and its sources to docs/validation-rules.md. A stepType that is not catalogued is passed with an Information finding.
    /// </summary>
    public sealed class PluginCatalog
    {
        /// <summary>The JSON types a parameter may be declared with.</summary>
        public static readonly IReadOnlyList<string> TypeNames = new[] { "string", "array", "integer", "number", "boolean", "boolean-string", "object" };

        private const string ResourceName = "DataWorksDI.Validation.PluginCatalog.json";
        private static readonly Lazy<PluginCatalog> DefaultCatalog = new Lazy<PluginCatalog>(LoadDefault);

        private PluginCatalog(IList<PluginSpec> plugins)
        {
            Plugins = plugins.ToList().AsReadOnly();
        }

        /// <summary>The catalogue shipped with the module.</summary>
        public static PluginCatalog Default => DefaultCatalog.Value;

        /// <summary>Every catalogued plugin, one per stepType and category, in catalogue order.</summary>
        public IReadOnlyList<PluginSpec> Plugins { get; }

        /// <summary>
        /// The entry for <paramref name="stepType"/> (compared case-insensitively) in <paramref name="category"/>
        /// (<c>reader</c> or <c>writer</c>), or null when not catalogued.
        /// </summary>
        public PluginSpec Find(string stepType, string category)
        {
            if (string.IsNullOrWhiteSpace(stepType) || category == null) return null;
            return Plugins.FirstOrDefault(p => string.Equals(p.StepType, stepType.Trim(), StringComparison.OrdinalIgnoreCase)
                && string.Equals(p.Category, category, StringComparison.Ordinal));
        }

        /// <summary>The catalogued stepTypes, each once; only those of <paramref name="category"/> when it is given.</summary>
        public IReadOnlyList<string> StepTypes(string category = null) =>
            Plugins.Where(p => category == null || p.Category == category).Select(p => p.StepType).Distinct(StringComparer.Ordinal).ToList().AsReadOnly();

        /// <summary>
        /// Reads a catalogue in the format of the embedded PluginCatalog.json. Throws <see cref="InvalidDataException"/>
        /// naming the entry and what is wrong when the catalogue itself is inconsistent.
        /// </summary>
        public static PluginCatalog Parse(string json)
        {
            JObject root;
            try
            {
                root = JObject.Parse(json);
            }
            catch (JsonReaderException ex)
            {
                throw new InvalidDataException("The plugin catalogue is not valid JSON: " + ex.Message, ex);
            }

            if (!(root["plugins"] is JArray entries)) throw new InvalidDataException("The plugin catalogue has no \"plugins\" array.");
            var plugins = new List<PluginSpec>();
            foreach (JToken entry in entries)
            {
                PluginSpec plugin = ReadPlugin(entry as JObject ?? throw new InvalidDataException($"Plugin entry {entry.Path} is not an object."));
                if (plugins.Any(p => string.Equals(p.StepType, plugin.StepType, StringComparison.OrdinalIgnoreCase) && p.Category == plugin.Category))
                    throw new InvalidDataException($"The plugin catalogue lists {plugin.StepType} {plugin.Category} twice.");
                plugins.Add(plugin);
            }
            return new PluginCatalog(plugins);
        }

        private static PluginCatalog LoadDefault()
        {
            using (Stream stream = typeof(PluginCatalog).Assembly.GetManifestResourceStream(ResourceName))
            {
                if (stream == null) throw new InvalidOperationException($"The module assembly lacks its embedded resource {ResourceName}.");
                using (var reader = new StreamReader(stream))
                {
                    return Parse(reader.ReadToEnd());
                }
            }
        }

        private static PluginSpec ReadPlugin(JObject o)
        {
            string stepType = Text(o, "stepType", true);
            string category = Text(o, "category", true);
            if (category != "reader" && category != "writer") throw new InvalidDataException($"Plugin {stepType}: category must be reader or writer, not '{category}'.");
            string label = stepType + " " + category;
            string source = Text(o, "source", true);
            bool dataSource = o["dataSource"] == null || (bool)o["dataSource"];
            var parameters = new List<PluginParameterSpec>();
            foreach (JToken p in (o["parameters"] as JArray) ?? new JArray())
            {
                var parameter = ReadParameter(p as JObject ?? throw new InvalidDataException($"Plugin {label}: parameter {p.Path} is not an object."), label, source);
                if (parameters.Any(x => x.Name == parameter.Name)) throw new InvalidDataException($"Plugin {label} lists parameter {parameter.Name} twice.");
                parameters.Add(parameter);
            }
            return new PluginSpec(stepType, category, Text(o, "title", true), source, dataSource, Strings(o["dataSourceAlternatives"]), parameters);
        }

        private static PluginParameterSpec ReadParameter(JObject o, string plugin, string pluginSource)
        {
            string name = Text(o, "name", true);
            string where = $"Plugin {plugin}, parameter {name}";
            var types = Strings(o["types"]);
            foreach (string t in types.Where(t => !TypeNames.Contains(t)))
                throw new InvalidDataException($"{where}: unknown type '{t}' (use {string.Join(", ", TypeNames)}).");
            bool required = o["required"] != null && (bool)o["required"];
            string describe = Text(o, "describe", false);
            string example = Text(o, "example", false);
            if (required && (describe == null || example == null))
                throw new InvalidDataException($"{where}: a required parameter needs \"describe\" and \"example\" for its fix text.");

            PluginCondition unlessValue = null;
            if (o["unlessValue"] is JObject condition)
                unlessValue = new PluginCondition(Text(condition, "parameter", true), Strings(condition["values"]));

            PluginItemSpec items = null;
            if (o["items"] is JObject itemObject)
            {
                var itemTypes = Strings(itemObject["types"]);
                foreach (string t in itemTypes.Where(t => !TypeNames.Contains(t)))
                    throw new InvalidDataException($"{where}: unknown item type '{t}'.");
                var allowed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                if (itemObject["allowed"] is JObject allowedObject)
                {
                    foreach (JProperty key in allowedObject.Properties()) allowed[key.Name] = Strings(key.Value);
                }
                items = new PluginItemSpec(itemTypes, Strings(itemObject["requiredKeys"]), Strings(itemObject["oneOfKeys"]), allowed);
            }

            return new PluginParameterSpec(name, types, required, Strings(o["unlessPresent"]), unlessValue,
                o["inConnection"] != null && (bool)o["inConnection"], Strings(o["allowed"]), describe, example,
                Text(o, "source", false) ?? pluginSource, items);
        }

        private static string Text(JObject o, string key, bool required)
        {
            JToken value = o[key];
            if (value == null || value.Type == JTokenType.Null)
            {
                if (required) throw new InvalidDataException($"Plugin catalogue entry {o.Path} has no \"{key}\".");
                return null;
            }
            if (value.Type != JTokenType.String || ((string)value).Trim().Length == 0)
                throw new InvalidDataException($"Plugin catalogue entry {o.Path}: \"{key}\" must be a non-empty string.");
            return (string)value;
        }

        private static IReadOnlyList<string> Strings(JToken token)
        {
            if (token == null || token.Type == JTokenType.Null) return new string[0];
            if (!(token is JArray array) || array.Any(v => v.Type != JTokenType.String))
                throw new InvalidDataException($"Plugin catalogue: {token.Path} must be an array of strings.");
            return array.Select(v => (string)v).ToList().AsReadOnly();
        }
    }

    /// <summary>One catalogued plugin in one role.</summary>
    public sealed class PluginSpec
    {
        internal PluginSpec(string stepType, string category, string title, string source, bool requiresDataSource,
            IReadOnlyList<string> dataSourceAlternatives, IList<PluginParameterSpec> parameters)
        {
            StepType = stepType;
            Category = category;
            Title = title;
            Source = source;
            RequiresDataSource = requiresDataSource;
            DataSourceAlternatives = dataSourceAlternatives;
            Parameters = parameters.ToList().AsReadOnly();
        }

        /// <summary>The stepType as DataWorks writes it in task content, e.g. <c>odps</c>, <c>holo</c>.</summary>
        public string StepType { get; }

        /// <summary><c>reader</c> or <c>writer</c>.</summary>
        public string Category { get; }

        /// <summary>The name DataWorks' documentation uses, e.g. "MaxCompute Writer".</summary>
        public string Title { get; }

        /// <summary>Where the plugin's rules come from (parameters may cite their own source).</summary>
        public string Source { get; }

        /// <summary>False for plugins that use no data source (the <c>stream</c> test plugin).</summary>
        public bool RequiresDataSource { get; }

        /// <summary>Parameters that may name the connection instead of <c>datasource</c> (e.g. Kafka's older <c>server</c>).</summary>
        public IReadOnlyList<string> DataSourceAlternatives { get; }

        public IReadOnlyList<PluginParameterSpec> Parameters { get; }

        public override string ToString() => $"{Title} ({StepType} {Category})";
    }

    /// <summary>What the catalogue knows about one parameter of one plugin.</summary>
    public sealed class PluginParameterSpec
    {
        internal PluginParameterSpec(string name, IReadOnlyList<string> types, bool required, IReadOnlyList<string> unlessPresent,
            PluginCondition unlessValue, bool inConnection, IReadOnlyList<string> allowed, string describe, string example, string source,
            PluginItemSpec items)
        {
            Name = name;
            Types = types;
            Required = required;
            UnlessPresent = unlessPresent;
            UnlessValue = unlessValue;
            InConnection = inConnection;
            Allowed = allowed;
            Describe = describe;
            Example = example;
            Source = source;
            Items = items;
        }

        /// <summary>The key under the step's <c>parameter</c> object.</summary>
        public string Name { get; }

        /// <summary>Allowed JSON types (see <see cref="PluginCatalog.TypeNames"/>); empty when not checked here.</summary>
        public IReadOnlyList<string> Types { get; }

        /// <summary>True when DataWorks requires it and gives no default.</summary>
        public bool Required { get; }

        /// <summary>The requirement is met when any of these parameters is given instead (e.g. <c>querySql</c> for <c>table</c>).</summary>
        public IReadOnlyList<string> UnlessPresent { get; }

        /// <summary>The requirement is waived when another parameter has one of some values (e.g. fileType parquet).</summary>
        public PluginCondition UnlessValue { get; }

        /// <summary>True when the parameter may be given in each <c>parameter.connection[]</c> entry instead.</summary>
        public bool InConnection { get; }

        /// <summary>The only values DataWorks accepts (compared case-insensitively); empty when any value is accepted.</summary>
        public IReadOnlyList<string> Allowed { get; }

        /// <summary>What to write, for the fix text, e.g. "the MaxCompute table to write to".</summary>
        public string Describe { get; }

        /// <summary>An example of the key and value, for the fix text.</summary>
        public string Example { get; }

        /// <summary>Where the fact comes from.</summary>
        public string Source { get; }

        /// <summary>Rules for the entries of an array parameter, or null.</summary>
        public PluginItemSpec Items { get; }
    }

    /// <summary>Rules for the entries of an array parameter such as <c>column</c>.</summary>
    public sealed class PluginItemSpec
    {
        internal PluginItemSpec(IReadOnlyList<string> types, IReadOnlyList<string> requiredKeys, IReadOnlyList<string> oneOfKeys,
            IReadOnlyDictionary<string, IReadOnlyList<string>> allowed)
        {
            Types = types;
            RequiredKeys = requiredKeys;
            OneOfKeys = oneOfKeys;
            Allowed = allowed;
        }

        /// <summary>Allowed JSON types of each entry.</summary>
        public IReadOnlyList<string> Types { get; }

        /// <summary>Keys every object entry must have.</summary>
        public IReadOnlyList<string> RequiredKeys { get; }

        /// <summary>Every object entry must have at least one of these keys (e.g. <c>index</c> or <c>value</c>).</summary>
        public IReadOnlyList<string> OneOfKeys { get; }

        /// <summary>Allowed values of keys of object entries (e.g. the Elasticsearch field <c>type</c>s).</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Allowed { get; }
    }

    /// <summary>"When <see cref="Parameter"/> is one of <see cref="Values"/>" (compared case-insensitively).</summary>
    public sealed class PluginCondition
    {
        internal PluginCondition(string parameter, IReadOnlyList<string> values)
        {
            Parameter = parameter;
            Values = values;
        }

        public string Parameter { get; }

        public IReadOnlyList<string> Values { get; }
    }
}
