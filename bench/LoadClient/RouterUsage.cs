namespace Skrouterd.LoadClient;

/// <summary>The router's CPU time over the measured messages and its peak resident set.</summary>
internal sealed record RouterUsage(double CpuSeconds, long PeakRssKiB);
