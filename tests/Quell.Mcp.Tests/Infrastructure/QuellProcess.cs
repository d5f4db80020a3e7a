using System.Diagnostics;
using System.Text.Json;

namespace Quell.Mcp.Tests.Infrastructure;

/// <summary>The real <c>quell</c> (<c>dotnet quell.dll</c>, copied next to the tests by the CLI reference).</summary>
public static class QuellProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "quell.dll");

    /// <summary>Runs a short quell command and returns its standard output as JSON (for <c>--json</c> commands).</summary>
    public static async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"quell {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }
}
