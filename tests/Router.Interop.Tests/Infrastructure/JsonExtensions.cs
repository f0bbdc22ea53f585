using System.Text.Json;

namespace Skrouterd.Interop.Tests.Infrastructure;

/// <summary>Short accessors for the clients' JSON results.</summary>
internal static class JsonExtensions
{
    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();

    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();

    public static double Double(this JsonElement e, string name) => e.GetProperty(name).GetDouble();

    public static bool Bool(this JsonElement e, string name) => e.GetProperty(name).GetBoolean();

    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool IsNull(this JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null;
}
