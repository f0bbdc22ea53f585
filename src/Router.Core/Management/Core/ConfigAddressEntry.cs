using Skrouterd.Routing;

namespace Skrouterd.Management;

/// <summary>
/// A configured <c>address</c> (<c>router.config.address</c>) as management sees it: identity, name (null when
/// created without one) and the core's <see cref="AddressConfig"/>, registered under <see cref="CoreName"/>.
/// </summary>
internal sealed record ConfigAddressEntry(long Identity, string? Name, AddressConfig Config)
{
    /// <summary>The name the core knows the configuration by (<see cref="RouterCore.RemoveAddressConfig"/>).</summary>
    public string CoreName => Config.Name;

    /// <summary>The prefix or pattern without leading and trailing separators, as the C agent stores it.</summary>
    public string Text => Config.Pattern.Text.Trim('.', '/');

    /// <summary>The pattern as the C router logs it (a prefix <c>p</c> is the pattern <c>p/#</c>).</summary>
    public string LoggedPattern => Config.Pattern.IsPrefix ? Text + "/#" : Text;
}
