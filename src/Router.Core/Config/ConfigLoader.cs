using System.Globalization;
using System.Text;
using Skrouterd.Management.Schema;

namespace Skrouterd.Config;

/// <summary>
/// Loads a router configuration file: parses it (JSON when the path ends in <c>.json</c>, else the legacy
/// <c>.conf</c> syntax), validates every entity against the schema, applies the cross-entity rules and start-up
/// adjustments, and returns the entities in configure order. Any problem throws one <see cref="ConfigException"/>.
/// </summary>
internal static class ConfigLoader
{
    /// <summary>The path used when no <c>-c/--config</c> option is given.</summary>
    public const string DefaultConfigPath = "/etc/skupper-router/skrouterd.conf";

    /// <summary>Loads and validates the file at <paramref name="path"/>.</summary>
    public static RouterConfig Load(string path, Random? random = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException(path, 0, null, null, null, "Configuration file could not be opened", ex);
        }

        if (bytes.Length == 0)
        {
            throw new ConfigException(path, 0, null, null, null, "Configuration file was empty");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ConfigException(path, 0, null, null, null, "Configuration file is not valid UTF-8 text", ex);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return Parse(text, path, random);
    }

    /// <summary>
    /// Parses and validates configuration text; <paramref name="file"/> chooses the format (by its <c>.json</c>
    /// suffix) and is used in error messages.
    /// </summary>
    public static RouterConfig Parse(string text, string file, Random? random = null)
    {
        var sections = file.EndsWith(".json", StringComparison.Ordinal)
            ? JsonConfigParser.Parse(text, file)
            : ConfParser.Parse(text, file);
        return Validate(sections, file, random ?? Random.Shared);
    }

    /// <summary>Validates parsed sections (in file order) and produces the configuration.</summary>
    public static RouterConfig Validate(IReadOnlyList<ConfigSection> parsed, string file, Random random)
    {
        var warnings = new List<string>();
        var sections = new List<ConfigSection>(parsed);

        // Singletons the file does not configure are added with their defaults.
        foreach (var t in RouterSchema.EntityTypes)
        {
            if (t.IsSingleton && t.IsConfiguration && !sections.Any(s => ConfigNames.SchemaTypeName(s.SectionType) == t.Name))
            {
                sections.Add(new ConfigSection(t.Name, [], 0) { IsImplicit = true });
            }
        }

        var entities = new List<ConfigEntity>(sections.Count);
        foreach (var section in sections)
        {
            var entity = ValidateSection(section, file, warnings);
            CheckUnique(entity, entities);
            entities.Add(entity);
            if (entity.TypeName == "router")
            {
                ConfigRules.CheckRouterIdCharacters(entity);
            }
        }

        ConfigRules.CheckRoles(entities);
        ConfigRules.CheckRouterIdWhitespace(entities.First(e => e.TypeName == "router"));
        ConfigRules.CheckCosts(entities);

        entities = Adjust(entities, random);
        return new RouterConfig(file, ConfigOrder.Sort(entities), warnings);
    }

    private static ConfigEntity ValidateSection(ConfigSection section, string file, List<string> warnings)
    {
        string? rawName = RawName(section);
        ConfigException Error(string? attribute, string detail, Exception? inner = null) =>
            new(file, section.Line, section.SectionType, rawName, attribute, detail, inner);

        if (section.Error is { } deferred)
        {
            throw Error(deferred.Attribute, deferred.Detail);
        }

        var type = RouterSchema.Find(ConfigNames.SchemaTypeName(section.SectionType));
        if (type is null)
        {
            throw Error(null, $"No such entity type '{section.SectionType}'");
        }

        if (!IsConfigurable(type))
        {
            throw Error(null, $"Entity type '{type.FullyQualifiedName}' cannot be configured in a configuration file");
        }

        foreach (var (key, value) in section.Attributes)
        {
            if (key == "type")
            {
                throw Error("type", "Attribute 'type' cannot be given in a configuration section (the section names the type)");
            }

            if (key == "identity" && value is not null)
            {
                throw Error("identity", "'identity' attribute cannot be specified (it is assigned by the router)");
            }
        }

        ValidationResult result;
        try
        {
            result = EntityValidator.Validate(type, section.Attributes, ValidationMode.Configuration);
        }
        catch (EntityValidationException ex)
        {
            throw Error(ex.Attribute, ex.Message, ex);
        }

        if (AdaptorRequirements.FindMissing(type, result.Attributes) is { } missing)
        {
            throw Error(missing, $"Missing required attribute '{missing}' ({AdaptorRequirements.InvalidConfigurationText(type)})");
        }

        foreach (string w in result.Warnings)
        {
            warnings.Add(new ConfigException(file, section.Line, section.SectionType, rawName, null, w).Message);
        }

        return new ConfigEntity(type, result.Attributes, file, section.Line)
        {
            SectionType = section.SectionType,
            IsImplicit = section.IsImplicit,
        };
    }

