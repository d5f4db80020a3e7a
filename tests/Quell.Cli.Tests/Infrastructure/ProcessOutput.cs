using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Quell.Cli.Tests.Infrastructure;

/// <summary>Collects a running process's standard output and error so a test can wait for text to appear.</summary>
internal sealed partial class ProcessOutput
{
    private readonly StringBuilder _text = new();
    private readonly Task _pumps;

    public ProcessOutput(Process process) =>
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput.BaseStream), PumpAsync(process.StandardError.BaseStream));

    public string Text
    {
        get
        {
            lock (_text) return _text.ToString();
        }
    }

    public async Task<Match> WaitForAsync(Regex pattern, TimeSpan timeout, Process process)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var match = pattern.Match(Text);
            if (match.Success) return match;
            if (process.HasExited) break;
            await Task.Delay(100);
        }
        var ended = process.HasExited ? $"the process ended with exit code {process.ExitCode}" : $"waited {timeout}";
        throw new TimeoutException($"Never saw /{pattern}/ in the output ({ended}). Its last lines:\n{Tail()}");
    }

    /// <summary>
    /// The last <paramref name="lines"/> lines of the output without terminal escapes: for a live view redrawn in
    /// place, about its last frame. Failure messages lead with this, since a test log keeps a message's first lines.
    /// </summary>
    public string Tail(int lines = 30)
    {
        var plain = TerminalEscape().Replace(Text, "").Replace("\r", "", StringComparison.Ordinal);
        var all = plain.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    public Task CompletedAsync() => _pumps;

    private async Task PumpAsync(Stream stream)
    {
        var buffer = new byte[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var count = decoder.GetChars(buffer, 0, read, chars, 0);
            lock (_text) _text.Append(chars, 0, count);
        }
    }

    // CSI sequences (colours, cursor moves, erase) and the two-character escapes Spectre.Console writes.
    [GeneratedRegex(@"\x1b(\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])")]
    private static partial Regex TerminalEscape();
}
