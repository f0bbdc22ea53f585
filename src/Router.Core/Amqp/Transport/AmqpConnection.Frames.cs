using System.Buffers;
using Microsoft.Extensions.Logging;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Buffers;
using Skrouterd.Routing;

namespace Skrouterd.Amqp.Transport;

/// <summary>Frame dispatch and the connection and session performatives (transport.xml 2.7.1, 2.7.2, 2.7.8, 2.7.9).</summary>
internal sealed partial class AmqpConnection
{
    /// <summary>The connection capabilities the C router offers and desires (inter-router-protocol.md §1.2).</summary>
    private static readonly AmqpSymbol[] s_capabilities = ["ANONYMOUS-RELAY", "qd.streaming-links", "qd.connection_trunking"];

    private int _sessionFlowRequested;

    private void HandleFrameLocked(FrameHeader header, in ReadOnlySequence<byte> body)
    {
        if (header.Type != FrameHeader.TypeAmqp)
        {
            throw new AmqpProtocolException(AmqpErrors.FramingError, $"unexpected frame type {header.Type} after the AMQP header");
        }

        if (body.IsEmpty)
        {
            return; // heartbeat
        }

        var performative = _frames.ReadAmqp(body, out var payload);
        if (_protocolLog.IsEnabled(LogLevel.Debug))
        {
            Log.FrameReceived(_protocolLog, Identity, header.Channel, performative.GetType().Name);
        }

        if (!_openReceived && performative is not Open)
        {
            throw AmqpProtocolException.IllegalState($"expected open, received {performative.GetType().Name.ToLowerInvariant()}");
        }

        if (_closeReceived)
        {
            return;
        }

        switch (performative)
        {
            case Transfer t:
                HandleTransferLocked(SessionFor(header.Channel), t, payload);
                break;
            case Flow f:
                HandleFlowLocked(SessionFor(header.Channel), f);
                break;
            case Disposition d:
                HandleDispositionLocked(SessionFor(header.Channel), d);
                break;
            case Attach a:
                HandleAttachLocked(SessionFor(header.Channel), a);
                break;
            case Detach d:
                HandleDetachLocked(SessionFor(header.Channel), d);
                break;
            case Begin b:
                HandleBeginLocked(header.Channel, b);
                break;
            case End e:
                HandleEndLocked(SessionFor(header.Channel), e);
                break;
            case Open o:
                HandleOpenLocked(o);
                break;
            case Close c:
                HandleCloseLocked(c);
                break;
        }
    }

    private AmqpSession SessionFor(ushort channel)
    {
        if (_sessionsByRemote.TryGetValue(channel, out var session) && !session.EndReceived)
        {
            return session;
        }

        throw new AmqpProtocolException(AmqpErrors.IllegalState, $"frame on channel {channel}, which has no session");
    }

    // ---- open / close -------------------------------------------------------------------------------------------

    private void HandleOpenLocked(Open open)
    {
        if (_openReceived)
        {
            throw AmqpProtocolException.IllegalState("second open on the connection");
        }

        _openReceived = true;
        Container = open.ContainerId;
        PeerProperties = open.Properties;
        _remoteMaxFrameSize = Math.Max(512, open.EffectiveMaxFrameSize);
        _remoteChannelMax = open.EffectiveChannelMax;
        _remoteIdleTimeoutMs = open.IdleTimeOut ?? 0;
        if (!_openSent)
        {
            SendOpenLocked();
        }

        IsOpened = true;
        Opened?.Invoke(this);
        if (_log.IsEnabled(LogLevel.Information))
        {
            Log.ConnectionOpenedFull(_log, Identity, IsIncoming ? "in" : "out", Host, IsEncrypted ? SslProtocol ?? "yes" : "no",
                SaslMechanism ?? "no", User ?? "(null)", Container ?? "", FormatProperties(open.Properties));
        }
    }

    private void SendOpenLocked()
    {
        var properties = new AmqpMap
        {
            { new AmqpSymbol("product"), "skupper-router" },
            { new AmqpSymbol("version"), RouterInfo.Version },
            { new AmqpSymbol("qd.conn-id"), (int)Identity },
        };
        if (_settings.Cost > 1 && Role is ConnectionRole.InterRouter or ConnectionRole.Edge)
        {
            properties.Add(new AmqpSymbol("qd.inter-router-cost"), _settings.Cost);
        }

        if (Role is ConnectionRole.InterRouter or ConnectionRole.Edge or ConnectionRole.InterEdge)
        {
            properties.Add(new AmqpSymbol("qd.annotations-version"), 2);
        }

        if (_settings.OpenProperties is not null)
        {
            foreach (var p in _settings.OpenProperties)
            {
                properties.Add(p.Key, p.Value);
            }
        }

        var open = new Open
        {
            ContainerId = Core.Id,
            Hostname = _isClient ? _settings.Hostname : null,
            MaxFrameSize = _settings.MaxFrameSize,
            ChannelMax = _settings.ChannelMax,
            IdleTimeOut = _settings.IdleTimeoutMs > 0 ? _settings.IdleTimeoutMs / 2 : null,
            OfferedCapabilities = s_capabilities,
            DesiredCapabilities = s_capabilities,
            Properties = properties,
        };
        WriteFrameLocked(0, open);
        _openSent = true;
    }

