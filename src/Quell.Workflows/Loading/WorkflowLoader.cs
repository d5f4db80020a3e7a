using Quell.Workflows.Model;

namespace Quell.Workflows.Loading;

/// <summary>
/// Loads workflow definitions from YAML or BPMN 2.0 text. A load either returns a complete, validated definition or
/// throws a <see cref="WorkflowLoadException"/> listing every error with its line, column, element and field.
/// </summary>
public static class WorkflowLoader
{
    /// <summary>Loads a definition from <paramref name="text"/>.</summary>
    /// <param name="text">The file's contents.</param>
    /// <param name="format">The format the text is in.</param>
    /// <param name="fileName">The name errors mention (e.g. <c>feedback.yaml</c>), or <see langword="null"/>.</param>
    /// <exception cref="WorkflowLoadException">The text is not a valid workflow.</exception>
    public static WorkflowDefinition Load(string text, WorkflowFormat format, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new LoadErrors();
        return format switch
        {
            WorkflowFormat.Yaml => WorkflowAssembler.Build(YamlWorkflowReader.Read(text, errors), errors, format, null, fileName),
            WorkflowFormat.Bpmn => LoadBpmn(text, errors, fileName),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown workflow format"),
        };
    }

    /// <summary>Loads the file at <paramref name="path"/>, choosing the format from its extension.</summary>
    /// <exception cref="WorkflowLoadException">The file is not a valid workflow, or its extension is not one we read.</exception>
    public static WorkflowDefinition LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        var format = FormatOf(path) ?? throw new WorkflowLoadException(name,
            [new WorkflowError(0, 0, null, null, "unknown file extension; expected .yaml, .yml, .bpmn or .xml")]);
        return Load(File.ReadAllText(path), format, name);
    }

    /// <summary>The format for a file name's extension (.yaml, .yml → YAML; .bpmn, .xml → BPMN), or <see langword="null"/>.</summary>
    public static WorkflowFormat? FormatOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Path.GetExtension(fileName).ToUpperInvariant() switch
        {
            ".YAML" or ".YML" => WorkflowFormat.Yaml,
            ".BPMN" or ".XML" => WorkflowFormat.Bpmn,
            _ => null,
        };
    }

    private static WorkflowDefinition LoadBpmn(string text, LoadErrors errors, string? fileName)
    {
        var (draft, source) = BpmnWorkflowReader.Read(text, errors);
        return WorkflowAssembler.Build(draft, errors, WorkflowFormat.Bpmn, source, fileName);
    }
}
