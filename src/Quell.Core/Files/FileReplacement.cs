namespace Quell.Files;

/// <summary>
/// Writes a file whole or not at all: into a new, unpredictably named file beside it, then renamed over it. A reader
/// never sees half a file, and a link planted at either name is replaced, never written through: the temporary file
/// is created exclusively (<c>O_EXCL</c>), and a rename swaps the name itself.
/// </summary>
public static class FileReplacement
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on any failure the old file stays.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <param name="overwrite">False keeps a file that already exists (then this returns false).</param>
    /// <param name="cancellationToken">Stops the write; the old file stays.</param>
    /// <returns>True when the file was written.</returns>
    public static async Task<bool> WriteAsync(
        string path, Func<Stream, CancellationToken, Task> write, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                File.Move(temp, full, overwrite);
                return true;
            }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                return false;
            }
        }
        finally
        {
            File.Delete(temp); // nothing to delete once renamed
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte order mark) to <paramref name="path"/>, whole or not at all.</summary>
    public static Task<bool> WriteTextAsync(string path, string text, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WriteAsync(path, (stream, token) => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), token).AsTask(),
            overwrite, cancellationToken);
    }
}