    private void HandleCloseLocked(Close close)
    {
        _closeReceived = true;
        IsClosing = true;
        CloseError ??= close.Error;
        if (!_closeSent)
        {
            WriteFrameLocked(0, new Close());
            _closeSent = true;
        }

        TerminateLocked();
    }

    private static string FormatProperties(AmqpMap? properties)
    {
        if (properties is null)
        {
            return "{}";
        }

        var parts = properties.Select(p =>
        {
            string key = p.Key is AmqpSymbol s ? (s.Value.All(c => char.IsLetterOrDigit(c) || c == '_') ? ":" + s.Value : $":\"{s.Value}\"") : $"\"{p.Key}\"";
            string value = p.Value switch
            {
                string str => $"\"{str}\"",
                AmqpSymbol sym => ":" + sym.Value,
                null => "null",
                _ => p.Value.ToString() ?? "",
            };
            return key + "=" + value;
        });
        return "{" + string.Join(", ", parts) + "}";
    }

    // ---- sessions -----------------------------------------------------------------------------------------------

    private void HandleBeginLocked(ushort channel, Begin begin)
    {
        if (channel > _settings.ChannelMax)
        {
            throw new AmqpProtocolException(AmqpErrors.FramingError, $"channel {channel} exceeds channel-max {_settings.ChannelMax}");
        }

        if (_sessionsByRemote.ContainsKey(channel))
        {
            throw AmqpProtocolException.IllegalState($"begin on channel {channel}, which already has a session");
        }

        AmqpSession session;
        if (begin.RemoteChannel is ushort local && _sessionsByLocal.TryGetValue(local, out var mine) && !mine.BeginReceived)
        {
            session = mine; // the peer answers a begin we sent
        }
        else
        {
            ushort localChannel = 0;
            while (_sessionsByLocal.ContainsKey(localChannel))
            {
                localChannel++;
            }

            if (localChannel > _remoteChannelMax)
            {
                throw new AmqpProtocolException(AmqpErrors.ResourceLimitExceeded, "no free channel for another session");
            }

            session = NewSession(localChannel);
            _sessionsByLocal[localChannel] = session;
        }

        session.RemoteChannel = channel;
        session.BeginReceived = true;
        session.NextIncomingId = begin.NextOutgoingId;
        session.RemoteIncomingWindow = begin.IncomingWindow;
        session.RemoteOutgoingWindow = begin.OutgoingWindow;
        session.RemoteHandleMax = begin.HandleMax ?? uint.MaxValue;
        _sessionsByRemote[channel] = session;
        if (!session.BeginSent)
        {
            WriteFrameLocked(session.LocalChannel, new Begin
            {
                RemoteChannel = channel,
                NextOutgoingId = session.NextOutgoingId,
                IncomingWindow = session.IncomingWindow,
                OutgoingWindow = int.MaxValue,
                HandleMax = int.MaxValue,
            });
            session.BeginSent = true;
        }
    }

    private AmqpSession NewSession(ushort localChannel)
    {
        AmqpSession? created = null;
        var budget = new BufferBudget(_settings.SessionBufferBytes, () =>
        {
            // Runs on whichever thread freed the bytes, possibly under its own connection's lock: never lock here.
            if (created is not null)
            {
                created.FlowPending = true;
                Volatile.Write(ref _sessionFlowRequested, 1);
                _writeSignal.Set();
            }
        });
        created = new AmqpSession(localChannel, _settings.IncomingWindowFrames, budget);
        return created;
    }

    private void HandleEndLocked(AmqpSession session, End end)
    {
        session.EndReceived = true;
        EndSessionLocked(session, sendEnd: !session.EndSent);
    }

    /// <summary>Detaches every link of the session (releasing its deliveries) and forgets it.</summary>
    private void EndSessionLocked(AmqpSession session, bool sendEnd, AmqpError? error = null)
    {
        foreach (var link in session.LinksByLocalHandle.Values.ToList())
        {
            CleanupLinkLocked(link, "session ended");
        }

        session.LinksByLocalHandle.Clear();
        session.LinksByRemoteHandle.Clear();
        session.LinksByName.Clear();
        foreach (var d in session.IncomingUnsettled.Values)
        {
            d.UnlinkPeers();
            d.Release();
        }

        session.IncomingUnsettled.Clear();
        foreach (var d in session.OutgoingUnsettled.Values)
        {
            d.Release();
        }

        session.OutgoingUnsettled.Clear();
        foreach (var d in session.PendingDispositions)
        {
            d.Release();
        }

        session.PendingDispositions.Clear();
        if (sendEnd && !_terminated)
        {
            WriteFrameLocked(session.LocalChannel, new End { Error = error });
            session.EndSent = true;
        }

        _sessionsByLocal.Remove(session.LocalChannel);
        if (session.BeginReceived)
        {
            _sessionsByRemote.Remove(session.RemoteChannel);
        }
    }
}
