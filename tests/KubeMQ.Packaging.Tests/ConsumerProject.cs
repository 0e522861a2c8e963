using System.Security;
using System.Text;

namespace KubeMQ.Packaging.Tests;

/// <summary>
/// A new console project in a temp folder that knows nothing of this repository: it gets KubeMQ.Typed only as a
/// package from the packed folder, with its own empty NUGET_PACKAGES so a cached package of the same version from an
/// earlier run cannot stand in for the one just packed.
/// </summary>
internal sealed class ConsumerProject
{
    public const string LocalSourceName = "kubemq-packed";
    public const string ProxyTypeName = "Consumer.GreetingsProxy";

    private ConsumerProject(string directory) => Directory = directory;

    public string Directory { get; }

    public string PackagesFolder => Path.Combine(Directory, ".packages");

    public string ProjectPath => Path.Combine(Directory, "Consumer.csproj");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
    };

    public static ConsumerProject Create(string directory, string feedDirectory, string version, IReadOnlyList<string> remoteSources)
    {
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), NuGetConfig(feedDirectory, remoteSources));
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KubeMQ.Typed" Version="[{version}]" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
        return new ConsumerProject(directory);
    }

    /// <summary>Our packages come from the packed folder only (source mapping); everything else from the machine's feeds.</summary>
    private static string NuGetConfig(string feedDirectory, IReadOnlyList<string> remoteSources)
    {
        var config = new StringBuilder();
        config.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        config.AppendLine("<configuration>");
        config.AppendLine("  <packageSources>");
        config.AppendLine("    <clear />");
        config.AppendLine($"    <add key=\"{LocalSourceName}\" value=\"{SecurityElement.Escape(feedDirectory)}\" />");
        for (var i = 0; i < remoteSources.Count; i++)
            config.AppendLine($"    <add key=\"remote{i}\" value=\"{SecurityElement.Escape(remoteSources[i])}\" />");
        config.AppendLine("  </packageSources>");
        config.AppendLine("  <packageSourceMapping>");
        config.AppendLine($"    <packageSource key=\"{LocalSourceName}\"><package pattern=\"KubeMQ.*\" /></packageSource>");
        for (var i = 0; i < remoteSources.Count; i++)
            config.AppendLine($"    <packageSource key=\"remote{i}\"><package pattern=\"*\" /></packageSource>");
        config.AppendLine("  </packageSourceMapping>");
        config.AppendLine("</configuration>");
        return config.ToString();
    }

    // A contract as a user writes one, a real System.Text.Json source-generated context, and a Main that creates the
    // generated proxy over a client (no connection is made until a call) and prints the proxy's type.
    private const string Program = """
        using System.Text.Json.Serialization;
        using KubeMQ.Client;
        using KubeMQ.Typed;

        [assembly: KubeMQJsonContext(typeof(Consumer.ConsumerJson))]

        namespace Consumer;

        public sealed record Greeting(string Text, int Times);

        [KubeMQChannel("consumer.greetings", Pattern = KubeMQPattern.Commands, Timeout = 2000)]
        public interface IGreetings
        {
            Task Send(Greeting greeting, CancellationToken cancellationToken = default);
        }

        [JsonSerializable(typeof(Greeting))]
        internal sealed partial class ConsumerJson : JsonSerializerContext;

        public static class Program
        {
            public static async Task<int> Main()
            {
                await using var client = new KubeMQClient(new KubeMQClientOptions { Address = "http://127.0.0.1:50000" });
                IGreetings greetings = new GreetingsProxy(client);
                Console.WriteLine(greetings.GetType().FullName);
                return 0;
            }
        }
        """;
}
