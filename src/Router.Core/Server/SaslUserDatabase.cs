using System.Security.Cryptography;
using System.Text;

namespace Skrouterd.Server;

/// <summary>
/// Users for SASL PLAIN: the router's `saslConfigDir` and `saslConfigName` name a text file
/// `&lt;saslConfigDir&gt;/&lt;saslConfigName&gt;.users` (default name `skrouterd`) with one `username:password` per line;
/// a password may be stored as `{SHA256}&lt;hex&gt;`. Blank lines and `#` comments are ignored. This replaces the C
/// router's Cyrus sasldb, which is a binary database. The file is re-read when it changes.
/// </summary>
internal sealed class SaslUserDatabase
{
    private readonly string? _path;
    private DateTime _loadedAt;
    private Dictionary<string, string> _users = new(StringComparer.Ordinal);

    public SaslUserDatabase(string? saslConfigDir, string? saslConfigName)
    {
        if (!string.IsNullOrEmpty(saslConfigDir))
        {
            _path = Path.Combine(saslConfigDir, (string.IsNullOrEmpty(saslConfigName) ? "skrouterd" : saslConfigName) + ".users");
        }
    }

    public bool IsConfigured => _path is not null && File.Exists(_path);

    public bool Verify(string user, string password)
    {
        var users = Load();
        if (!users.TryGetValue(user, out var stored))
        {
            return false;
        }

        if (stored.StartsWith("{SHA256}", StringComparison.OrdinalIgnoreCase))
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(stored[8..].ToUpperInvariant()));
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(password));
    }

    private Dictionary<string, string> Load()
    {
        if (_path is null || !File.Exists(_path))
        {
            return _users;
        }

        var stamp = File.GetLastWriteTimeUtc(_path);
        if (stamp == _loadedAt)
        {
            return _users;
        }

        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(_path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon > 0)
            {
                users[line[..colon]] = line[(colon + 1)..];
            }
        }

        _users = users;
        _loadedAt = stamp;
        return users;
    }
}
