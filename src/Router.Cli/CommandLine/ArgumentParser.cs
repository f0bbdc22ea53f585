using System.Globalization;
using System.Text.RegularExpressions;
using Skrouterd.Cli.Python;
using Skrouterd.Management;

namespace Skrouterd.Cli.CommandLine;

/// <summary>
/// The subset of Python argparse the tools rely on, with its observable behaviour: long options may be abbreviated
/// to any unambiguous prefix, <c>--opt=value</c> and <c>-ovalue</c> forms, combined short flags (<c>-vv</c>),
/// negative numbers accepted as values, mutually exclusive groups, typed values, and argparse's error texts.
/// With <c>allowUnknown</c> (skmanage's parse_known_args) unclaimed arguments are returned as extras; otherwise they
/// are an "unrecognized arguments" error.
/// </summary>
internal sealed partial class ArgumentParser
{
    private readonly string _prog;
    private readonly string _usage;
    private readonly string _help;
    private readonly string _version;
    private readonly IReadOnlyList<OptionSpec> _options;
    private readonly List<(string Flag, OptionSpec Spec)> _flags = [];
    private readonly bool _allowUnknown;

    public ArgumentParser(string prog, string usage, string help, string version, IReadOnlyList<OptionSpec> options, bool allowUnknown)
    {
        _prog = prog;
        _usage = usage;
        _help = help;
        _version = version;
        _options = options;
        _allowUnknown = allowUnknown;
        foreach (var o in options)
        {
            foreach (var f in o.Flags)
            {
                _flags.Add((f, o));
            }
        }
    }

    public IReadOnlyList<OptionSpec> Options => _options;

    /// <summary>argparse <c>parser.error</c>: usage and message on stderr, exit status 2.</summary>
    public CommandLineExit Error(string message) => new(2, null, _usage + _prog + ": error: " + message + "\n");

    public ParsedArgs Parse(IReadOnlyList<string> args)
    {
        // Classify every argument first, as argparse does (an ambiguous abbreviation fails before anything runs).
        var kinds = new ArgKind[args.Count];
        var matches = new Match?[args.Count];
        bool afterDoubleDash = false;
        for (int i = 0; i < args.Count; i++)
        {
            if (afterDoubleDash)
            {
                kinds[i] = ArgKind.Positional;
            }
            else if (args[i] == "--")
            {
                kinds[i] = ArgKind.DoubleDash;
                afterDoubleDash = true;
            }
            else
            {
                matches[i] = Classify(args[i], out kinds[i]);
            }
        }

        var result = new ParsedArgs();
        var groupSeen = new Dictionary<int, OptionSpec>();
        for (int i = 0; i < args.Count; i++)
        {
            if (kinds[i] != ArgKind.Option)
            {
                result.Extras.Add(args[i]);
                continue;
            }

            var m = matches[i]!.Value;
            var pending = new List<(OptionSpec Spec, string? Value)>();
            var spec = m.Spec;
            string flag = m.Flag;
            string? explicitArg = m.ExplicitArg;
            while (true)
            {
                if (explicitArg is not null)
                {
                    if (spec.TakesValue)
                    {
                        pending.Add((spec, explicitArg));
                        break;
                    }

                    if (flag[1] != '-' && explicitArg.Length > 0)
                    {
                        pending.Add((spec, null));
                        string next = "-" + explicitArg[0];
                        string? rest = explicitArg.Length > 1 ? explicitArg[1..] : null;
                        var nextSpec = Exact(next) ?? throw ArgError(spec, "ignored explicit argument " + PythonRepr.StringRepr(explicitArg));
                        spec = nextSpec;
                        flag = next;
                        explicitArg = rest;
                        continue;
                    }

                    throw ArgError(spec, "ignored explicit argument " + PythonRepr.StringRepr(explicitArg));
                }

                if (spec.TakesValue)
                {
                    if (i + 1 < args.Count && kinds[i + 1] == ArgKind.Positional)
                    {
                        i++;
                        pending.Add((spec, args[i]));
                        break;
                    }

                    throw ArgError(spec, "expected one argument");
                }

                pending.Add((spec, null));
                break;
            }

            foreach (var (s, value) in pending)
            {
                Apply(result, groupSeen, s, value);
            }
        }

        if (!_allowUnknown && result.Extras.Count > 0)
        {
            throw Error("unrecognized arguments: " + string.Join(' ', result.Extras));
        }

        return result;
    }

    private void Apply(ParsedArgs result, Dictionary<int, OptionSpec> groupSeen, OptionSpec spec, string? value)
    {
        if (spec.ExclusiveGroup != 0)
        {
            if (groupSeen.TryGetValue(spec.ExclusiveGroup, out var other) && !ReferenceEquals(other, spec))
            {
                throw ArgError(spec, "not allowed with argument " + other.DisplayName);
            }

            groupSeen[spec.ExclusiveGroup] = spec;
        }

        switch (spec.Action)
        {
            case OptionAction.Store:
                result.Set(spec.Dest, Convert(spec, value!));
                break;
            case OptionAction.StoreTrue:
                result.Set(spec.Dest, true);
                break;
            case OptionAction.StoreConst:
                result.Set(spec.Dest, spec.Const);
                break;
            case OptionAction.Count:
                result.Set(spec.Dest, result.GetCount(spec.Dest) + 1);
                break;
            case OptionAction.Help:
                throw new CommandLineExit(0, _help, null);
            case OptionAction.Version:
                throw new CommandLineExit(0, _version + "\n", null);
        }
    }

