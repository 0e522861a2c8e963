using System.Xml.Linq;

namespace KubeMQ.Packaging.Tests;

/// <summary>
/// A local package folder holding KubeMQ.Grpc, KubeMQ.Client and KubeMQ.Typed as `dotnet pack -c Release` makes them,
/// packed once per test run. The projects are packed from a copy of their sources in a temp folder: a pack in the
/// clone would write to the same obj/ folders as a solution build or test run going on at the same time, and a
/// `--no-build` pack would package whatever an earlier build left in bin/. The copy has no bin/ or obj/, so the
/// packages are built from scratch, as a release would be.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public static readonly string[] PackedProjects = ["KubeMQ.Grpc", "KubeMQ.Client", "KubeMQ.Typed"];

    // What the packed projects need from the clone: the shared MSBuild files, the proto, the projects and the
    // generators folder (the generator, and its code fixes if that project exists).
    private static readonly string[] RootFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config", "LICENSE", "README.md"];
    private static readonly string[] Folders =
        ["protos", "src/KubeMQ.Grpc", "src/KubeMQ.Client", "src/KubeMQ.Typed", "generators"];
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".vs", ".idea" };

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("kubemq-packaging-").FullName;

    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    /// <summary>Where the packed projects' sources were copied to and built.</summary>
    public string SourcesDirectory => Path.Combine(WorkDirectory, "sources");

    /// <summary>The one version of our packages, as Directory.Build.props declares it.</summary>
    public string Version { get; } = ReadDeclaredVersion();

    internal DotnetResult? PackResult { get; private set; }

    public string PackagePath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.nupkg");

    public string SymbolPackagePath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.snupkg");

    public async Task InitializeAsync()
    {
        var sources = SourcesDirectory;
        CopySources(RepositoryRoot.Path, sources);
        var solution = Path.Combine(sources, "packages.slnx");
        await File.WriteAllTextAsync(solution, new XDocument(new XElement("Solution",
            PackedProjects.Select(id => new XElement("Project", new XAttribute("Path", $"src/{id}/{id}.csproj"))))).ToString());

        // A clone is a git repository, and SourceLink reads it: the commit goes into each nuspec, and the repository root
        // becomes the source root that deterministic builds map to /_/. The copy is made one too, so it packs as a clone.
        string[][] gitSteps =
        [
            ["init", "-q"],
            ["add", "-A"],
            ["-c", "user.name=packaging-test", "-c", "user.email=packaging-test@localhost", "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "packed sources"],
        ];
        foreach (var step in gitSteps)
            (await DotnetCommand.RunToolAsync("git", sources, step, environment: null, TimeSpan.FromMinutes(1), CancellationToken.None)).EnsureSucceeded();

        PackResult = await DotnetCommand.RunAsync(
            sources,
            ["pack", solution, "-c", "Release", "-o", FeedDirectory, "-nodeReuse:false"],
            environment: null,
            TimeSpan.FromMinutes(8),
            CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A compiler server may still hold a file for a moment; the temp folder is the OS's to clean then.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Task.CompletedTask;
    }

    /// <summary>Fails the calling test with the pack log when `dotnet pack` did not succeed.</summary>
    public void EnsurePacked()
    {
        Assert.NotNull(PackResult);
        PackResult.EnsureSucceeded();
    }

    private static string ReadDeclaredVersion()
    {
        var props = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Build.props"));
        var versions = props.Descendants("Version").Select(v => v.Value.Trim()).Distinct().ToList();
        if (versions.Count != 1)
            throw new InvalidOperationException($"Directory.Build.props must declare exactly one <Version> for every package; found {versions.Count}.");
        return versions[0];
    }

    private static void CopySources(string root, string destination)
    {
        foreach (var file in RootFiles)
        {
            var source = Path.Combine(root, file);
            var target = Path.Combine(destination, file);
            // NuGet.config and nuget.config are one file where names ignore case.
            if (File.Exists(source) && !File.Exists(target))
            {
                Directory.CreateDirectory(destination);
                File.Copy(source, target);
            }
        }
        foreach (var folder in Folders)
            CopyFolder(new DirectoryInfo(Path.Combine(root, folder)), Path.Combine(destination, folder));
    }

    private static void CopyFolder(DirectoryInfo source, string destination)
    {
        if (!source.Exists)
            throw new DirectoryNotFoundException($"The packed projects need {source.FullName}, which is missing.");
        Directory.CreateDirectory(destination);
        foreach (var file in source.EnumerateFiles())
            file.CopyTo(Path.Combine(destination, file.Name));
        foreach (var child in source.EnumerateDirectories())
        {
            if (!SkippedFolders.Contains(child.Name))
                CopyFolder(child, Path.Combine(destination, child.Name));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "Packed feed";
}
