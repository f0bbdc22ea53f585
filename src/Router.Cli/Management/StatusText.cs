using Skrouterd.Cli.Python;

namespace Skrouterd.Cli.Management;

/// <summary>
/// Status codes and texts (R:python/skupper_router/management/error.py) and the exception a failed request becomes:
/// <c>&lt;Text without spaces&gt;Status</c> for the six classes the Python client defines, ManagementError for any other
/// error status, ValueError for an unexpected 2xx.
/// </summary>
internal static class StatusText
{
    public const int Ok = 200;
    public const int Created = 201;
    public const int NoContent = 204;

    private static readonly Dictionary<long, string> _texts = new()
    {
        [100] = "Continue",
        [101] = "Switching Protocols",
        [200] = "OK",
        [201] = "Created",
        [202] = "Accepted",
        [203] = "Non-Authoritative Information",
        [204] = "No Content",
        [205] = "Reset Content",
        [206] = "Partial Content",
        [300] = "Multiple Choices",
        [301] = "Moved Permanently",
        [302] = "Found",
        [303] = "See Other",
        [304] = "Not Modified",
        [305] = "Use Proxy",
        [306] = "(Unused)",
        [307] = "Temporary Redirect",
        [400] = "Bad Request",
        [401] = "Unauthorized",
        [402] = "Payment Required",
        [403] = "Forbidden",
        [404] = "Not Found",
        [405] = "Method Not Allowed",
        [406] = "Not Acceptable",
        [407] = "Proxy Authentication Required",
        [408] = "Request Timeout",
        [409] = "Conflict",
        [410] = "Gone",
        [411] = "Length Required",
        [412] = "Precondition Failed",
        [413] = "Request Entity Too Large",
        [414] = "Request-URI Too Long",
        [415] = "Unsupported Media Type",
        [416] = "Requested Range Not Satisfiable",
        [417] = "Expectation Failed",
        [500] = "Internal Server Error",
        [501] = "Not Implemented",
        [502] = "Bad Gateway",
        [503] = "Service Unavailable",
        [504] = "Gateway Timeout",
        [505] = "HTTP Version Not Supported",
    };

    private static readonly HashSet<string> _errorClasses =
    [
        "BadRequestStatus", "UnauthorizedStatus", "ForbiddenStatus", "NotFoundStatus", "InternalServerErrorStatus",
        "NotImplementedStatus",
    ];

    public static string? Text(long status) => _texts.GetValueOrDefault(status);

    /// <summary><c>Node.check_response</c>: raises unless <paramref name="statusCode"/> equals <paramref name="expect"/>.</summary>
    public static void Check(object? statusCode, object? description, int expect)
    {
        if (PyNumber.TryInteger(statusCode, out var code) && code == expect)
        {
            return;
        }

        if (PyNumber.TryNumber(statusCode, out var numeric) && numeric == expect)
        {
            return;
        }

        if (PyNumber.Compare(200L, statusCode, "<=") <= 0 && PyNumber.Compare(statusCode, 299L, "<=") <= 0)
        {
            string codeText = PyText.Str(statusCode);
            long c = (long)code;
            string actual = Text(c) ?? throw PyErrors.KeyError(statusCode);
            throw PyErrors.ValueError(
                $"Response was {codeText}({actual}) but expected {expect}({Text(expect)}): {PyText.Str(description)}");
        }

        throw Create(statusCode, description);
    }

    /// <summary><c>ManagementError.create</c>.</summary>
    public static PyException Create(object? status, object? description)
    {
        string message = PyText.Str(description);
        if (PyNumber.TryInteger(status, out var code) && code >= long.MinValue && code <= long.MaxValue && Text((long)code) is { } text)
        {
            string className = text.Replace(" ", "", StringComparison.Ordinal) + "Status";
            if (_errorClasses.Contains(className))
            {
                return new PyException(className, message);
            }
        }

        return new PyException("ManagementError", message);
    }
}
