using Skrouterd.Cli.Hosting;
using Skrouterd.Cli.Skmanage;

// skmanage: generic AMQP management client (management-and-deployment.md §3.3).
return await ToolRunner.MainAsync(console => SkmanageTool.RunAsync(args, console));
