using System.Reflection;
using KubeMQ.Typed.Generators.Model;
using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>
/// The pipeline carries values only: walking every type reachable from the parser's output finds no symbol, syntax,
/// compilation, semantic model or location, and every one of them compares by value.
/// </summary>
public sealed class ModelShapeTests
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location),
        typeof(AttributeData), typeof(SyntaxReference),
    ];

    [Fact]
    public void Parser_output_holds_no_roslyn_objects_and_every_model_type_is_equatable()
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(ContractParseResult), typeof(ImmutableEquatableArray<ContractParseResult>)]);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!seen.Add(type))
                continue;
            Assert.DoesNotContain(Forbidden, forbidden => forbidden.IsAssignableFrom(type));
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Namespace == "Microsoft.CodeAnalysis.Text")
                continue;
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                pending.Push(underlying);
                continue;
            }
            Assert.True(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), $"{type} does not compare by value");
            foreach (var argument in type.GetGenericArguments())
                pending.Push(argument);
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var fieldType = field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType;
                if (fieldType.Namespace != "System.Collections.Generic")
                    pending.Push(fieldType);
            }
        }
        Assert.Contains(typeof(ContractModel), seen);
        Assert.Contains(typeof(MethodModel), seen);
        Assert.Contains(typeof(LocationInfo), seen);
    }

    [Fact]
    public void Parsing_the_same_source_twice_gives_equal_models()
    {
        var first = GeneratorHarness.Run(ContractSources.Model, ContractSources.Queries, ContractSources.Queue);
        var second = GeneratorHarness.Run(ContractSources.Model, ContractSources.Queries, ContractSources.Queue);

        var a = Models(first);
        var b = Models(second);
        Assert.Equal(2, a.Count);
        Assert.Equal(a, b);
    }

    private static List<object> Models(GeneratorRun run) =>
        run.Result.Results.Single().TrackedSteps[KubeMQContractGenerator.TrackingNames.Models]
            .SelectMany(step => step.Outputs).Select(output => output.Value).ToList();
}
