namespace Skrouterd.Config;

/// <summary>Random router ids for a configuration without <c>router.id</c>: mode prefix + 15 characters of [a-zA-Z0-9+_].</summary>
internal static class RouterIdGenerator
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_";

    public static string Generate(string mode, Random random)
    {
        string prefix = mode switch
        {
            "interior" => "Interior_",
            "edge" => "Edge_",
            _ => "Standalone_",
        };

        Span<char> tail = stackalloc char[15];
        for (int i = 0; i < tail.Length; i++)
        {
            tail[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return prefix + new string(tail);
    }
}
