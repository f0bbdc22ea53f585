namespace Skrouterd.Cli.Client;

/// <summary>
/// How the tool connects: the bus URL (already forced to amqps when TLS options are given), the timeout in seconds
/// for the connection and for each wait (proton's <c>timeout or 60</c>: 0 means 60, NaN never expires), TLS and SASL
/// settings (SASL only when TLS or a SASL option is given), and the container-id to announce.
/// </summary>
internal sealed record ConnectionSettings(
    BusUrl Url,
    double TimeoutSeconds,
    TlsSettings? Tls,
    SaslSettings? Sasl,
    string ContainerId)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public TimeSpan Timeout
    {
        get
        {
            double s = TimeoutSeconds == 0 ? 60 : TimeoutSeconds;
            if (double.IsNaN(s) || s > 10_000_000)
            {
                return System.Threading.Timeout.InfiniteTimeSpan;
            }

            return s <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(s);
        }
    }
}
