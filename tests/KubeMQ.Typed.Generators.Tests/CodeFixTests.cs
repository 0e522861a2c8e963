using KubeMQ.Typed.CodeFixes;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>The code fixes of the common diagnostics make them go away, with the edit a person would make.</summary>
public sealed class CodeFixTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using KubeMQ.Typed;\n";

    [Fact]
    public async Task Missing_json_registration_is_added_to_the_context_in_its_own_file()
    {
        var (sources, after, title) = await CodeFixHarness.ApplyAsync(new AddJsonSerializableCodeFix(), "KMQ0011",
            ContractSources.Model, Usings + """[KubeMQChannel("a.b")] public interface ILongs { Task<long> Count(); }""");

        Assert.Equal("Add [JsonSerializable(typeof(long))] to Shop.ShopJson", title);
        Assert.Contains("[JsonSerializable(typeof(long))]", sources[0]);
        Assert.DoesNotContain("global::", sources[0]);
        Assert.DoesNotContain("JsonSerializable", sources[1]);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Missing_registration_of_a_user_type_is_added_simplified_by_the_usings()
    {
        var (sources, after, _) = await CodeFixHarness.ApplyAsync(new AddJsonSerializableCodeFix(), "KMQ0011",
            ContractSources.Model,
            Usings + "namespace Shop { public sealed record Widget(int Id); }\n"
                + """namespace Shop.Contracts { [KubeMQChannel("a.b")] public interface IWidgets { Task<Widget> Get(int id); } }""");

        Assert.Contains("[JsonSerializable(typeof(Widget))]", sources[0]);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Colliding_overload_gets_an_explicit_unused_wire_name()
    {
        var (sources, after, title) = await CodeFixHarness.ApplyAsync(new AddWireNameCodeFix(), "KMQ0007",
            ContractSources.Model,
            Usings + """[KubeMQChannel("a.b")] public interface IOver { Task Go(int x); [KubeMQMethod("Go2")] Task Other(); Task Go(string y); }""");

        Assert.Equal("Add [KubeMQMethod(\"Go3\")]", title);
        Assert.Contains("[KubeMQMethod(\"Go3\")]", sources[1]);
        Assert.Matches(@"\[KubeMQMethod\(""Go3""\)\]\s*Task Go\(string y\)", sources[1]);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Extra_cancellation_token_is_removed()
    {
        var (sources, after, title) = await CodeFixHarness.ApplyAsync(new RemoveCancellationTokenCodeFix(), "KMQ0006",
            ContractSources.Model,
            Usings + """[KubeMQChannel("a.b")] public interface ICt { Task Go(int x, CancellationToken first, CancellationToken second); }""");

        Assert.Equal("Remove CancellationToken 'first'", title);
        Assert.Contains("Task Go(int x, CancellationToken second);", sources[1]);
        Assert.DoesNotContain("first", sources[1]);
        Assert.Empty(after);
    }
}
