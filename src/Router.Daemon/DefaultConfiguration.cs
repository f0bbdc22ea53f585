namespace Skrouterd.Daemon;

/// <summary>
/// The configuration used when no `-c` is given and the default file does not exist: a standalone router with an
/// AMQP listener on 127.0.0.1:5672 that accepts clients without authentication, and the packaged default addresses.
/// </summary>
internal static class DefaultConfiguration
{
    public const string Name = "<built-in default configuration>.json";

    public const string Json = """
        [
            ["router", {"mode": "standalone", "id": "Standalone_skrouterd"}],
            ["listener", {"name": "amqp", "host": "127.0.0.1", "port": "5672", "authenticatePeer": false, "saslMechanisms": "ANONYMOUS"}],
            ["address", {"prefix": "closest", "distribution": "closest"}],
            ["address", {"prefix": "multicast", "distribution": "multicast"}],
            ["address", {"prefix": "unicast", "distribution": "closest"}],
            ["address", {"prefix": "exclusive", "distribution": "closest"}],
            ["address", {"prefix": "broadcast", "distribution": "multicast"}]
        ]
        """;
}
