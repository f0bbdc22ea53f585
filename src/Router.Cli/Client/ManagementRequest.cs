using Skrouterd.Amqp.Codec;

namespace Skrouterd.Cli.Client;

/// <summary>A management request: application-properties (string keys, in the order the tools send them) and body.</summary>
internal sealed record ManagementRequest(AmqpMap Properties, object? Body);
