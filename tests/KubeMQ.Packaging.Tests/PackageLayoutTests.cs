namespace KubeMQ.Packaging.Tests;

[Collection(PackagingCollection.Name)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    private const string GeneratorEntry = "analyzers/dotnet/cs/KubeMQ.Typed.Generators.dll";
    private const string CodeFixesEntry = "analyzers/dotnet/cs/KubeMQ.Typed.CodeFixes.dll";

    [Fact]
    public void Typed_package_carries_the_runtime_in_lib_and_the_generator_in_the_single_cs_analyzer_slot()
    {
        feed.EnsurePacked();
        var package = PackageArchive.Open(feed.PackagePath("KubeMQ.Typed"));

        Assert.Contains("lib/net10.0/KubeMQ.Typed.dll", package.Entries);
        Assert.Contains(GeneratorEntry, package.Entries);
        // One slot: a generator also under analyzers/dotnet/ (language-neutral) or another folder would run twice.
        var analyzers = package.Entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).ToList();
        Assert.All(analyzers, entry => Assert.StartsWith("analyzers/dotnet/cs/", entry));
        // The generator must not become a compile-time or run-time reference of the consumer.
        Assert.DoesNotContain(package.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public void Code_fixes_ship_beside_the_generator_exactly_when_their_project_exists()
    {
        feed.EnsurePacked();
        var package = PackageArchive.Open(feed.PackagePath("KubeMQ.Typed"));
        var codeFixesProject = Path.Combine(RepositoryRoot.Path, "generators", "KubeMQ.Typed.CodeFixes", "KubeMQ.Typed.CodeFixes.csproj");

        if (File.Exists(codeFixesProject))
            Assert.Contains(CodeFixesEntry, package.Entries);
        else
            Assert.DoesNotContain(CodeFixesEntry, package.Entries);
    }

    [Fact]
    public void Generator_in_the_package_is_a_netstandard_Roslyn_component_without_runtime_dependencies()
    {
        feed.EnsurePacked();
        var package = PackageArchive.Open(feed.PackagePath("KubeMQ.Typed"));
        var references = AssemblyMetadata.References(package.Assemblies[GeneratorEntry]);

        // Loadable by every compiler host (Visual Studio's .NET Framework one too): netstandard2.0, Roslyn, nothing of ours.
        Assert.Contains("netstandard", references);
        Assert.Contains("Microsoft.CodeAnalysis", references);
        Assert.DoesNotContain("System.Runtime", references);
        Assert.DoesNotContain(references, r => r.StartsWith("KubeMQ.", StringComparison.Ordinal));
    }

    [Fact]
    public void Typed_package_depends_on_the_client_package_of_the_same_version_and_not_on_Roslyn()
    {
        feed.EnsurePacked();
        var dependencies = PackageArchive.Open(feed.PackagePath("KubeMQ.Typed")).Dependencies();

        Assert.Equal(feed.Version, Assert.Contains("KubeMQ.Client", dependencies));
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies.Keys, id => id.StartsWith("KubeMQ.Typed", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_package_depends_on_the_grpc_package_of_the_same_version_and_the_grpc_runtime()
    {
        feed.EnsurePacked();
        var client = PackageArchive.Open(feed.PackagePath("KubeMQ.Client"));
        var dependencies = client.Dependencies();

        Assert.Contains("lib/net10.0/KubeMQ.Client.dll", client.Entries);
        Assert.Equal(feed.Version, Assert.Contains("KubeMQ.Grpc", dependencies));
        Assert.Contains("Grpc.Net.Client", dependencies.Keys);
    }

    [Fact]
    public void Grpc_package_carries_the_compiled_contract_without_the_build_time_protobuf_compiler()
    {
        feed.EnsurePacked();
        var grpc = PackageArchive.Open(feed.PackagePath("KubeMQ.Grpc"));
        var dependencies = grpc.Dependencies();

        Assert.Contains("lib/net10.0/KubeMQ.Grpc.dll", grpc.Entries);
        Assert.Contains("Google.Protobuf", dependencies.Keys);
        Assert.Contains("Grpc.Core.Api", dependencies.Keys);
        Assert.DoesNotContain("Grpc.Tools", dependencies.Keys);
    }

    [Theory]
    [InlineData("KubeMQ.Grpc")]
    [InlineData("KubeMQ.Client")]
    [InlineData("KubeMQ.Typed")]
    public void Every_package_has_its_readme_MIT_license_description_version_and_symbols(string id)
    {
        feed.EnsurePacked();
        var package = PackageArchive.Open(feed.PackagePath(id));

        Assert.Equal(id, package.MetadataValue("id"));
        Assert.Equal(feed.Version, package.MetadataValue("version"));
        Assert.Equal("README.md", package.MetadataValue("readme"));
        Assert.Contains("README.md", package.Entries);
        var license = package.MetadataElement("license");
        Assert.NotNull(license);
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        var repository = package.MetadataElement("repository");
        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");
        var description = package.MetadataValue("description");
        Assert.False(string.IsNullOrWhiteSpace(description) || description == "Package Description", $"{id} has no description of its own");

        var symbols = PackageArchive.Open(feed.SymbolPackagePath(id));
        Assert.Contains($"lib/net10.0/{id}.pdb", symbols.Entries);
    }

    [Theory]
    [InlineData("KubeMQ.Grpc")]
    [InlineData("KubeMQ.Client")]
    [InlineData("KubeMQ.Typed")]
    public void Packed_symbols_name_no_path_of_the_machine_that_packed_them(string id)
    {
        feed.EnsurePacked();
        var pdb = PackageArchive.Open(feed.SymbolPackagePath(id)).Assemblies[$"lib/net10.0/{id}.pdb"];

        var documents = AssemblyMetadata.SourceDocuments(pdb);

        // Deterministic packages: source paths are mapped to /_/, so the folder it was built in appears nowhere.
        Assert.NotEmpty(documents);
        Assert.All(documents, document => Assert.StartsWith("/_/", document));
        Assert.DoesNotContain(documents, document => document.Contains(feed.WorkDirectory, StringComparison.Ordinal));
    }
}
