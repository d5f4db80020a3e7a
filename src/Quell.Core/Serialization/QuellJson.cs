using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Quell.Cancellation;
using Quell.Jobs;
using Quell.Progress;
using Quell.Results;

namespace Quell.Serialization;

/// <summary>The JSON shapes stores persist, shared so that every store reads and writes the same documents.</summary>
public static class QuellJson
{
    /// <summary>camelCase, nulls omitted, enums as the snake_case names users see.</summary>
    public static JsonSerializerOptions Options => QuellJsonContext.Default.Options;

    /// <summary>Type info for <see cref="PartialResults"/>.</summary>
    public static JsonTypeInfo<PartialResults> PartialResults => QuellJsonContext.Default.PartialResults;

    /// <summary>Type info for <see cref="JobProgress"/>.</summary>
    public static JsonTypeInfo<JobProgress> Progress => QuellJsonContext.Default.JobProgress;

    /// <summary>Type info for <see cref="CancellationInfo"/>.</summary>
    public static JsonTypeInfo<CancellationInfo> Cancellation => QuellJsonContext.Default.CancellationInfo;

    /// <summary>Type info for <see cref="JobRecord"/>.</summary>
    public static JsonTypeInfo<JobRecord> Job => QuellJsonContext.Default.JobRecord;

    /// <summary>Type info for a list of ids.</summary>
    public static JsonTypeInfo<IReadOnlyList<string>> Ids => QuellJsonContext.Default.IReadOnlyListString;
}
