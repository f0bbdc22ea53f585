namespace Skrouterd.Management;

/// <summary>The process's virtual and resident memory in bytes (<c>/proc/self/statm</c>), or null where unknown.</summary>
internal static class ProcessMemory
{
    private const string StatmPath = "/proc/self/statm";

    /// <summary>(VmSize, RSS) in bytes; nulls when <c>/proc</c> cannot be read.</summary>
    public static (ulong? VirtualBytes, ulong? ResidentBytes) Read()
    {
        try
        {
            string text = File.ReadAllText(StatmPath);
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2
                && ulong.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out ulong size)
                && ulong.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out ulong resident))
            {
                ulong page = (ulong)Environment.SystemPageSize;
                return (size == 0 ? null : size * page, resident == 0 ? null : resident * page);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return (null, null);
    }
}
