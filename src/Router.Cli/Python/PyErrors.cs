namespace Skrouterd.Cli.Python;

/// <summary>Factories for the Python exceptions the tools can end with (names as the Python tools print them).</summary>
internal static class PyErrors
{
    public static PyException Timeout(string message) => new("Timeout", message);

    public static PyException ConnectionException(string message) => new("ConnectionException", message);

    public static PyException ConnectionClosed(string message) => new("ConnectionClosed", message);

    public static PyException LinkDetached(string message) => new("LinkDetached", message);

    public static PyException LinkException(string message) => new("LinkException", message);

    public static PyException SendException(string state) => new("SendException", state);

    public static PyException ValueError(string message) => new("ValueError", message);

    public static PyException TypeError(string message) => new("TypeError", message);

    public static PyException KeyError(object? key) => new("KeyError", PyText.Repr(key));

    public static PyException IndexError(string message) => new("IndexError", message);

    /// <summary>getattr on an entity without that attribute (EntityBase raises a bare AttributeError).</summary>
    public static PyException AttributeError(string message = "") => new("AttributeError", message);

    public static PyException ValidationError(string message) => new("ValidationError", message);

    /// <summary>An arithmetic or comparison operator applied to operands Python does not support.</summary>
    public static PyException UnsupportedOperands(string op, object? left, object? right) =>
        TypeError($"unsupported operand type(s) for {op}: '{PyText.TypeName(left)}' and '{PyText.TypeName(right)}'");

    public static PyException NotComparable(string op, object? left, object? right) =>
        TypeError($"'{op}' not supported between instances of '{PyText.TypeName(left)}' and '{PyText.TypeName(right)}'");
}
