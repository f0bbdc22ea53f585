using Xunit;

namespace Skrouterd.Tcp.Tests.Infrastructure;

/// <summary>A measurement, not a test: runs only with SKROUTERD_MEASURE=1 (its figures go to the test output).</summary>
internal sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SKROUTERD_MEASURE") != "1")
        {
            Skip = "measurement: set SKROUTERD_MEASURE=1";
        }
    }
}
