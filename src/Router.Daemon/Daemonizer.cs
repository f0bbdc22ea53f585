using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Skrouterd.Daemon;

/// <summary>
/// `-d`: runs the router as a SysV-style daemon. The parent starts a detached copy of itself (a new session, no
/// terminal) and waits for it to report start-up: it exits 0 when the child is operational, or prints the child's
/// error and exits 1. The child writes the pid file and, with `-U`, switches to that user.
/// </summary>
internal static partial class Daemonizer
{
    public const string ChildMarker = "SKROUTERD_DAEMON_CHILD";
    private const string ReadyLine = "skrouterd: operational";

    public static int RunParent(string[] args)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the skrouterd executable");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment[ChildMarker] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("cannot start the daemon process");
        var errors = child.StandardError.ReadToEndAsync();
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line == ReadyLine)
            {
                return 0;
            }
        }

        child.WaitForExit();
        Console.Error.Write(errors.Result);
        return child.ExitCode == 0 ? 1 : child.ExitCode;
    }

    /// <summary>In the child: leaves the parent's session so the terminal going away does not stop the router.</summary>
    public static void DetachChild() => _ = setsid();

    /// <summary>In the child, once operational: tells the parent and stops using the parent's pipes.</summary>
    public static void ReportReady()
    {
        Console.Out.WriteLine(ReadyLine);
        Console.Out.Flush();
        int devNull = open("/dev/null", 2);
        if (devNull >= 0)
        {
            dup2(devNull, 0);
            dup2(devNull, 1);
            dup2(devNull, 2);
        }
    }

    public static void WritePidFile(string path) => File.WriteAllText(path, $"{Environment.ProcessId}\n");

    /// <summary>`-U`: switches the process to the user's uid (the group is not changed, as in the C router).</summary>
    public static void SwitchUser(string user)
    {
        var pw = getpwnam(user);
        if (pw == IntPtr.Zero)
        {
            throw new InvalidOperationException($"user {user} not found");
        }

        uint uid = (uint)Marshal.ReadInt32(pw, 2 * IntPtr.Size);
        if (setuid(uid) != 0)
        {
            throw new InvalidOperationException($"cannot switch to user {user} (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsid();

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup2(int oldfd, int newfd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setuid(uint uid);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getpwnam(string name);
}
