using Microsoft.Extensions.Options;
using Quell.Hosting;
using Quell.Jobs;
using Quell.Workflows.Loading;
using Quell.Workflows.Model;

namespace Quell.Workflows.Catalog;

/// <summary>
/// Keeps workflows as files under <c>{DataDirectory}/workflows/</c>: <c>{id}.yaml</c> or <c>{id}.bpmn</c>. Writes go
/// to a temporary file that is then moved over the old one, so a reader never sees half a file.
/// </summary>
public sealed class FileWorkflowCatalog : IWorkflowCatalog
{
    private readonly string _directory;
    private readonly Lock _writes = new();

    /// <summary>Creates the catalog in <paramref name="directory"/>.</summary>
    public FileWorkflowCatalog(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = directory;
    }

    /// <summary>Creates the catalog in the runtime's data directory.</summary>
    public FileWorkflowCatalog(IOptions<QuellOptions> options)
        : this(Path.Combine((options ?? throw new ArgumentNullException(nameof(options))).Value.DataDirectory, "workflows"))
    {
    }

    /// <inheritdoc />
    public Task<StoredWorkflow> PutAsync(string id, string text, WorkflowFormat format, CancellationToken cancellationToken = default)
    {
        CheckId(id);
        ArgumentNullException.ThrowIfNull(text);
        var definition = WorkflowLoader.Load(text, format, FileName(id, format));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writes)
        {
            Directory.CreateDirectory(_directory);
            var path = PathOf(id, format);
            var temp = Path.Combine(_directory, $".{id}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
            // One id, one file: a workflow re-put in the other format must not leave the old one behind.
            var other = PathOf(id, format == WorkflowFormat.Yaml ? WorkflowFormat.Bpmn : WorkflowFormat.Yaml);
            if (File.Exists(other)) File.Delete(other);
            return Task.FromResult(new StoredWorkflow(id, definition, text, format, File.GetLastWriteTimeUtc(path)));
        }
    }

    /// <inheritdoc />
    public async Task<StoredWorkflow?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!JobIds.IsValid(id)) return null;
        foreach (var format in (WorkflowFormat[])[WorkflowFormat.Yaml, WorkflowFormat.Bpmn])
        {
            var path = PathOf(id, format);
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
            return new StoredWorkflow(id, WorkflowLoader.Load(text, format, FileName(id, format)), text, format,
                File.GetLastWriteTimeUtc(path));
        }
        return null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_directory)) return [];
        var summaries = new List<WorkflowSummary>();
        var ids = Directory.EnumerateFiles(_directory)
            .Where(f => Extension(f) is not null)
            .Select(Path.GetFileNameWithoutExtension)
            .Where(JobIds.IsValid)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            try
            {
                if (await GetAsync(id!, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    summaries.Add(new WorkflowSummary(stored.Id, stored.Definition.Name, stored.Definition.Description, stored.Format, stored.UpdatedAt));
                }
            }
            catch (WorkflowLoadException)
            {
                // A file edited by hand into something invalid is not listed; GetAsync reports why.
            }
        }
        return summaries;
    }

    /// <inheritdoc />
    public async Task<SampleLoadReport> LoadSamplesAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var loaded = new List<string>();
        var skipped = new List<(string, string)>();
        if (!Directory.Exists(directory)) return new SampleLoadReport(loaded, skipped);
        // When a sample exists in both formats, YAML wins (sorted first) and the BPMN one is stored as {id}-bpmn.
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var format = WorkflowLoader.FormatOf(file);
            if (format is null) continue;
            var id = Path.GetFileNameWithoutExtension(file);
            if (loaded.Contains(id, StringComparer.Ordinal)) id += format == WorkflowFormat.Bpmn ? "-bpmn" : "-yaml";
            if (!JobIds.IsValid(id))
            {
                skipped.Add((file, $"'{id}' is not a valid workflow id."));
                continue;
            }
            try
            {
                var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                await PutAsync(id, text, format.Value, cancellationToken).ConfigureAwait(false);
                loaded.Add(id);
            }
            catch (WorkflowLoadException e)
            {
                skipped.Add((file, e.Message));
            }
        }
        return new SampleLoadReport(loaded, skipped);
    }

    private static void CheckId(string id)
    {
        if (!JobIds.IsValid(id))
        {
            throw new ArgumentException(
                $"'{id}' is not a valid workflow id: use 1-{JobIds.MaxLength} letters, digits, '.', '_', ':' or '-', starting with a letter or digit.",
                nameof(id));
        }
    }

    private string PathOf(string id, WorkflowFormat format) => Path.Combine(_directory, FileName(id, format));

    private static string FileName(string id, WorkflowFormat format) => id + (format == WorkflowFormat.Bpmn ? ".bpmn" : ".yaml");

    private static WorkflowFormat? Extension(string file) => Path.GetExtension(file) switch
    {
        ".yaml" => WorkflowFormat.Yaml,
        ".bpmn" => WorkflowFormat.Bpmn,
        _ => null,
    };
}
