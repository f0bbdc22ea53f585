namespace Skrouterd.Server;

/// <summary>Resolves `port` attributes: a number or a service name.</summary>
internal static class PortNames
{
    public static int Resolve(string port)
    {
        if (int.TryParse(port, out int n) && n is >= 0 and <= 65535)
        {
            return n;
        }

        return port switch
        {
            "amqp" => 5672,
            "amqps" => 5671,
            "http" => 80,
            "https" => 443,
            _ => throw new ArgumentException($"unknown port '{port}'"),
        };
    }
}
