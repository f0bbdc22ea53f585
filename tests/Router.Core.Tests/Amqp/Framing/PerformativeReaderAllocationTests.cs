using System.Buffers;
using Skrouterd.Amqp.Framing;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Framing;

/// <summary>The data path decodes transfer, flow and disposition frames without allocating (STYLE.md, Benchmarks).</summary>
public sealed class PerformativeReaderAllocationTests
{
    public static TheoryData<string> HotFrames() => new()
    {
        "transfer",
        "transfer-received",
        "transfer-captured",
        "flow",
        "flow-captured",
        "disposition-accepted",
        "disposition-received",
        "disposition-captured",
    };

    [Theory]
    [MemberData(nameof(HotFrames))]
    public void HotPerformatives_DecodeWithoutAllocating_WholeOrSplit(string name)
    {
        byte[] frame = Frame(name);
        var shapes = new[]
        {
            ReadOnlySequenceFactory.Whole(frame),
            ReadOnlySequenceFactory.SplitAt(frame, 12), // the performative straddles segments: copied to scratch
            ReadOnlySequenceFactory.OneBytePerSegment(frame),
        };
        var reader = new PerformativeReader();
        foreach (var shape in shapes)
        {
            DecodeMany(reader, shape, 10); // warm up: JIT, and the scratch buffer on the first straddling frame
            long before = GC.GetAllocatedBytesForCurrentThread();
            DecodeMany(reader, shape, 1000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, $"{name}: {allocated} bytes allocated by 1000 decodes");
        }
    }

    [Fact]
    public void AllocationMeasurement_SeesTheAllocationsOfAnOpen()
    {
        // guards the test above against measuring nothing: an open decodes into a new object with strings
        var reader = new PerformativeReader();
        var open = ReadOnlySequenceFactory.Whole(CaptureFrames.Get("04-management", "#6.1").Bytes);
        DecodeMany(reader, open, 2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        DecodeMany(reader, open, 10);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before > 10 * 100);
    }

    private static void DecodeMany(PerformativeReader reader, ReadOnlySequence<byte> frame, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var buffer = frame;
            if (!FrameReader.TryReadFrame(ref buffer, 1 << 16, out _, out var body))
            {
                throw new InvalidOperationException("frame incomplete");
            }

            var p = reader.ReadAmqp(body, out var payload);
            if (p.DescriptorCode == 0 || payload.Length < 0)
            {
                throw new InvalidOperationException();
            }
        }
    }

    private static byte[] Frame(string name) => name switch
    {
        "transfer" => AmqpEncoding.Frame(
            new Transfer
            {
                Handle = 3,
                DeliveryId = 100000,
                DeliveryTag = DeliveryTag.FromUInt64(100000),
                MessageFormat = 0,
                Settled = false,
                More = false,
                State = DeliveryState.Accepted,
            },
            payload: new byte[64]),
        "transfer-received" => AmqpEncoding.Frame(
            new Transfer { Handle = 1, DeliveryId = 7, DeliveryTag = DeliveryTag.FromSpan([1, 2, 3]), More = true, State = DeliveryState.Received(0, 372698), Batchable = true },
            payload: new byte[300]),
        "transfer-captured" => CaptureFrames.Get("01-interior-pair", "#140.1").Bytes,
        "flow" => AmqpEncoding.Frame(new Flow
        {
            NextIncomingId = 1,
            IncomingWindow = int.MaxValue,
            NextOutgoingId = 2,
            OutgoingWindow = int.MaxValue,
            Handle = 3,
            DeliveryCount = 4,
            LinkCredit = 250,
            Available = 0,
            Drain = true,
            Echo = false,
        }),
        "flow-captured" => CaptureFrames.Get("01-interior-pair", "#142.1").Bytes,
        "disposition-accepted" => AmqpEncoding.Frame(new Disposition { Role = LinkRole.Receiver, First = 1, Last = 10, Settled = true, State = DeliveryState.Accepted }),
        "disposition-received" => AmqpEncoding.Frame(new Disposition { Role = LinkRole.Receiver, First = 1, State = DeliveryState.Received(0, 1 << 20) }),
        "disposition-captured" => Hex.Bytes("0000002802000000005315c01b0541434040005323d00000000e000000024380000000000005afda"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
