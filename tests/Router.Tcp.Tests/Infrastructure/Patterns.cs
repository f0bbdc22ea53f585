using System.Buffers.Binary;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>
/// A deterministic, non-periodic byte stream per seed (xorshift64*), so each flow can check its own echo byte by byte
/// and a duplicated, lost or reordered chunk shows up.
/// </summary>
internal struct Patterns
{
    private ulong _state;
    private ulong _word;
    private int _wordBytes;

    public Patterns(ulong seed)
    {
        _state = seed * 0x9E3779B97F4A7C15UL | 1;
        _word = 0;
        _wordBytes = 0;
    }

    public void Fill(Span<byte> destination)
    {
        int i = 0;
        while (i < destination.Length && _wordBytes > 0)
        {
            destination[i++] = (byte)_word;
            _word >>= 8;
            _wordBytes--;
        }

        while (destination.Length - i >= 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], Next());
            i += 8;
        }

        if (i < destination.Length)
        {
            _word = Next();
            _wordBytes = 8;
            while (i < destination.Length)
            {
                destination[i++] = (byte)_word;
                _word >>= 8;
                _wordBytes--;
            }
        }
    }

    /// <summary>Checks that <paramref name="received"/> continues the stream; returns the index of the first mismatch or -1.</summary>
    public int Verify(ReadOnlySpan<byte> received, Span<byte> scratch)
    {
        int checkedBytes = 0;
        while (checkedBytes < received.Length)
        {
            int n = Math.Min(scratch.Length, received.Length - checkedBytes);
            Fill(scratch[..n]);
            int diff = received.Slice(checkedBytes, n).CommonPrefixLength(scratch[..n]);
            if (diff < n)
            {
                return checkedBytes + diff;
            }

            checkedBytes += n;
        }

        return -1;
    }

    private ulong Next()
    {
        ulong x = _state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _state = x;
        return x * 0x2545F4914F6CDD1DUL;
    }
}
