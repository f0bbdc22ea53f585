namespace Skrouterd.Routing;

/// <summary>
/// Turns an address string into the router's hash key (inter-router-protocol.md §4.1): strip scheme and host, drop one
/// trailing '/' or '.', then prefix the class letter: M mobile, L local, T topological-all, R another router,
/// A another area, H an edge router. Works on spans so the data path can key look-ups without allocating.
/// </summary>
internal static class AddressKey
{
    public const char Mobile = 'M';
    public const char Local = 'L';
    public const char Topological = 'T';
    public const char Router = 'R';
    public const char Area = 'A';
    public const char Edge = 'H';

    /// <summary>Longest address the span-based look-up handles without allocating.</summary>
    public const int MaxStackLength = 512;

    /// <summary>Strips `amqp://host:port/`, `amqp:/`, or a leading `/`, and one trailing `/` or `.`.</summary>
    public static ReadOnlySpan<char> StripHost(ReadOnlySpan<char> address)
    {
        if (address.StartsWith("amqp://") || address.StartsWith("amqps://"))
        {
            var rest = address[(address.IndexOf("//") + 2)..];
            int slash = rest.IndexOf('/');
            address = slash < 0 ? [] : rest[(slash + 1)..];
        }
        else if (address.StartsWith("amqp:/") || address.StartsWith("amqps:/"))
        {
            address = address[(address.IndexOf(":/") + 2)..];
        }
        else if (address.StartsWith("/"))
        {
            address = address[1..];
        }

        if (address.Length > 0 && (address[^1] == '/' || address[^1] == '.'))
        {
            address = address[..^1];
        }

        return address;
    }

    /// <summary>Writes the hash key of <paramref name="address"/> into <paramref name="destination"/>; returns its length or -1 if it does not fit.</summary>
    public static int Compute(ReadOnlySpan<char> address, string routerId, bool edgeMode, Span<char> destination)
    {
        var a = StripHost(address);
        char cls = Mobile;
        ReadOnlySpan<char> rest = a;
        if (a.StartsWith("_local/"))
        {
            cls = Local;
            rest = a["_local/".Length..];
        }
        else if (a.StartsWith("_topo/"))
        {
            var t = a["_topo/".Length..];
            int slash = t.IndexOf('/');
            var area = slash < 0 ? t : t[..slash];
            var afterArea = slash < 0 ? [] : t[(slash + 1)..];
            if (!area.SequenceEqual("0"))
            {
                if (edgeMode)
                {
                    return Write(Local, "_edge", destination);
                }

                return Write(Area, area, destination);
            }

            int slash2 = afterArea.IndexOf('/');
            var router = slash2 < 0 ? afterArea : afterArea[..slash2];
            var tail = slash2 < 0 ? [] : afterArea[(slash2 + 1)..];
            if (router.SequenceEqual("all"))
            {
                return Write(Topological, tail, destination);
            }

            if (router.SequenceEqual(routerId))
            {
                return Write(Local, tail, destination);
            }

            if (edgeMode)
            {
                return Write(Local, "_edge", destination);
            }

            return Write(Router, router, destination);
        }
        else if (a.StartsWith("_edge/"))
        {
            var t = a["_edge/".Length..];
            int slash = t.IndexOf('/');
            var router = slash < 0 ? t : t[..slash];
            var tail = slash < 0 ? [] : t[(slash + 1)..];
            if (router.SequenceEqual(routerId))
            {
                return Write(Local, tail, destination);
            }

            return edgeMode ? Write(Local, "_edge", destination) : Write(Edge, router, destination);
        }

        return Write(cls, rest, destination);
    }

    public static string Compute(string address, string routerId, bool edgeMode)
    {
        Span<char> buffer = address.Length + 1 <= MaxStackLength ? stackalloc char[MaxStackLength] : new char[address.Length + 1];
        int n = Compute(address, routerId, edgeMode, buffer);
        return new string(buffer[..n]);
    }

    private static int Write(char cls, ReadOnlySpan<char> text, Span<char> destination)
    {
        if (text.Length + 1 > destination.Length)
        {
            return -1;
        }

        destination[0] = cls;
        text.CopyTo(destination[1..]);
        return text.Length + 1;
    }
}
