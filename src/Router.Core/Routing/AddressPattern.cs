namespace Skrouterd.Routing;

/// <summary>
/// An `address` entity's prefix or pattern (management-and-deployment.md §1.9; the C router's address parse tree):
/// tokens separated by '.' or '/', `*` matching one token and `#` zero or more. A prefix `p` is the pattern `p/#`.
/// Leading and trailing separators are ignored.
/// </summary>
internal sealed class AddressPattern
{
    private readonly string[] _tokens;

    public AddressPattern(string text, bool isPrefix)
    {
        var trimmed = text.Trim('.', '/');
        if (trimmed.Length == 0)
        {
            throw new ArgumentException(isPrefix ? "Prefix invalid - no tokens" : "Pattern invalid - no tokens");
        }

        var tokens = trimmed.Split(['.', '/']).ToList();
        if (isPrefix)
        {
            tokens.Add("#");
        }

        _tokens = tokens.ToArray();
        Text = text;
        IsPrefix = isPrefix;
    }

    public string Text { get; }

    public bool IsPrefix { get; }

    /// <summary>Number of literal tokens: more literal tokens = more specific match.</summary>
    public int Specificity => _tokens.Count(t => t is not ("*" or "#"));

    /// <summary>The canonical pattern (prefixes end in `/#`), used to detect duplicates.</summary>
    public string Canonical => string.Join('/', _tokens);

    public bool Matches(ReadOnlySpan<char> address)
    {
        address = address.Trim("./");
        Span<Range> ranges = stackalloc Range[64];
        int n = address.SplitAny(ranges, "./");
        if (n == ranges.Length)
        {
            return false;
        }

        return Match(0, address, ranges[..n], 0);
    }

    private bool Match(int p, ReadOnlySpan<char> address, ReadOnlySpan<Range> tokens, int t)
    {
        while (p < _tokens.Length)
        {
            string pt = _tokens[p];
            if (pt == "#")
            {
                for (int skip = t; skip <= tokens.Length; skip++)
                {
                    if (Match(p + 1, address, tokens, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= tokens.Length)
            {
                return false;
            }

            if (pt != "*" && !address[tokens[t]].SequenceEqual(pt))
            {
                return false;
            }

            p++;
            t++;
        }

        return t == tokens.Length;
    }
}
