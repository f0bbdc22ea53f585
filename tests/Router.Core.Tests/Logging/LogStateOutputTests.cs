using System.Net.Sockets;
using System.Text;
using Skrouterd.Logging;
using Xunit;

namespace Skrouterd.Tests.Logging;

public sealed class LogStateOutputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("skrouterd-log-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void File_AppendedAndFlushedPerLine()
    {
        string path = Path.Combine(_directory, "router.log");
        File.WriteAllText(path, "existing\n");
        using var log = new LogCapture();
        log.State.ApplyConfig(new LogEntityConfig(LogModules.Default) { OutputFile = path });
        log.State.Log(LogModule.Server, LogSeverity.Info, "first");
        Assert.Equal("existing\n2025-03-04 10:20:30.123456 +0000 SERVER (info) first\n", ReadShared(path));
        log.State.Log(LogModule.Router, LogSeverity.Warning, "second");
        Assert.EndsWith("ROUTER (warning) second\n", ReadShared(path));
        Assert.Equal(string.Empty, log.ErrorText);
    }

    [Fact]
    public void File_SharedByModules_SwitchBackClosesIt()
    {
        string path = Path.Combine(_directory, "shared.log");
        using var log = new LogCapture();
        log.State.Update(new LogEntityConfig(LogModules.Server) { OutputFile = path, IncludeTimestamp = false });
        log.State.Update(new LogEntityConfig(LogModules.Agent) { OutputFile = path, IncludeTimestamp = false });
        log.State.Log(LogModule.Server, LogSeverity.Info, "s");
        log.State.Log(LogModule.Agent, LogSeverity.Info, "a");
        log.State.Update(new LogEntityConfig(LogModules.Server) { OutputFile = "stderr" });
        log.State.Update(new LogEntityConfig(LogModules.Agent) { OutputFile = "stderr" });
        log.State.Log(LogModule.Server, LogSeverity.Info, "back");
        Assert.Equal("SERVER (info) s\nAGENT (info) a\n", File.ReadAllText(path));
        Assert.Equal("SERVER (info) back\n", log.ErrorText);

        // Closed: the file can now be deleted and re-created without our handle.
        File.Delete(path);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void File_CannotOpen_Fails_AndOutputUnchanged()
    {
        string path = Path.Combine(_directory, "missing-dir", "x.log");
        using var log = new LogCapture();
        var e = Assert.Throws<LogConfigException>(() => log.State.Update(new LogEntityConfig(LogModules.Server) { OutputFile = path, Enable = "debug+" }));
        Assert.Equal($"Failed to open log file '{path}'", e.Message);
        Assert.Equal(path, log.State.Read(LogModule.Server).OutputFile); // kept as the C agent keeps it, though not opened
        Assert.False(log.State.IsEnabled(LogModule.Server, LogSeverity.Debug));
        log.State.Log(LogModule.Server, LogSeverity.Info, "still stderr");
        Assert.EndsWith("SERVER (info) still stderr\n", log.ErrorText);
    }

    [Fact]
    public void BadEnable_WithNewFile_DoesNotSwitchOutput()
    {
        string path = Path.Combine(_directory, "never.log");
        using var log = new LogCapture();
        Assert.Throws<LogConfigException>(() => log.State.Update(new LogEntityConfig(LogModules.Server) { OutputFile = path, Enable = "loud" }));
        log.State.Log(LogModule.Server, LogSeverity.Info, "x");
        Assert.EndsWith("SERVER (info) x\n", log.ErrorText);
        Assert.True(!File.Exists(path) || new FileInfo(path).Length == 0);
    }

    [Fact]
    public void Syslog_SendsDaemonFacilityDatagrams_WithoutTimestamp()
    {
        string socketPath = Path.Combine(_directory, "log.sock");
        using var server = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(socketPath));
        server.ReceiveTimeout = 5000;

        using var log = new LogCapture(syslogSocketPath: socketPath);
        log.State.ApplyConfig(new LogEntityConfig(LogModules.Default) { OutputFile = "syslog" });
        log.State.Log(LogModule.Server, LogSeverity.Info, "hello");
        log.State.Log(LogModule.Server, LogSeverity.Error, "bad");

        Assert.Equal("<30>Mar  4 10:20:30 skrouterd: SERVER (info) hello", Receive(server));
        Assert.Equal("<27>Mar  4 10:20:30 skrouterd: SERVER (error) bad", Receive(server));
        Assert.Equal(string.Empty, log.ErrorText);
        Assert.Equal(true, log.State.Read(LogModule.Default).IncludeTimestamp); // the attribute stays as configured
    }

    [Fact]
    public void Syslog_NoSocket_FallsBackToStderr_WithoutTimestamp()
    {
        using var log = new LogCapture(syslogSocketPath: Path.Combine(_directory, "absent.sock"));
        log.State.Update(new LogEntityConfig(LogModules.Server) { OutputFile = "syslog" });
        log.State.Log(LogModule.Server, LogSeverity.Warning, "w");

        // As in C, an UPDATE re-applies outputFile=syslog, so timestamps stay off even when asked for.
        log.State.Update(new LogEntityConfig(LogModules.Server) { IncludeTimestamp = true });
        log.State.Log(LogModule.Server, LogSeverity.Warning, "w2");
        Assert.Equal(["SERVER (warning) w", "SERVER (warning) w2"], log.ErrorLines);
    }

    private static string Receive(Socket socket)
    {
        byte[] buffer = new byte[4096];
        int n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
