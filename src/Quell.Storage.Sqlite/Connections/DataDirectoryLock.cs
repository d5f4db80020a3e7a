namespace Quell.Storage.Sqlite.Connections;

/// <summary>
/// An exclusive OS lock on <c>quell.db.lock</c>, held for the store's lifetime, so that one process at a time
/// owns a data directory. It is what lets the store treat every running job found at open as orphaned.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _stream;

    private DataDirectoryLock(FileStream stream) => _stream = stream;

    public static DataDirectoryLock Acquire(string databasePath)
    {
        var path = databasePath + ".lock";
        try
        {
            // FileShare.None is an flock(LOCK_EX) on Unix and a share-mode lock on Windows: both die with the process.
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The Quell data directory '{Path.GetDirectoryName(path)}' is in use by another Quell process " +
                $"(it holds '{path}'). Stop that process or choose another data directory.", ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}
