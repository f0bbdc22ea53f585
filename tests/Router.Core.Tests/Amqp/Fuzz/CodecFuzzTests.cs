using System.Buffers;
using Skrouterd.Amqp.Codec;
using Skrouterd.Amqp.Framing;
using Skrouterd.Amqp.Messaging;
using Skrouterd.Routing;
using Skrouterd.Tests.Amqp.TestSupport;
using Xunit;

namespace Skrouterd.Tests.Amqp.Fuzz;

/// <summary>
/// Random and mutated input through every decoder (after nats-server server/parser_fuzz_test.go). The only exception
/// allowed out of a decoder is <see cref="AmqpDecodeException"/>; whatever decodes must re-encode and decode to the
/// same thing. Fixed seeds and iteration counts keep the run deterministic and to a few seconds.
/// </summary>
public sealed class CodecFuzzTests
{
    private const uint MaxFrameSize = 64 * 1024;

    /// <summary>Iterations multiplier for longer local runs (SKROUTERD_FUZZ_SCALE=50); 1 in CI.</summary>
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("SKROUTERD_FUZZ_SCALE"), out int s) && s > 0 ? s : 1;

    private static readonly byte[] s_interesting =
    [
        0x00, 0x01, 0x02, 0x7f, 0x80, 0xfe, 0xff, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x50, 0x52, 0x53, 0x54, 0x55,
        0x56, 0x60, 0x70, 0x71, 0x72, 0x73, 0x74, 0x80, 0x81, 0x82, 0x83, 0x84, 0x94, 0x98, 0xa0, 0xa1, 0xa3, 0xb0,
        0xb1, 0xb3, 0xc0, 0xc1, 0xd0, 0xd1, 0xe0, 0xf0,
    ];

    [Fact]
    public void MutatedGoldenFrames_OnlyDecodeErrors()
    {
        var rng = new Random(0x5eed01);
        var seeds = CaptureFrames.All.Select(f => f.Bytes).ToArray();
        var failures = new List<string>();
        var reader = new PerformativeReader();
        for (int i = 0; i < 12_000 * Scale && failures.Count < 10; i++)
        {
            byte[] input = Mutate(rng, seeds[rng.Next(seeds.Length)]);
            if (input.Length >= 8 && rng.Next(2) == 0)
            {
                // keep the frame header consistent so the mutated body is what gets decoded
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input, (uint)input.Length);
                input[4] = 2;
            }

            Check(failures, "frame", input, () => FrameTarget(reader, input, rng.Next(3)));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void RandomFrames_OnlyDecodeErrors()
    {
        var rng = new Random(0x5eed02);
        var failures = new List<string>();
        var reader = new PerformativeReader();
        for (int i = 0; i < 20_000 * Scale && failures.Count < 10; i++)
        {
            // A plausible frame header (so the body is reached) followed by a described performative-ish body.
            byte[] body = RandomBytes(rng, rng.Next(0, 96));
            if (body.Length > 2 && rng.Next(4) != 0)
            {
                body[0] = 0x00;
                body[1] = 0x53;
                body[2] = (byte)(rng.Next(2) == 0 ? 0x10 + rng.Next(9) : 0x40 + rng.Next(5));
            }

            byte[] input = new byte[8 + body.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input, (uint)input.Length);
            input[4] = 2;
            input[5] = (byte)rng.Next(2);
            body.CopyTo(input, 8);
            if (rng.Next(8) == 0)
            {
                input = Mutate(rng, input);
            }

            Check(failures, "frame", input, () => FrameTarget(reader, input, rng.Next(3)));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void RandomAndMutatedValues_OnlyDecodeErrors()
    {
        var rng = new Random(0x5eed03);
        var seeds = ValueSeeds();
        var failures = new List<string>();
        for (int i = 0; i < 40_000 * Scale && failures.Count < 10; i++)
        {
            byte[] input = rng.Next(3) == 0 ? RandomBytes(rng, rng.Next(0, 64)) : Mutate(rng, seeds[rng.Next(seeds.Length)]);
            Check(failures, "value", input, () => ValueTarget(input, rng));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void MutatedMessages_OnlyDecodeErrors()
    {
        var rng = new Random(0x5eed04);
        var seeds = MessageSeeds();
        var failures = new List<string>();
        for (int i = 0; i < 15_000 * Scale && failures.Count < 10; i++)
        {
            byte[] input = rng.Next(10) == 0 ? RandomBytes(rng, rng.Next(0, 64)) : Mutate(rng, seeds[rng.Next(seeds.Length)]);
            Check(failures, "message", input, () => MessageTarget(input));
            Check(failures, "scan", input, () => ScanTarget(input, checkPrefixes: i % 16 == 0));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // ---- targets ---------------------------------------------------------------------------------------------

    private static void FrameTarget(PerformativeReader reader, byte[] input, int shape)
    {
        var buffer = shape switch
        {
            0 => ReadOnlySequenceFactory.Whole(input),
            _ when input.Length > 512 => ReadOnlySequenceFactory.SplitAt(input, input.Length / 3),
            1 => ReadOnlySequenceFactory.SplitAt(input, input.Length / 3),
            _ => ReadOnlySequenceFactory.OneBytePerSegment(input),
        };
        while (FrameReader.TryReadFrame(ref buffer, MaxFrameSize, out var header, out var body))
        {
            if (body.IsEmpty)
            {
                continue;
            }

            DescribedList p;
            ReadOnlySequence<byte> payload = default;
            if (header.Type == FrameHeader.TypeSasl)
            {
                p = reader.ReadSasl(body);
            }
            else
            {
                p = reader.ReadAmqp(body, out payload);
            }

            // Whatever decodes re-encodes, and decodes back to the same thing.
            string before = AmqpDump.Of(p);
            byte[] again = AmqpEncoding.Frame(p, header.Channel, header.Type, payload.ToArray());
            var seq = ReadOnlySequenceFactory.Whole(again);
            Assert.True(FrameReader.TryReadFrame(ref seq, uint.MaxValue, out var h2, out var b2));
            var p2 = header.Type == FrameHeader.TypeSasl ? new PerformativeReader().ReadSasl(b2) : new PerformativeReader().ReadAmqp(b2, out _);
            Assert.Equal(before, AmqpDump.Of(p2));
        }
    }

    private static void ValueTarget(byte[] input, Random rng)
    {
        var r = new AmqpReader(input);
        var skip = new AmqpReader(input);
        while (!r.IsAtEnd)
        {
            int start = r.Position;
            object? v = r.ReadValue();

            // A value's encoding delimits itself: no proper prefix of it decodes.
            int length = r.Position - start;
            for (int k = 0; k < 4 && length > 0; k++)
            {
                int cut = rng.Next(length);
                byte[] prefix = input[start..(start + cut)];
                Assert.Throws<AmqpDecodeException>(() => new AmqpReader(prefix).ReadValue());
            }

            // SkipValue agrees with ReadValue on where the value ends.
            skip.SkipValue();
            Assert.Equal(r.Position, skip.Position);

            byte[] encoded = AmqpEncoding.EncodeValue(v);
            object? v2 = AmqpEncoding.DecodeValue(encoded);
            Assert.True(AmqpValueComparer.Instance.Equals(v, v2), $"re-encoded {AmqpDump.Of(v)} decoded as {AmqpDump.Of(v2)}");
        }
    }

    private static void MessageTarget(byte[] input)
    {
        var m = AmqpMessage.Decode(input);
        byte[] again = m.ToArray();
        Assert.Equal(AmqpDump.Of(m), AmqpDump.Of(AmqpMessage.Decode(again)));
    }

    private static void ScanTarget(byte[] input, bool checkPrefixes)
    {
        var final = MessageAddressReader.Scan(input, out var to);
        string finalTo = Hex.Of(to);
        if (!checkPrefixes)
        {
            return;
        }

        // When the whole message scans, every prefix of it gives NeedMoreData or the same answer: never an error,
        // which would reject a delivery whose first frame happened to end at an unlucky byte.
        for (int n = 0; n < input.Length; n++)
        {
            var r = MessageAddressReader.Scan(input.AsSpan(0, n), out var t);
            Assert.True(r == AddressLookup.NeedMoreData || (r == final && Hex.Of(t) == finalTo), $"prefix {n}: {r}, whole: {final}");
        }
    }

    // ---- inputs ----------------------------------------------------------------------------------------------

    private static void Check(List<string> failures, string target, byte[] input, Action action)
    {
        try
        {
            action();
        }
        catch (AmqpDecodeException)
        {
        }
        catch (Exception e)
        {
            failures.Add($"{target} {Hex.Of(input)}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
    }

    private static byte[] RandomBytes(Random rng, int length)
    {
        var b = new byte[length];
        for (int i = 0; i < length; i++)
        {
            b[i] = rng.Next(2) == 0 ? s_interesting[rng.Next(s_interesting.Length)] : (byte)rng.Next(256);
        }

        return b;
    }

    /// <summary>One to three mutations: bit flips, interesting bytes, truncation, insertion, deletion, duplication.</summary>
    internal static byte[] Mutate(Random rng, byte[] seed)
    {
        var b = new List<byte>(seed);
        int n = 1 + rng.Next(3);
        for (int k = 0; k < n; k++)
        {
            if (b.Count == 0)
            {
                b.Add((byte)rng.Next(256));
                continue;
            }

            int at = rng.Next(b.Count);
            switch (rng.Next(8))
            {
                case 0:
                case 1:
                    b[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 2:
                    b[at] = s_interesting[rng.Next(s_interesting.Length)];
                    break;
                case 3:
                    b.RemoveRange(at, b.Count - at);
                    break;
                case 4:
                    b.InsertRange(at, RandomBytes(rng, 1 + rng.Next(8)));
                    break;
                case 5:
                    b.RemoveRange(at, Math.Min(b.Count - at, 1 + rng.Next(8)));
                    break;
                case 6:
                    {
                        int len = Math.Min(b.Count - at, 1 + rng.Next(16));
                        b.InsertRange(rng.Next(b.Count), b.GetRange(at, len));
                        break;
                    }

                default:
                    // a big-endian size or count overwritten with an extreme value
                    for (int i = 0; i < 4 && at + i < b.Count; i++)
                    {
                        b[at + i] = rng.Next(2) == 0 ? (byte)0xff : (byte)0x00;
                    }

                    if (at + 3 < b.Count && rng.Next(2) == 0)
                    {
                        b[at] = 0x7f;
                    }

                    break;
            }
        }

        return b.ToArray();
    }

    internal static byte[][] ValueSeeds()
    {
        var values = new object?[]
        {
            null, true, false, (byte)7, (ushort)300, 0u, 7u, 70000u, 0ul, 7ul, ulong.MaxValue, (sbyte)-3, (short)-300,
            -1, int.MinValue, -1L, long.MaxValue, 1.5f, -2.25, new AmqpDecimal32(0x22500001), new AmqpDecimal64(0x2238000000000001),
            new AmqpDecimal128(0x2208000000000000, 1), new AmqpChar('é'), new AmqpTimestamp(1_700_000_000_000),
            Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), new byte[] { 1, 2, 3 }, "héllo", new AmqpSymbol("amqp:open:list"),
            new string('x', 300), new byte[300],
            new List<object?> { 1u, "a", null, new List<object?>() },
            new AmqpMap { { new AmqpSymbol("k"), 1 }, { "s", new AmqpMap { { 1ul, true } } } },
            AmqpArray.OfSymbols("a", "bb", "ccc"),
            new AmqpArray(0x71, new object?[] { 1, -2, 3 }),
            new AmqpArray(0xa1, new object?[] { "x", "yy" }),
            new AmqpArray(0xe0, new object?[] { AmqpArray.OfSymbols("a"), AmqpArray.OfSymbols("b", "c") }),
            new AmqpArray(0xc0, new object?[] { new List<object?> { 1u }, new List<object?>() }, 0x24ul),
            new AmqpArray(0xc1, new object?[] { new AmqpMap { { "a", 1 } } }),
            new AmqpArray(0x56, new object?[] { true, false }),
            new DescribedValue(0x24ul, new List<object?>()),
            new DescribedValue(new AmqpSymbol("com.example:thing"), new AmqpMap { { "x", new DescribedValue(1ul, 2u) } }),
        };
        return values.Select(AmqpEncoding.EncodeValue).ToArray();
    }

    internal static byte[][] MessageSeeds()
    {
        var messages = new List<byte[]>();
        var reader = new PerformativeReader();
        foreach (var f in CaptureFrames.All.Where(f => f.HasWholeMessage))
        {
            var seq = ReadOnlySequenceFactory.Whole(f.Bytes);
            FrameReader.TryReadFrame(ref seq, uint.MaxValue, out _, out var body);
            reader.ReadAmqp(body, out var payload);
            messages.Add(payload.ToArray());
        }

        return messages.Distinct(new ByteArrayComparer()).ToArray();
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
