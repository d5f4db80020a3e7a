using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Quell.Bench.Reporting;

/// <summary>What every run prints first: numbers mean nothing without the machine, the date and the load.</summary>
internal static class MachineInfo
{
    public static void Print(string scenario)
    {
        Console.WriteLine($"# Quell.Bench {scenario}");
        Console.WriteLine($"date      {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        Console.WriteLine($"machine   {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}");
        Console.WriteLine($"cpu       {CpuModel()}");
        Console.WriteLine($".NET      {RuntimeInformation.FrameworkDescription}, GC server={System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"load avg  {LoadAverage()}");
        Console.WriteLine();
    }

    /// <summary>The 1/5/15-minute load average (Linux), or "n/a".</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Resident set size after a full, compacting collection.</summary>
    public static (long Rss, long ManagedHeap) MeasureMemory()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }
}
