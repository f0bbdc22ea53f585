namespace Skrouterd.Management.Schema;

/// <summary>Where an attribute map being validated comes from; decides which schema flags are enforced.</summary>
internal enum ValidationMode
{
    /// <summary>A configuration-file section: the <c>create</c> flag is not enforced.</summary>
    Configuration,

    /// <summary>A management CREATE body: only <c>create</c> attributes may be given, <c>identity</c> never.</summary>
    Create,
}
