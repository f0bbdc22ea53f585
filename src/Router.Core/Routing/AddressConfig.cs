namespace Skrouterd.Routing;

/// <summary>A configured `address` entity (prefix or pattern → distribution, priority). Immutable.</summary>
internal sealed record AddressConfig(string Name, AddressPattern Pattern, Treatment Treatment, int Priority);
