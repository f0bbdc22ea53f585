using System.Text;
using Skrouterd.Amqp.Framing;
using Skrouterd.Cli.Python;
using Skrouterd.Management;

namespace Skrouterd.Cli.Client;

/// <summary>proton's <c>repr(Condition)</c>: <c>Condition('name', 'description', info)</c> leaving out empty parts.</summary>
internal static class ProtonCondition
{
    public static string Repr(string name, string? description, Amqp.Codec.AmqpMap? info = null)
    {
        var sb = new StringBuilder("Condition(");
        sb.Append(PythonRepr.StringRepr(name));
        if (!string.IsNullOrEmpty(description))
        {
            sb.Append(", ").Append(PythonRepr.StringRepr(description));
        }

        if (info is { Count: > 0 })
        {
            sb.Append(", ");
            PyText.AppendRepr(sb, info);
        }

        return sb.Append(')').ToString();
    }

    public static string Repr(AmqpError error) => Repr(error.Condition, error.Description, error.Info);
}
