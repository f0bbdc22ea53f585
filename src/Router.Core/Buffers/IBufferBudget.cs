namespace Skrouterd.Buffers;

/// <summary>
/// Accounts for the bytes a producer has buffered in the router: content blocks report what they hold and free.
/// An AMQP session uses it to stop extending its incoming window while consumers lag (the router's backpressure).
/// Implementations must be thread-safe: blocks are freed on consumer threads.
/// </summary>
internal interface IBufferBudget
{
    void OnBuffered(int bytes);

    void OnReleased(int bytes);
}
