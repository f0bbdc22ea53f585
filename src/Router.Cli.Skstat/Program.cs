using Skrouterd.Cli.Hosting;
using Skrouterd.Cli.Skstat;

// skstat: router statistics over AMQP management (management-and-deployment.md §3.2).
return await ToolRunner.MainAsync(console => SkstatTool.RunAsync(args, console));
