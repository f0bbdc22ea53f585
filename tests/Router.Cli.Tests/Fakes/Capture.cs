using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Skrouterd.Amqp.Framing;

namespace Skrouterd.Cli.Tests.Fakes;

/// <summary>
/// The transfer frames of capture 04-management (the real skstat/skmanage against the C router), extracted from
/// ../captures/04-management.frames.txt into Captures/04-management.transfers.txt, decoded with our framing.
/// </summary>
internal static partial class Capture
{
    private static readonly Lazy<List<CapturedTransfer>> _transfers = new(Load);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Captures");

    public static IReadOnlyList<CapturedTransfer> Transfers => _transfers.Value;

    public static List<CapturedTransfer> Replies(int connection) =>
        Transfers.Where(t => t.Connection == connection && t.FromRouter).ToList();

    public static List<CapturedTransfer> Requests(int connection) =>
        Transfers.Where(t => t.Connection == connection && !t.FromRouter).ToList();

    /// <summary>The container-id of the tool run on a connection (the sender of its requests).</summary>
    public static string ClientContainerId(int connection) => Requests(connection)[0].Sender;

    /// <summary>The dynamic reply address the router gave the tool on a connection.</summary>
    public static string ReplyAddress(int connection) => Requests(connection)[0].Message.Properties!.ReplyTo!;

    public static string Golden(string name) => File.ReadAllText(Path.Combine(Directory, "04-management." + name + ".txt"));

    private static List<CapturedTransfer> Load()
    {
        var result = new List<CapturedTransfer>();
        int packet = 0, connection = 0;
        string sender = "";
        bool fromRouter = false;
        string hex = "";
        void Flush()
        {
            if (hex.Length == 0)
            {
                return;
            }

            byte[] frame = Convert.FromHexString(hex);
            var seq = new ReadOnlySequence<byte>(frame);
            if (!FrameReader.TryReadFrame(ref seq, uint.MaxValue, out _, out var body))
            {
                throw new InvalidDataException($"incomplete frame #{packet}");
            }

            var transfer = (Transfer)new PerformativeReader().ReadAmqp(body, out var payload);
            if (transfer.More)
            {
                throw new InvalidDataException($"multi-frame delivery at #{packet} not expected in this capture");
            }

            result.Add(new CapturedTransfer(packet, connection, sender, fromRouter, payload.ToArray(), frame));
            hex = "";
        }

        foreach (var line in File.ReadLines(Path.Combine(Directory, "04-management.transfers.txt")))
        {
            var m = HeaderLine().Match(line);
            if (m.Success)
            {
                Flush();
                packet = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                connection = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                sender = m.Groups[3].Value;
                fromRouter = sender.StartsWith("Router.A", StringComparison.Ordinal);
            }
            else if (line.TrimStart().StartsWith("hex: ", StringComparison.Ordinal))
            {
                hex += line.Trim()[5..];
            }
        }

        Flush();
        return result;
    }

    [GeneratedRegex(@"^#(\d+)\s+\S+\s+c(\d+)\s+(\S+)\s+->")]
    private static partial Regex HeaderLine();
}
