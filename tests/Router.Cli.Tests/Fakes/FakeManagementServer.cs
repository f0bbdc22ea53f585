using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>
/// A tiny AMQP management peer on 127.0.0.1 (port 0) built from the router's framing classes: accepts a bare AMQP
/// header or SASL, opens, echoes attaches (assigning the dynamic reply address), grants credit, settles each request
/// with the handler's outcome and sends its reply, pre-settled, on the client's receiver. Records what the client sent.
/// </summary>
internal sealed class FakeManagementServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<FakeRequest, FakeReply> _handler;
    private readonly FakeServerOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    public FakeManagementServer(Func<FakeRequest, FakeReply> handler, FakeServerOptions? options = null)
    {
        _handler = handler;
        _options = options ?? new FakeServerOptions();
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Bus => "127.0.0.1:" + Port;

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>Every frame the client sent, whole (header included), in order, with its performative name.</summary>
    public ConcurrentQueue<(string Performative, byte[] Frame)> ClientFrames { get; } = new();

    public ConcurrentQueue<byte[]> ProtocolHeaders { get; } = new();

    public ConcurrentQueue<SaslInit> SaslInits { get; } = new();

    public int Heartbeats => _heartbeats;

    private int _heartbeats;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _connections.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>The subject of the client certificate presented over TLS, if any.</summary>
    public string? ClientCertificateSubject { get; private set; }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        Stream stream = client.GetStream();
        try
        {
            if (_options.TlsCertificate is { } certificate)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
                await ssl.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificate = certificate,
                        ClientCertificateRequired = _options.RequestClientCertificate,
                    },
                    _stop.Token);
                ClientCertificateSubject = ssl.RemoteCertificate?.Subject;
                stream = ssl;
            }

            var reader = PipeReader.Create(stream);
            var conn = new FakeConnection(this, stream, reader, client);
            await conn.RunAsync(_stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        foreach (var c in _connections)
        {
            try
            {
                await c.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
            }
        }

        _stop.Dispose();
    }

    /// <summary>One accepted connection, served by a single loop.</summary>
    private sealed class FakeConnection
    {
        private readonly FakeManagementServer _server;
        private readonly Stream _stream;
        private readonly TcpClient _client;
        private readonly PipeReader _reader;
        private readonly PerformativeReader _performatives = new();
        private readonly Dictionary<uint, (uint OurHandle, string? Target)> _clientSenders = [];
        private readonly Dictionary<uint, MemoryStream> _assembling = [];
        private readonly Queue<(byte[] Payload, uint Handle)> _deferred = new();
        private uint _replyHandle;
        private uint _nextHandle;
        private uint _nextDeliveryId;
        private uint _nextTag;

        public FakeConnection(FakeManagementServer server, Stream stream, PipeReader reader, TcpClient client)
        {
            _server = server;
            _stream = stream;
            _reader = reader;
            _client = client;
        }

        private FakeServerOptions Options => _server._options;

        public async Task RunAsync(CancellationToken ct)
        {
            byte[]? header = await ReadHeaderAsync(ct);
            if (header is null)
            {
                return;
            }

            _server.ProtocolHeaders.Enqueue(header);
            if (ProtocolHeader.Classify(header) == ProtocolHeader.IdSasl)
            {
                var output = new ArrayBufferWriter<byte>();
                output.Write(ProtocolHeader.Sasl);
                FrameWriter.Write(output, FrameHeader.TypeSasl, 0, new SaslMechanisms
                {
                    Mechanisms = Options.SaslMechanisms.Select(m => new Amqp.Codec.AmqpSymbol(m)).ToArray(),
                });
                await SendAsync(output, ct);
                var frame = await ReadFrameAsync(ct);
                if (frame is null)
                {
                    return;
                }

                if (_performatives.ReadSasl(new ReadOnlySequence<byte>(frame.Value.Body)) is SaslInit init)
                {
                    _server.SaslInits.Enqueue(init);
                }

                output = new ArrayBufferWriter<byte>();
                FrameWriter.Write(output, FrameHeader.TypeSasl, 0, new SaslOutcome { Code = Options.SaslSucceeds ? SaslCode.Ok : SaslCode.Auth });
                await SendAsync(output, ct);
                if (!Options.SaslSucceeds)
                {
                    return;
                }

                header = await ReadHeaderAsync(ct);
                if (header is null)
                {
                    return;
                }

                _server.ProtocolHeaders.Enqueue(header);
            }

            var open = new ArrayBufferWriter<byte>();
            open.Write(ProtocolHeader.Amqp);
            FrameWriter.Write(open, 0, 0, new Open
            {
                ContainerId = Options.ContainerId,
                MaxFrameSize = Options.MaxFrameSize,
                ChannelMax = 32767,
                IdleTimeOut = Options.IdleTimeOut,
            });
            await SendAsync(open, ct);

            while (true)
            {
                var frame = await ReadFrameAsync(ct);
                if (frame is null)
                {
                    return;
                }

                if (frame.Value.Body.Length == 0)
                {
                    Interlocked.Increment(ref _server._heartbeats);
                    await FlushDeferredAsync(ct);
                    continue;
                }

                var perf = _performatives.ReadAmqp(new ReadOnlySequence<byte>(frame.Value.Body), out var payload);
                _server.ClientFrames.Enqueue((perf.GetType().Name, frame.Value.Raw));
                if (!await HandleAsync(perf, payload.ToArray(), ct))
                {
                    return;
                }
            }
        }

        private async Task<bool> HandleAsync(DescribedList perf, byte[] payload, CancellationToken ct)
        {
            var output = new ArrayBufferWriter<byte>();
            switch (perf)
            {
                case Begin:
                    Write(output, new Begin { RemoteChannel = 0, NextOutgoingId = 0, IncomingWindow = 2147483647, OutgoingWindow = 2147483647, HandleMax = 2147483647 });
                    break;
                case Attach attach when attach.Role == LinkRole.Sender:
                    {
                        uint ours = _nextHandle++;
                        string? target = attach.Target?.Address;
                        _clientSenders[attach.Handle] = (ours, target);
                        Write(output, new Attach
                        {
                            Name = attach.Name,
                            Handle = ours,
                            Role = LinkRole.Receiver,
                            SndSettleMode = SenderSettleMode.Mixed,
                            RcvSettleMode = ReceiverSettleMode.First,
                            Source = new Source { Durable = 0, ExpiryPolicy = "session-end", Timeout = 0, Dynamic = false },
                            Target = new Target { Address = Options.TargetOverride ?? target, Durable = 0, ExpiryPolicy = "session-end", Timeout = 0, Dynamic = false },
                            InitialDeliveryCount = 0,
                            MaxMessageSize = 0,
                        });
                        if (Options.DetachSenderWith is { } error)
                        {
                            Write(output, new Detach { Handle = ours, Closed = true, Error = error });
                        }
                        else
                        {
                            Write(output, new Flow
                            {
                                NextIncomingId = 0,
                                IncomingWindow = 2147483647,
                                NextOutgoingId = 0,
                                OutgoingWindow = 2147483647,
                                Handle = ours,
                                DeliveryCount = 0,
                                LinkCredit = Options.SenderCredit,
                            });
                        }

                        break;
                    }

                case Attach attach:
                    _replyHandle = _nextHandle++;
                    Write(output, new Attach
                    {
                        Name = attach.Name,
                        Handle = _replyHandle,
                        Role = LinkRole.Sender,
                        SndSettleMode = SenderSettleMode.Mixed,
                        RcvSettleMode = ReceiverSettleMode.First,
                        Source = new Source { Address = Options.DynamicAddress, Durable = 0, ExpiryPolicy = "session-end", Timeout = 0, Dynamic = true },
                        Target = new Target { Durable = 0, ExpiryPolicy = "session-end", Timeout = 0, Dynamic = false },
                        InitialDeliveryCount = 0,
                        MaxMessageSize = 0,
                    });
                    break;
                case Transfer transfer:
                    {
                        if (!_assembling.TryGetValue(transfer.Handle, out var buffer))
                        {
                            buffer = _assembling[transfer.Handle] = new MemoryStream();
                        }

                        uint deliveryId = transfer.DeliveryId ?? 0;
                        buffer.Write(payload);
                        if (transfer.More)
                        {
                            return true;
                        }

                        byte[] whole = buffer.ToArray();
                        _assembling.Remove(transfer.Handle);
                        var request = new FakeRequest(AmqpMessage.Decode(whole), whole, _clientSenders.GetValueOrDefault(transfer.Handle).Target);
                        _server.Requests.Enqueue(request);
                        if (Options.DropOnRequest)
                        {
                            _client.Client.Close();
                            return false;
                        }

                        if (Options.CloseOnRequestWith is { } closeError)
                        {
                            Write(output, new Close { Error = closeError });
                            await SendAsync(output, ct);
                            return true;
                        }

                        var reply = _server._handler(request);
                        Write(output, new Disposition { Role = LinkRole.Receiver, First = deliveryId, Settled = true, State = new DeliveryState(reply.Outcome) });
                        if (reply.Payload is { } replyPayload)
                        {
                            if (Options.HeartbeatsBeforeReply > _server.Heartbeats)
                            {
                                _deferred.Enqueue((replyPayload, _replyHandle));
                            }
                            else
                            {
                                WriteReply(output, replyPayload, _replyHandle);
                            }
                        }

                        break;
                    }

                case Detach detach:
                    Write(output, new Detach { Handle = detach.Handle, Closed = true });
                    break;
                case Close:
                    if (Options.AnswerClose)
                    {
                        Write(output, new Close());
                        await SendAsync(output, ct);
                        return false;
                    }

                    return true;
            }

            await SendAsync(output, ct);
            return true;
        }

        private async Task FlushDeferredAsync(CancellationToken ct)
        {
            if (_deferred.Count == 0 || Options.HeartbeatsBeforeReply > _server.Heartbeats)
            {
                return;
            }

            var output = new ArrayBufferWriter<byte>();
            while (_deferred.TryDequeue(out var d))
            {
                WriteReply(output, d.Payload, d.Handle);
            }

            await SendAsync(output, ct);
        }

        /// <summary>A pre-settled reply, split into frames of the server's max-frame-size.</summary>
        private void WriteReply(ArrayBufferWriter<byte> output, byte[] payload, uint handle)
        {
            var transfer = new Transfer
            {
                Handle = handle,
                DeliveryId = _nextDeliveryId++,
                DeliveryTag = DeliveryTag.FromUInt64(_nextTag++),
                MessageFormat = 0,
                Settled = true,
                More = true,
            };
            int room = (int)Options.MaxFrameSize - FrameHeader.Length - FrameWriter.Measure(transfer);
            int offset = 0;
            do
            {
                int n = Math.Min(room, payload.Length - offset);
                transfer.More = offset + n < payload.Length;
                FrameWriter.Write(output, 0, 0, transfer, payload.AsSpan(offset, n));
                offset += n;
            }
            while (offset < payload.Length);
        }

        private static void Write(ArrayBufferWriter<byte> output, DescribedList perf) => FrameWriter.Write(output, 0, 0, perf);

        private async Task SendAsync(ArrayBufferWriter<byte> output, CancellationToken ct)
        {
            if (output.WrittenCount > 0)
            {
                await _stream.WriteAsync(output.WrittenMemory, ct);
            }
        }

        private async Task<byte[]?> ReadHeaderAsync(CancellationToken ct)
        {
            while (true)
            {
                var result = await _reader.ReadAsync(ct);
                var buffer = result.Buffer;
                if (buffer.Length >= 8)
                {
                    byte[] header = buffer.Slice(0, 8).ToArray();
                    _reader.AdvanceTo(buffer.GetPosition(8));
                    return header;
                }

                if (result.IsCompleted)
                {
                    return null;
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }

        private async Task<(byte[] Body, byte[] Raw)?> ReadFrameAsync(CancellationToken ct)
        {
            while (true)
            {
                var result = await _reader.ReadAsync(ct);
                var buffer = result.Buffer;
                var start = buffer;
                if (FrameReader.TryReadFrame(ref buffer, 1024 * 1024, out var header, out var body))
                {
                    var raw = start.Slice(0, header.Size).ToArray();
                    var bodyBytes = body.ToArray();
                    _reader.AdvanceTo(buffer.Start);
                    return (bodyBytes, raw);
                }

                if (result.IsCompleted)
                {
                    return null;
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }
}
