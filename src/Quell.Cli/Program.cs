using Quell.Cli;

return await QuellCli.RunAsync(args);
