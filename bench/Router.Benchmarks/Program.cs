using BenchmarkDotNet.Running;
using Skrouterd.Benchmarks;

// dotnet run -c Release --project bench/Router.Benchmarks -- --filter '*'           BenchmarkDotNet suite
// dotnet run -c Release --project bench/Router.Benchmarks -- --alloc-probe [N]      bytes allocated per routed message
// dotnet run -c Release --project bench/Router.Benchmarks -- --alloc-report F       allocation sites in an EventPipe trace
// dotnet run -c Release --project bench/Router.Benchmarks -- --cpu-report F         CPU samples in an EventPipe trace
if (args.Length > 0 && args[0] == "--alloc-probe")
{
    return await AllocationProbe.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "--alloc-report")
{
    return AllocationReport.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "--cpu-report")
{
    return CpuSampleReport.Run(args[1..]);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
