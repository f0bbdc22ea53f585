using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>How the fake management server behaves.</summary>
internal sealed record FakeServerOptions
{
    public string ContainerId { get; init; } = "Router.A";

    /// <summary>The address given to the client's dynamic receiver (the reply-to of its requests).</summary>
    public string DynamicAddress { get; init; } = "amqp:/_topo/0/Router.A/temp.duM+a5AJR_fsYdG";

    public uint? IdleTimeOut { get; init; } = 8000;

    public uint MaxFrameSize { get; init; } = 16384;

    public uint SenderCredit { get; init; } = 250;

    /// <summary>Mechanisms offered when the client starts with a SASL header.</summary>
    public string[] SaslMechanisms { get; init; } = ["ANONYMOUS", "PLAIN"];

    public bool SaslSucceeds { get; init; } = true;

    /// <summary>Target echoed in the reply to the client's sender attach (null: the client's own).</summary>
    public string? TargetOverride { get; init; }

    /// <summary>Detach the client's sender with this error right after attaching it.</summary>
    public AmqpError? DetachSenderWith { get; init; }

    /// <summary>Close the connection with this error when a request arrives.</summary>
    public AmqpError? CloseOnRequestWith { get; init; }

    /// <summary>Heartbeats (empty frames) the client must send before a reply goes out.</summary>
    public int HeartbeatsBeforeReply { get; init; }

    /// <summary>Drop the TCP connection (no close frame) when a request arrives.</summary>
    public bool DropOnRequest { get; init; }

    /// <summary>Serve TLS with this certificate.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TlsCertificate { get; init; }

    /// <summary>With TLS, ask for a client certificate (any is accepted; its subject is recorded).</summary>
    public bool RequestClientCertificate { get; init; }

    /// <summary>Answer the client's close (false: leave it waiting).</summary>
    public bool AnswerClose { get; init; } = true;
}
