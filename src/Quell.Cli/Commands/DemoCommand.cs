using System.CommandLine;

namespace Quell.Cli.Commands;

/// <summary><c>quell demo ...</c>: generators of demo data.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var demo = new Command("demo", "Generate demo data.");
        demo.Subcommands.Add(DemoCsvCommand.Create());
        return demo;
    }
}
