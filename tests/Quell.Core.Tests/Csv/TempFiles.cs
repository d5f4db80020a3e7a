using System.Text;

namespace Quell.Csv;

/// <summary>A temporary directory of test files, removed on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("quell-csv-");

    public string PathOf(string name) => Path.Combine(_directory.FullName, name);

    public string Write(string name, string content, bool bom = false)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
