using Skrouterd.Amqp.Codec;
using Skrouterd.Logging;
using Skrouterd.Management.Schema;

namespace Skrouterd.Management;

/// <summary>
/// The <c>log</c> entity of one module (one per module, always present): attributes as configured, read from and
/// updated through <see cref="LogState"/>. UPDATE changes levels and outputs at once.
/// </summary>
internal sealed class LogEntity : AgentEntity
{
    private readonly LogState _state;
    private readonly LogModule _module;

    public LogEntity(LogState state, LogEntityView view)
        : base(RouterSchema.Get("log"), ToAttributes(view))
    {
        _state = state;
        _module = LogModules.TryParse(view.Module, out var m) ? m : LogModule.Default;
    }

    public override void Refresh() => Attributes = ToAttributes(_state.Read(_module));

    public override void Update(AmqpMap attributes, AmqpMap changes)
    {
        var config = new LogEntityConfig(LogModules.GetName(_module))
        {
            Enable = changes.ContainsKey("enable") ? attributes["enable"] as string : null,
            IncludeTimestamp = changes.ContainsKey("includeTimestamp") ? attributes["includeTimestamp"] as bool? : null,
            IncludeSource = changes.ContainsKey("includeSource") ? attributes["includeSource"] as bool? : null,
            OutputFile = changes.ContainsKey("outputFile") ? attributes["outputFile"] as string : null,
        };
        try
        {
            _state.Update(config);
        }
        catch (LogConfigException e)
        {
            // The C router's qd_log_entity raises a CError the Python agent reports as a 500.
            throw ManagementException.Internal("CError: Configuration: " + e.Message);
        }

        Refresh();
    }

    private static AmqpMap ToAttributes(LogEntityView view)
    {
        var map = new AmqpMap();
        foreach (var (key, value) in view.ToAttributes())
        {
            if (value is not null)
            {
                map.Add(key, value);
            }
        }

        return map;
    }
}
