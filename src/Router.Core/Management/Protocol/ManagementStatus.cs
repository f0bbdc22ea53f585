namespace Skrouterd.Management;

/// <summary>
/// Management status codes and their standard texts (management-and-deployment.md §2.3; the C router's
/// <c>src/amqp.c</c> and the Python agent's <c>STATUS_TEXT</c>).
/// </summary>
internal static class ManagementStatus
{
    public const int Ok = 200;
    public const int Created = 201;
    public const int NoContent = 204;
    public const int BadRequest = 400;
    public const int Unauthorized = 401;
    public const int Forbidden = 403;
    public const int NotFound = 404;
    public const int InternalServerError = 500;
    public const int NotImplemented = 501;

    /// <summary>The standard text of a status code (the statusDescription when there is no error text).</summary>
    public static string Text(int status) => status switch
    {
        Ok => "OK",
        Created => "Created",
        NoContent => "No Content",
        BadRequest => "Bad Request",
        Unauthorized => "Unauthorized",
        Forbidden => "Forbidden",
        NotFound => "Not Found",
        InternalServerError => "Internal Server Error",
        NotImplemented => "Not Implemented",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static bool IsSuccess(int status) => status / 100 == 2;
}
