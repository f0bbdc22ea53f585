using System.Globalization;

namespace Skrouterd.Config;

/// <summary>Rules that involve more than one attribute or entity, checked after schema validation.</summary>
internal static class ConfigRules
{
    /// <summary>AMQP's smallest max-frame-size; listener/connector values below it are raised to it.</summary>
    public const long MinMaxFrameSize = 512;

    private const string IllegalIdCharacters = "|$";

    /// <summary>The router id may not contain '|' or '$' (message text, including its spelling, as the C router's).</summary>
    public static void CheckRouterIdCharacters(ConfigEntity router)
    {
        if (router.Attributes.GetString("id") is { } id && id.AsSpan().IndexOfAny(IllegalIdCharacters) >= 0)
        {
            throw Error(router, "id", $"Router ID \"{id}\" containes at least one illegal character (\"{IllegalIdCharacters}\").");
        }
    }

    /// <summary>The router id may not contain whitespace, separators or control/format characters.</summary>
    public static void CheckRouterIdWhitespace(ConfigEntity router)
    {
        if (router.Attributes.GetString("id") is not { } id)
        {
            return;
        }

        for (int i = 0; i < id.Length; i++)
        {
            var category = char.GetUnicodeCategory(id, i);
            bool disallowed = category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
            if (disallowed)
            {
                string shown = char.IsControl(id[i]) || (char.IsWhiteSpace(id[i]) && id[i] != ' ')
                    ? $"\\u{(int)id[i]:x4}"
                    : id[i].ToString();
                throw Error(router, "id", $"Router id attribute containing character '{shown}' in id '{id}' is disallowed.");
            }
        }
    }

    /// <summary>
    /// Listener/connector roles against the router mode: a standalone router takes no inter-router or edge
    /// connections, inter-router needs an interior router, and an edge router cannot have an edge listener.
    /// </summary>
    public static void CheckRoles(IReadOnlyList<ConfigEntity> entities)
    {
        var router = entities.First(e => e.TypeName == "router");
        string mode = router.Attributes.GetString("mode")!;
        foreach (var e in entities)
        {
            if (e.TypeName is not ("listener" or "connector"))
            {
                continue;
            }

            string role = e.Attributes.GetString("role")!;
            if (mode == "standalone" && role is "inter-router" or "edge")
            {
                throw Error(e, "role",
                    $"role='{role}' is not allowed: a router in mode='standalone' may not connect to or accept connections from other routers");
            }

            if (mode != "interior" && role == "inter-router")
            {
                throw Error(e, "role", $"role='inter-router' only allowed with router mode='interior' (router mode is '{mode}')");
            }

            if (mode == "edge" && role == "edge" && e.TypeName == "listener")
            {
                throw Error(e, "role", "role='edge' listeners only allowed with router mode='interior' (router mode is 'edge')");
            }
        }
    }

    /// <summary>Listener/connector <c>cost</c> must be within 1..2^31-1.</summary>
    public static void CheckCosts(IReadOnlyList<ConfigEntity> entities)
    {
        foreach (var e in entities)
        {
            if (e.TypeName is "listener" or "connector" && e.Attributes.GetInteger("cost") is long cost
                && (cost <= 0 || cost > int.MaxValue))
            {
                throw Error(e, "cost",
                    $"Invalid cost ({cost}) specified for attribute 'cost'. Minimum value for cost is 1 and maximum value is {int.MaxValue}");
            }
        }
    }

    public static ConfigException Error(ConfigEntity entity, string? attribute, string detail) =>
        new(entity.File, entity.Line, entity.SectionType, entity.Name, attribute, detail);
}
