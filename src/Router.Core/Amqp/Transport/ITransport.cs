using System.IO.Pipelines;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// A byte stream under an AMQP connection: a socket, a TLS stream over one, or an in-memory pipe.
/// Input is read through a <see cref="PipeReader"/>; output is sent as gather batches.
/// </summary>
internal interface ITransport
{
    PipeReader Input { get; }

    /// <summary>Peer address as management shows it (`ip:port`).</summary>
    string RemoteAddress { get; }

    string LocalAddress { get; }

    /// <summary>TLS details once the handshake is done; null for plain transports.</summary>
    TlsInfo? Tls { get; }

    /// <summary>Sends every byte of the batch (gathered from its segments).</summary>
    ValueTask SendAsync(OutputBatch batch, CancellationToken cancellationToken);

    /// <summary>Sends raw bytes (protocol headers and SASL frames during connection set-up).</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>Closes at once; pending reads complete.</summary>
    void Abort();

    /// <summary>Signals end of output (TCP FIN) after what was sent, then closes.</summary>
    ValueTask CloseAsync();
}
