using Skrouterd.LoadClient;

// loadclient: drives a router (or, with --direct, a receiver of its own) with 1 KiB messages; prints JSON.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.Write(LoadOptions.Usage);
    return 2;
}

LoadResult result;
try
{
    result = await LoadRun.RunAsync(options);
}
catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or TimeoutException or InvalidOperationException)
{
    Console.Error.WriteLine($"loadclient: {e.Message}");
    return 1;
}

using (var stdout = Console.OpenStandardOutput())
{
    result.WriteJson(stdout);
}

Console.Out.WriteLine();
return result.Error is null ? 0 : 1;
