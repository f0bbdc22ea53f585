namespace Skrouterd.Daemon;

/// <summary>
/// skrouterd's options, parsed as getopt_long parses the C router's (`c:I:dP:U:h:vT` and the long forms). Note the
/// C router's quirk kept here: the short option string declares `h:` so a bare `-h` is a usage error (exit 1)
/// while `--help` prints usage and exits 0.
/// </summary>
internal sealed record CommandLine
{
    public string? ConfigPath { get; init; }

    public string? Include { get; init; }

    public bool Daemon { get; init; }

    public string? PidFile { get; init; }

    public string? User { get; init; }

    public bool TestHooks { get; init; }

    /// <summary>Print usage and exit with this code (null = run).</summary>
    public int? UsageExit { get; init; }

    public bool Version { get; init; }

    /// <summary>Text for stderr before usage (getopt's complaint, or "Unexpected arguments: ...").</summary>
    public string? Error { get; init; }

    public static CommandLine Parse(IReadOnlyList<string> args, string argv0)
    {
        var result = new CommandLine();
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                string name = a[2..];
                string? value = null;
                int eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }

                var matches = LongOptions.Where(o => o.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
                var exact = matches.FirstOrDefault(o => o.Name == name);
                var option = exact ?? (matches.Count == 1 ? matches[0] : null);
                if (option is null)
                {
                    return result with
                    {
                        UsageExit = 1,
                        Error = matches.Count > 1 ? $"{argv0}: option '--{name}' is ambiguous" : $"{argv0}: unrecognized option '--{name}'",
                    };
                }

                if (option.TakesArgument && value is null)
                {
                    if (i + 1 >= args.Count)
                    {
                        return result with { UsageExit = 1, Error = $"{argv0}: option '--{option.Name}' requires an argument" };
                    }

                    value = args[++i];
                }
                else if (!option.TakesArgument && value is not null)
                {
                    return result with { UsageExit = 1, Error = $"{argv0}: option '--{option.Name}' doesn't allow an argument" };
                }

                result = Apply(result, option.Short, value);
                if (result.UsageExit is not null || result.Version)
                {
                    return result;
                }

                continue;
            }

            if (a.StartsWith('-') && a.Length > 1)
            {
                for (int j = 1; j < a.Length; j++)
                {
                    char c = a[j];
                    if (!ShortOptions.TryGetValue(c, out bool takesArgument))
                    {
                        return result with { UsageExit = 1, Error = $"{argv0}: invalid option -- '{c}'" };
                    }

                    string? value = null;
                    if (takesArgument)
                    {
                        if (j + 1 < a.Length)
                        {
                            value = a[(j + 1)..];
                        }
                        else if (i + 1 < args.Count)
                        {
                            value = args[++i];
                        }
                        else
                        {
                            return result with { UsageExit = 1, Error = $"{argv0}: option requires an argument -- '{c}'" };
                        }
                    }

                    result = Apply(result, c, value);
                    if (result.UsageExit is not null || result.Version)
                    {
                        return result;
                    }

                    if (takesArgument)
                    {
                        break;
                    }
                }

                continue;
            }

            positional.Add(a);
        }

        if (positional.Count > 0)
        {
            return result with { UsageExit = 1, Error = "Unexpected arguments: " + string.Join(' ', positional) + "\n" };
        }

        return result;
    }

    private static CommandLine Apply(CommandLine r, char option, string? value) => option switch
    {
        'c' => r with { ConfigPath = value },
        'I' => r with { Include = value },
        'd' => r with { Daemon = true },
        'P' => r with { PidFile = value },
        'U' => r with { User = value },
        'T' => r with { TestHooks = true },
        'v' => r with { Version = true },
        'h' => r with { UsageExit = 0 },
        _ => r,
    };

    private static readonly Dictionary<char, bool> ShortOptions = new()
    {
        ['c'] = true,
        ['I'] = true,
        ['d'] = false,
        ['P'] = true,
        ['U'] = true,
        ['h'] = true,
        ['v'] = false,
        ['T'] = false,
    };

    private sealed record LongOption(string Name, bool TakesArgument, char Short);

    private static readonly LongOption[] LongOptions =
    [
        new("config", true, 'c'), new("include", true, 'I'), new("daemon", false, 'd'), new("pidfile", true, 'P'),
        new("user", true, 'U'), new("help", false, 'h'), new("version", false, 'v'), new("test-hooks", false, 'T'),
    ];

    public static string Usage(string argv0, string defaultConfigPath) =>
        $"""
        Usage: {argv0} [OPTIONS]

          -c, --config=PATH ({defaultConfigPath})
                                     Load configuration from file at PATH
          -I, --include=PATH (/usr/lib/skupper-router/python)
                                     Location of Dispatch's Python library
          -d, --daemon               Run process as a SysV-style daemon
          -P, --pidfile              If daemon, the file for the stored daemon pid
          -U, --user                 If daemon, the username to run as
          -T, --test-hooks           Enable internal system testing features
          -v, --version              Print the version of Qpid Dispatch Router
          -h, --help                 Print this help

        """;
}
