using System.Text.Json;
using Skrouterd.Bench;

namespace Skrouterd.LoadClient;

/// <summary>What one run measured, written as one JSON object.</summary>
internal sealed record LoadResult(
    LoadOptions Options,
    AmqpPeer Sender,
    AmqpPeer Receiver,
    long Measured,
    long Finished,
    double Seconds,
    double CpuSeconds,
    long PeakRssKiB,
    RouterUsage? Router,
    string? Error)
{
    public void WriteJson(Stream output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("mode", Options.Direct ? "direct" : "router");
        w.WriteString("settlement", Options.Presettled ? "presettled" : "unsettled");
        w.WriteString("address", Options.Address);
        w.WriteNumber("bodyBytes", Options.BodySize);
        w.WriteNumber("messageBytes", Sender.Template!.MessageLength);
        w.WriteNumber("credit", Options.Credit);
        if (!Options.Presettled)
        {
            w.WriteNumber("window", Options.Window);
        }

        w.WriteNumber("warmupMessages", Options.Warmup);
        w.WriteNumber("messages", Finished);
        w.WriteNumber("seconds", Math.Round(Seconds, 4));
        w.WriteNumber("messagesPerSecond", Math.Round(Finished / Math.Max(Seconds, 1e-9), 0));
        WriteLatency(w, "latencyUs", Receiver.DeliveryLatency);
        if (!Options.Presettled)
        {
            WriteLatency(w, "settleLatencyUs", Sender.SettleLatency);
            w.WriteStartObject("outcomes");
            w.WriteNumber("accepted", Sender.Accepted);
            w.WriteNumber("released", Sender.Released);
            w.WriteNumber("rejected", Sender.Rejected);
            w.WriteNumber("modified", Sender.Modified);
            w.WriteEndObject();
        }

        w.WriteStartObject("client");
        w.WriteNumber("cpuSeconds", Math.Round(CpuSeconds, 3));
        w.WriteNumber("cpuSecondsPerMillionMessages", Math.Round(CpuSeconds / Math.Max(Finished, 1) * 1e6, 2));
        w.WriteNumber("peakRssKiB", PeakRssKiB);
        w.WriteEndObject();
        if (Router is { } router)
        {
            w.WriteStartObject("router");
            w.WriteNumber("cpuSeconds", Math.Round(router.CpuSeconds, 3));
            w.WriteNumber("cpuSecondsPerMillionMessages", Math.Round(router.CpuSeconds / Math.Max(Finished, 1) * 1e6, 2));
            w.WriteNumber("peakRssKiB", router.PeakRssKiB);
            w.WriteEndObject();
        }

        if (Error is null)
        {
            w.WriteNull("error");
        }
        else
        {
            w.WriteString("error", Error);
        }

        w.WriteEndObject();
    }

    private static void WriteLatency(Utf8JsonWriter w, string name, LatencyHistogram h)
    {
        w.WriteStartObject(name);
        w.WriteNumber("count", h.Count);
        w.WriteNumber("mean", Math.Round(h.MeanMicroseconds, 1));
        w.WriteNumber("p50", Math.Round(h.PercentileMicroseconds(50), 1));
        w.WriteNumber("p90", Math.Round(h.PercentileMicroseconds(90), 1));
        w.WriteNumber("p99", Math.Round(h.PercentileMicroseconds(99), 1));
        w.WriteNumber("p99.9", Math.Round(h.PercentileMicroseconds(99.9), 1));
        w.WriteNumber("max", Math.Round(h.MaxMicroseconds, 1));
        w.WriteEndObject();
    }
}
