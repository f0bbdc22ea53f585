using System.Buffers;
using System.Text;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Client;

internal sealed partial class BlockingConnection
{
    private SaslMechanisms? _saslMechanisms;
    private SaslOutcome? _saslOutcome;

    /// <summary>
    /// Client SASL (security.xml 5.3) like proton's built-in mechanisms: from what the server offers (filtered by
    /// <c>--sasl-mechanisms</c>) pick EXTERNAL when TLS carries a client certificate, else PLAIN when a user and
    /// password are known, else ANONYMOUS.
    /// </summary>
    private async Task SaslAsync(Deadline deadline)
    {
        _output.Write(ProtocolHeader.Sasl);
        _expectSaslHeader = true;
        await WaitAsync(() => _saslMechanisms is not null, "Opening connection", deadline).ConfigureAwait(false);

        var sasl = _settings.Sasl ?? new SaslSettings(null, null, null);
        string? mechanism = ChooseMechanism(_saslMechanisms!.Mechanisms, sasl);
        if (mechanism is null)
        {
            throw Disconnected(ProtonCondition.Repr("amqp:unauthorized-access", "Authentication failed [mech=none]"));
        }

        byte[] response = mechanism switch
        {
            "PLAIN" => Encoding.UTF8.GetBytes("\0" + sasl.User + "\0" + sasl.Password),
            "ANONYMOUS" => Encoding.UTF8.GetBytes(sasl.User ?? "anonymous"),
            _ => [],
        };
        WriteSasl(new SaslInit { Mechanism = mechanism, InitialResponse = response, Hostname = _settings.Url.Host });
        await WaitAsync(() => _saslOutcome is not null, "Opening connection", deadline).ConfigureAwait(false);
        if (_saslOutcome!.Code != SaslCode.Ok)
        {
            throw Disconnected(ProtonCondition.Repr("amqp:unauthorized-access", $"Authentication failed [mech={mechanism}]"));
        }
    }

    private string? ChooseMechanism(AmqpSymbol[] offered, SaslSettings sasl)
    {
        var allowed = sasl.Mechanisms?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool Offered(string m) =>
            offered.Any(o => o.Value == m) && (allowed is null || allowed.Contains(m, StringComparer.OrdinalIgnoreCase));

        if (Offered("EXTERNAL") && _settings.Tls?.Certificate is not null)
        {
            return "EXTERNAL";
        }

        if (Offered("PLAIN") && sasl.User is not null && sasl.Password is not null)
        {
            return "PLAIN";
        }

        return Offered("ANONYMOUS") ? "ANONYMOUS" : null;
    }

    private void ProcessSasl(byte[] body)
    {
        DescribedList frame;
        try
        {
            frame = _performatives.ReadSasl(new ReadOnlySequence<byte>(body));
        }
        catch (AmqpDecodeException e)
        {
            _disconnected = ProtonCondition.Repr(e.Condition, e.Message);
            return;
        }

        switch (frame)
        {
            case SaslMechanisms m:
                _saslMechanisms = m;
                break;
            case SaslOutcome o:
                _saslOutcome = o;
                break;
            case SaslChallenge:
                WriteSasl(new SaslResponse { Response = [] });
                break;
        }
    }
}
