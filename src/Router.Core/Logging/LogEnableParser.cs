namespace Skrouterd.Logging;

/// <summary>
/// Parses a <c>log</c> entity's <c>enable</c> string into a level mask (behaviour of the C router's
/// <c>enable_mask</c>, <c>src/log.c</c>).
/// </summary>
/// <remarks>
/// <para>The string is split on any of <c>,</c> <c>;</c> <c>:</c> and space; empty pieces are skipped. Each piece
/// names a level, optionally followed by <c>+</c> ("this level and every level above it"). A name matches the first
/// of <c>default</c>, <c>none</c>, <c>debug</c>, <c>info</c>, <c>warning</c>, <c>error</c>, <c>critical</c> that it
/// is a case-insensitive prefix of, in that order, so <c>warn</c> = warning, <c>i</c> = info, but <c>d</c> and
/// <c>de</c> mean <c>default</c> (you need <c>deb</c> for debug) and a lone <c>+</c> means <c>default</c> too.</para>
/// <para>The mask is the OR of the pieces: <c>none</c> adds nothing (so <c>""</c> and <c>none</c> disable the
/// module), <c>default</c> makes the whole result <see cref="Inherit"/> (take DEFAULT's live mask).</para>
/// <para>Difference from C: C ORs an unknown piece in as the value -2, so an unknown piece is only reported when the
/// result stays below -1 (<c>debug,bogus</c> silently becomes "inherit"). Here any unknown piece is an error.</para>
/// </remarks>
internal static class LogEnableParser
{
    /// <summary>Mask value meaning "not set: use DEFAULT's mask".</summary>
    public const int Inherit = -1;

    /// <summary>The level names listed in the error message.</summary>
    public const string ValidLevelNames = "none, debug, info, warning, error, critical";

    private static readonly string[] s_levelNames = ["default", "none", "debug", "info", "warning", "error", "critical"];

    // Mask for "name" alone, and for "name+"; index parallel to s_levelNames.
    private static readonly int[] s_bit = [Inherit, 0, 0x01, 0x02, 0x04, 0x08, 0x10];
    private static readonly int[] s_orAbove = [Inherit, 0, 0x1F, 0x1E, 0x1C, 0x18, 0x10];

    private static readonly char[] s_separators = [',', ' ', ';', ':'];

    /// <summary>Parses <paramref name="enable"/>; false if any piece is not a level name.</summary>
    public static bool TryParse(string enable, out int mask)
    {
        ArgumentNullException.ThrowIfNull(enable);
        mask = 0;
        bool valid = true;
        foreach (Range range in enable.AsSpan().SplitAny(s_separators))
        {
            ReadOnlySpan<char> token = enable.AsSpan(range);
            if (token.IsEmpty)
            {
                continue;
            }

            bool orAbove = token[^1] == '+';
            ReadOnlySpan<char> name = orAbove ? token[..^1] : token;
            int level = FindLevel(name);
            if (level < 0)
            {
                valid = false;
                continue;
            }

            mask |= orAbove ? s_orAbove[level] : s_bit[level];
        }

        if (!valid)
        {
            mask = 0;
        }

        return valid;
    }

    /// <summary>Parses <paramref name="enable"/> or throws <see cref="LogConfigException"/> with the C router's message.</summary>
    public static int Parse(string enable)
    {
        if (!TryParse(enable, out int mask))
        {
            throw new LogConfigException(FormatError(enable));
        }

        return mask;
    }

    /// <summary>
    /// The configuration-load compatibility rewrite: every (case-sensitive) occurrence of <c>trace</c> becomes
    /// <c>debug</c>. Not applied to management UPDATE, where <c>trace</c> is an unknown level.
    /// </summary>
    public static string ApplyTraceCompatibility(string enable)
        => enable.Contains("trace", StringComparison.Ordinal) ? enable.Replace("trace", "debug", StringComparison.Ordinal) : enable;

    /// <summary><c>'&lt;enable&gt;' is not a valid log level. Should be one of {none, debug, info, warning, error, critical}.</c></summary>
    public static string FormatError(string enable)
        => $"'{enable}' is not a valid log level. Should be one of {{{ValidLevelNames}}}.";

    private static int FindLevel(ReadOnlySpan<char> name)
    {
        for (int i = 0; i < s_levelNames.Length; i++)
        {
            if (s_levelNames[i].AsSpan().StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
