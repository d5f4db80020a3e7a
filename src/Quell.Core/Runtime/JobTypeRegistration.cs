using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quell.Hosting;
using Quell.Jobs;

namespace Quell.Runtime;

/// <summary>A registered job type: how to check its input at submission and how to run it.</summary>
internal sealed class JobTypeRegistration
{
    private JobTypeRegistration(
        string type, JobTypeOptions options,
        Func<JsonElement, IReadOnlyList<string>> validate,
        Func<IServiceProvider, JsonElement, IJobContext, Task<JsonElement?>> run)
    {
        Type = type;
        Options = options;
        Validate = validate;
        Run = run;
    }

    public string Type { get; }

    public JobTypeOptions Options { get; }

    /// <summary>Problems with an input, empty when it fits the type.</summary>
    public Func<JsonElement, IReadOnlyList<string>> Validate { get; }

    /// <summary>Resolves the handler, deserializes the input, runs, and serializes the result.</summary>
    public Func<IServiceProvider, JsonElement, IJobContext, Task<JsonElement?>> Run { get; }

    public static JobTypeRegistration Create<TInput, TResult, THandler>(string type, JobTypeOptions options)
        where THandler : class, IJobHandler<TInput, TResult>
    {
        var json = QuellBuilder.HandlerJsonOptions;
        return new JobTypeRegistration(type, options, Validate, Run);

        static IReadOnlyList<string> Validate(JsonElement input)
        {
            TInput? value;
            try
            {
                value = input.Deserialize<TInput>(QuellBuilder.HandlerJsonOptions);
            }
            catch (JsonException e)
            {
                // The serializer's own message names .NET types; say where in the user's JSON it went wrong.
                var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "the input" : $"'{e.Path}'";
                return [$"The value at {where} has the wrong type or format for this job type."];
            }
            if (value is null) return ["The input is required."];
            return value is IValidatableJobInput validatable ? validatable.Validate() : [];
        }

        async Task<JsonElement?> Run(IServiceProvider services, JsonElement input, IJobContext context)
        {
            var value = input.Deserialize<TInput>(json)!;
            var handler = services.GetRequiredService<THandler>();
            var result = await handler.ExecuteAsync(value, context).ConfigureAwait(false);
            return result is null ? null : JsonSerializer.SerializeToElement(result, json);
        }
    }
}
