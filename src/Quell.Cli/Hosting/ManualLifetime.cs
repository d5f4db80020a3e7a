using Microsoft.Extensions.Hosting;

namespace Quell.Cli.Hosting;

/// <summary>A host lifetime that listens to no signals: the command that owns the host decides when it stops.</summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
