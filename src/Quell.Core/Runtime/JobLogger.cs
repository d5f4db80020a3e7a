using Microsoft.Extensions.Logging;
using Quell.Events;

namespace Quell.Runtime;

/// <summary>
/// The logger a handler sees: forwards to the host's logging with the job id in scope, and keeps lines at
/// Information or above as <c>job.log</c> events in the job's history.
/// </summary>
internal sealed class JobLogger(ILogger inner, JobExecution execution, TimeProvider timeProvider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information || inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        using (inner.BeginScope(new KeyValuePair<string, object>[] { new("JobId", execution.JobId) }))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        if (logLevel < LogLevel.Information || logLevel == LogLevel.None) return;
        var data = JobEventData.Log(LevelName(logLevel), formatter(state, exception), exception?.Message);
        execution.Enqueue(new NewJobEvent(execution.JobId, JobEventTypes.Log, timeProvider.GetUtcNow(), data));
    }

    internal static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
