using System.Diagnostics;
using System.Globalization;

namespace Quell.Bench.BareMcp;

/// <summary>
/// Writes <c>bench-cancel EVENT REQUEST_ID TIMESTAMP</c> lines to standard error. The timestamp is
/// <see cref="Stopwatch.GetTimestamp"/>, which on Linux is <c>CLOCK_MONOTONIC</c> in nanoseconds and so comparable
/// with the bench process's own timestamps on the same machine.
/// </summary>
internal static class CancelProbe
{
    /// <summary>The request's cancellation token fired (its registered callback ran).</summary>
    public const string TokenFired = "token-fired";

    /// <summary>The handler stopped its work and is about to rethrow the cancellation.</summary>
    public const string Stopped = "stopped";

    /// <summary>The handler finished the work and returns its result.</summary>
    public const string Completed = "completed";

    /// <summary>Writes its line the first time <see cref="Write"/> is called, from whichever thread gets there first.</summary>
    public sealed class Once(string name, string requestId)
    {
        private int _written;

        public void Write()
        {
            if (Interlocked.Exchange(ref _written, 1) == 0) CancelProbe.Write(name, requestId);
        }
    }

    public static void Write(string name, string requestId)
    {
        var timestamp = Stopwatch.GetTimestamp(); // first, before any formatting
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench-cancel {name} {requestId} {timestamp}"));
    }
}
