using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Skrouterd.Amqp.Transport;

/// <summary>
/// Sends a gather list with one reusable <see cref="SocketAsyncEventArgs"/> (sendmsg with an iovec per segment), the
/// way Kestrel's SocketSender does, so a send allocates nothing. Partial sends are continued until every byte is out.
/// </summary>
internal sealed class SocketSender : SocketAsyncEventArgs, IValueTaskSource<int>
{
    private const int MaxSegmentsPerSend = 8;

    private readonly List<ArraySegment<byte>> _window = new(MaxSegmentsPerSend);
    private readonly List<ArraySegment<byte>> _remaining = [];
    private readonly List<ArraySegment<byte>> _scratch = [];
    private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = false };

    public SocketSender()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <summary>
    /// Sends every segment. At most <see cref="MaxSegmentsPerSend"/> segments go in one sendmsg: beyond that .NET
    /// allocates and pins per call.
    /// </summary>
    public async ValueTask SendAllAsync(Socket socket, List<ArraySegment<byte>> segments)
    {
        int index = 0;
        while (index < segments.Count)
        {
            _window.Clear();
            long total = 0;
            for (; index < segments.Count && _window.Count < MaxSegmentsPerSend; index++)
            {
                _window.Add(segments[index]);
                total += segments[index].Count;
            }

            IList<ArraySegment<byte>> pending = _window;
            while (total > 0)
            {
                int sent = await SendOnceAsync(socket, pending).ConfigureAwait(false);
                if (sent <= 0)
                {
                    throw new SocketException((int)SocketError.ConnectionReset);
                }

                total -= sent;
                if (total > 0)
                {
                    pending = Trim(pending, sent);
                }
            }
        }
    }

    public async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    private List<ArraySegment<byte>> Trim(IList<ArraySegment<byte>> segments, int sent)
    {
        _scratch.Clear();
        _scratch.AddRange(segments);
        _remaining.Clear();
        foreach (var s in _scratch)
        {
            if (sent >= s.Count)
            {
                sent -= s.Count;
                continue;
            }

            _remaining.Add(sent > 0 ? s.Slice(sent) : s);
            sent = 0;
        }

        return _remaining;
    }

    private ValueTask<int> SendOnceAsync(Socket socket, IList<ArraySegment<byte>> segments)
    {
        _core.Reset();
        SetBuffer(null, 0, 0);
        BufferList = segments;
        if (socket.SendAsync(this))
        {
            return new ValueTask<int>(this, _core.Version);
        }

        return SocketError == SocketError.Success
            ? new ValueTask<int>(BytesTransferred)
            : ValueTask.FromException<int>(new SocketException((int)SocketError));
    }

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        if (SocketError == SocketError.Success)
        {
            _core.SetResult(BytesTransferred);
        }
        else
        {
            _core.SetException(new SocketException((int)SocketError));
        }
    }

    int IValueTaskSource<int>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            BufferList = null;
        }
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