    /// <summary>
    /// <c>name</c> is unique across all entities of the file (the Python agent compares it against every entity
    /// already loaded, whatever its type), and a singleton type may appear once.
    /// </summary>
    private static void CheckUnique(ConfigEntity entity, List<ConfigEntity> previous)
    {
        foreach (var e in previous)
        {
            if (entity.Type.IsSingleton && e.Type == entity.Type)
            {
                throw ConfigRules.Error(entity, null,
                    $"Only one '{entity.SectionType}' entity is allowed; another is configured at line {e.Line}");
            }

            if (entity.Name is { } name && e.Name == name)
            {
                throw ConfigRules.Error(entity, "name",
                    $"Duplicate value '{name}' for unique attribute 'name': already used by {Describe(e)} at line {e.Line}");
            }
        }
    }

    /// <summary>Start-up adjustments: log defaults and implicit log entities, generated router id, minimum frame size.</summary>
    private static List<ConfigEntity> Adjust(List<ConfigEntity> entities, Random random)
    {
        var result = new List<ConfigEntity>(entities.Count + 20);
        var logModules = new Dictionary<string, ConfigEntity>(StringComparer.Ordinal);
        foreach (var e in entities)
        {
            var adjusted = e.TypeName switch
            {
                "log" => AdjustLog(e, logModules),
                "router" when e.Attributes.GetString("id") is null => e with
                {
                    Attributes = e.Attributes.With("id", RouterIdGenerator.Generate(e.Attributes.GetString("mode")!, random), e.Type),
                },
                "listener" or "connector" when e.Attributes.GetInteger("maxFrameSize") is < ConfigRules.MinMaxFrameSize => e with
                {
                    Attributes = e.Attributes.With("maxFrameSize", ConfigRules.MinMaxFrameSize, e.Type),
                },
                _ => e,
            };
            result.Add(adjusted);
        }

        // Every log module the file does not configure gets a default log entity.
        var logType = RouterSchema.Get("log");
        foreach (string module in logType.FindAttribute("module")!.Type.EnumValues)
        {
            if (!logModules.ContainsKey(module))
            {
                var attrs = EntityValidator.Validate(logType, [new("module", module)], ValidationMode.Configuration).Attributes;
                var implicitLog = new ConfigEntity(logType, attrs, entities[0].File, 0) { IsImplicit = true };
                result.Add(AdjustLog(implicitLog, logModules));
            }
        }

        return result;
    }

    private static ConfigEntity AdjustLog(ConfigEntity log, Dictionary<string, ConfigEntity> seen)
    {
        string module = log.Attributes.GetString("module")!;
        if (seen.TryGetValue(module, out var first))
        {
            throw ConfigRules.Error(log, "module",
                $"Duplicate log entity for module '{module}' (attribute 'module'; already configured at line {first.Line})");
        }

        seen[module] = log;
        var attrs = log.Attributes;

        // Compatibility: 'trace' was renamed 'debug' (only when loading, not for management UPDATE).
        if (attrs.GetString("enable") is { } enable && enable.Contains("trace", StringComparison.Ordinal))
        {
            attrs = attrs.With("enable", enable.Replace("trace", "debug", StringComparison.Ordinal), log.Type);
        }

        if (module == "DEFAULT")
        {
            (string Name, object Value)[] defaults =
            [
                ("enable", "info+"),
                ("includeTimestamp", true),
                ("includeSource", false),
                ("outputFile", "stderr"),
            ];
            foreach (var (name, value) in defaults)
            {
                if (!attrs.Contains(name))
                {
                    attrs = attrs.With(name, value, log.Type);
                }
            }
        }

        return ReferenceEquals(attrs, log.Attributes) ? log : log with { Attributes = attrs };
    }

    /// <summary>Configuration types the router can instantiate from a file.</summary>
    private static bool IsConfigurable(EntityTypeSchema type) =>
        type.IsConfiguration && type.Name != "vhostUserGroupSettings";

    private static string? RawName(ConfigSection section)
    {
        string? name = null;
        foreach (var (key, value) in section.Attributes)
        {
            if (key == "name" && value is not null)
            {
                name = AttributeCoercion.ToText(value) ?? Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        return name;
    }

    private static string Describe(ConfigEntity e) => e.Name is null ? e.SectionType : $"{e.SectionType} \"{e.Name}\"";
}