    private object Convert(OptionSpec spec, string value)
    {
        switch (spec.ValueType)
        {
            case OptionValueType.Int:
                return PythonInt(value) ?? throw ArgError(spec, "invalid int value: " + PythonRepr.StringRepr(value));
            case OptionValueType.Float:
                return PythonFloat(value) ?? throw ArgError(spec, "invalid float value: " + PythonRepr.StringRepr(value));
            default:
                return value;
        }
    }

    private CommandLineExit ArgError(OptionSpec spec, string message) => Error("argument " + spec.DisplayName + ": " + message);

    private OptionSpec? Exact(string flag)
    {
        foreach (var (f, s) in _flags)
        {
            if (f == flag)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>argparse <c>_parse_optional</c>: an option match, an unknown option, or a positional argument.</summary>
    private Match? Classify(string arg, out ArgKind kind)
    {
        kind = ArgKind.Positional;
        if (arg.Length == 0 || arg[0] != '-')
        {
            return null;
        }

        if (Exact(arg) is { } exact)
        {
            kind = ArgKind.Option;
            return new Match(exact, arg, null);
        }

        if (arg.Length == 1)
        {
            return null;
        }

        int eq = arg.IndexOf('=');
        if (eq >= 0 && Exact(arg[..eq]) is { } withValue)
        {
            kind = ArgKind.Option;
            return new Match(withValue, arg[..eq], arg[(eq + 1)..]);
        }

        var candidates = Candidates(arg);
        if (candidates.Count > 1)
        {
            throw Error("ambiguous option: " + arg + " could match " + string.Join(", ", candidates.Select(c => c.Flag)));
        }

        if (candidates.Count == 1)
        {
            kind = ArgKind.Option;
            return candidates[0];
        }

        if (NegativeNumber().IsMatch(arg) || arg.Contains(' '))
        {
            return null;
        }

        kind = ArgKind.UnknownOption;
        return null;
    }

    /// <summary>argparse <c>_get_option_tuples</c>: prefix matches of a long option, or a short option with its value attached.</summary>
    private List<Match> Candidates(string arg)
    {
        var result = new List<Match>();
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            int eq = arg.IndexOf('=');
            string prefix = eq >= 0 ? arg[..eq] : arg;
            string? explicitArg = eq >= 0 ? arg[(eq + 1)..] : null;
            foreach (var (f, s) in _flags)
            {
                if (f.StartsWith(prefix, StringComparison.Ordinal))
                {
                    result.Add(new Match(s, f, explicitArg));
                }
            }
        }
        else
        {
            string shortPrefix = arg[..2];
            string shortExplicit = arg[2..];
            foreach (var (f, s) in _flags)
            {
                if (f == shortPrefix)
                {
                    result.Add(new Match(s, f, shortExplicit));
                }
                else if (f.StartsWith(arg, StringComparison.Ordinal))
                {
                    result.Add(new Match(s, f, null));
                }
            }
        }

        return result;
    }

    /// <summary>Python <c>int(text)</c>: surrounding whitespace, a sign and single underscores between digits allowed.</summary>
    public static long? PythonInt(string text)
    {
        string t = text.Trim();
        if (!PythonIntPattern().IsMatch(t))
        {
            return null;
        }

        return long.TryParse(t.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null;
    }

    /// <summary>Python <c>float(text)</c>, including inf, infinity and nan in any case.</summary>
    public static double? PythonFloat(string text)
    {
        string t = text.Trim();
        string lower = t.ToLowerInvariant();
        string unsigned = lower.TrimStart('+', '-');
        if (unsigned.Length + 1 >= lower.Length && (unsigned is "inf" or "infinity" or "nan"))
        {
            bool negative = lower.StartsWith('-');
            if (unsigned == "nan")
            {
                return double.NaN;
            }

            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (!PythonFloatPattern().IsMatch(t))
        {
            return null;
        }

        return double.Parse(t.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^-\d+$|^-\d*\.\d+$")]
    private static partial Regex NegativeNumber();

    [GeneratedRegex(@"^[+-]?\d(_?\d)*$")]
    private static partial Regex PythonIntPattern();

    [GeneratedRegex(@"^[+-]?((\d(_?\d)*)?\.\d(_?\d)*|\d(_?\d)*\.?)([eE][+-]?\d(_?\d)*)?$")]
    private static partial Regex PythonFloatPattern();

    private enum ArgKind
    {
        Positional,
        Option,
        UnknownOption,
        DoubleDash,
    }

    private readonly record struct Match(OptionSpec Spec, string Flag, string? ExplicitArg);
}
