using Byol.Client.Cli;

return await ByolCli.RunAsync(args, CliContext.ForProcess());
