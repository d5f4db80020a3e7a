namespace Quell.Storage.Sqlite.Tests;

/// <summary>A real directory under the system temp path, deleted with everything in it on dispose.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "quell-tests", Guid.NewGuid().ToString("N"));

    public SqliteJobStoreOptions Options(int maxBatchSize = 1024) => new() { DataDirectory = Path, MaxBatchSize = maxBatchSize };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A store a failing test left open; the OS temp cleaner takes it.
        }
    }
}
