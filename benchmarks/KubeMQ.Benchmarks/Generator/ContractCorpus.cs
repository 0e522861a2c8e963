using System.Globalization;
using System.Text;

namespace KubeMQ.Benchmarks.Generator;

/// <summary>
/// Source text of a large contracts project: one file per contract (the five patterns in turn, each with its own
/// payload record), a shared file with the assembly's JSON context registering every type, and one file that belongs
/// to no contract, for edits the generator should shrug off.
/// </summary>
internal sealed class ContractCorpus
{
    public const string SharedFileName = "Shared.cs";
    public const string UnrelatedFileName = "Unrelated.cs";

    private ContractCorpus(int contracts, int methodsPerContract, IReadOnlyList<(string Path, string Text)> files)
    {
        Contracts = contracts;
        MethodsPerContract = methodsPerContract;
        Files = files;
    }

    public int Contracts { get; }

    public int MethodsPerContract { get; }

    public IReadOnlyList<(string Path, string Text)> Files { get; }

    /// <summary>The file of the contract in the middle, whose channel attribute line the contract edit changes.</summary>
    public string EditedContractFileName => ContractFileName(Contracts / 2);

    public static ContractCorpus Create(int contracts, int methodsPerContract)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contracts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(methodsPerContract, 1);
        var files = new List<(string, string)> { (SharedFileName, SharedFile(contracts)), (UnrelatedFileName, UnrelatedFile(0)) };
        for (var i = 0; i < contracts; i++)
            files.Add((ContractFileName(i), ContractFile(i, methodsPerContract, edit: 0)));
        return new ContractCorpus(contracts, methodsPerContract, files);
    }

    /// <summary>The edited contract's file after its <paramref name="edit"/>-th one-line edit of its channel attribute.</summary>
    public string EditedContractFile(int edit) => ContractFile(Contracts / 2, MethodsPerContract, edit);

    /// <summary>The unrelated file after its <paramref name="edit"/>-th edit: a constant changes, no contract does.</summary>
    public static string UnrelatedFile(int edit) => $$"""
        namespace Bench.Application
        {
            internal static class BuildStamp
            {
                public const int Revision = {{edit.ToString(CultureInfo.InvariantCulture)}};
            }
        }
        """;

    private static string ContractFileName(int index) => $"Contracts/Contract{index:D4}.cs";

    private static string SharedFile(int contracts)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using System.Text.Json;");
        text.AppendLine("using System.Text.Json.Serialization;");
        text.AppendLine("using System.Text.Json.Serialization.Metadata;");
        text.AppendLine();
        text.AppendLine("[assembly: KubeMQ.Typed.KubeMQJsonContext(typeof(Bench.BenchJson))]");
        text.AppendLine();
        text.AppendLine("namespace Bench");
        text.AppendLine("{");
        text.AppendLine("    [JsonSerializable(typeof(int))]");
        text.AppendLine("    [JsonSerializable(typeof(string))]");
        for (var i = 0; i < contracts; i++)
            text.AppendLine(CultureInfo.InvariantCulture, $"    [JsonSerializable(typeof({Namespace(i)}.Payload{i:D4}))]");
        // System.Text.Json's own generator does not run in this driver, so the context is written out by hand: the
        // KubeMQ generator needs only the type, its registrations and Default.
        text.AppendLine("""
                public sealed class BenchJson : JsonSerializerContext
                {
                    public BenchJson() : base(null) { }
                    public static BenchJson Default { get; } = new();
                    protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                    public override JsonTypeInfo? GetTypeInfo(Type type) => null;
                }
            }
            """);
        return text.ToString();
    }

    private static string Namespace(int index) => $"Bench.Contracts.Area{index / 50:D2}";

    private static string ContractFile(int index, int methods, int edit)
    {
        var payload = $"Payload{index:D4}";
        var (pattern, attributeTail, method) = (index % 5) switch
        {
            0 => ("Queries", index % 10 == 0 ? ", CacheTtl = 30" : "", (Func<int, string>)(j =>
                $"        Task<{payload}> Get{j}(int id, string name, CancellationToken cancellationToken = default);")),
            1 => ("Commands", "", j => $"        Task Apply{j}({payload} payload, CancellationToken cancellationToken = default);"),
            2 => ("Events", "", j => $"        Task Happened{j}({payload} payload, CancellationToken cancellationToken = default);"),
            3 => ("EventsStore", "", j => $"        Task Recorded{j}({payload} payload, CancellationToken cancellationToken = default);"),
            _ => ("Queue", $", MaxReceiveCount = 3, DeadLetterQueue = \"bench.dead.{index:D4}\"",
                j => $"        Task Process{j}({payload} payload, CancellationToken cancellationToken = default);"),
        };
        var text = new StringBuilder();
        text.AppendLine("using System.Threading;");
        text.AppendLine("using System.Threading.Tasks;");
        text.AppendLine("using KubeMQ.Typed;");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"namespace {Namespace(index)}");
        text.AppendLine("{");
        text.AppendLine(CultureInfo.InvariantCulture, $"    public sealed record {payload}(int Id, string Name, decimal Amount);");
        text.AppendLine();
        // The edited setting differs by pattern, so that the one-line edit changes the contract whatever its pattern.
        var editedPart = pattern switch
        {
            "Queries" or "Commands" => $", Timeout = {5000 + edit}",
            "Queue" => $", DelaySeconds = {edit}",
            _ => $", Group = \"group{edit}\"",
        };
        text.AppendLine(CultureInfo.InvariantCulture,
            $"    [KubeMQChannel(\"bench.c{index:D4}\", Pattern = KubeMQPattern.{pattern}{editedPart}{attributeTail})]");
        text.AppendLine(CultureInfo.InvariantCulture, $"    public interface IContract{index:D4}");
        text.AppendLine("    {");
        for (var j = 0; j < methods; j++)
            text.AppendLine(method(j));
        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }
}
