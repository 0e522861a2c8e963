using System.IO.Compression;
using System.Xml.Linq;

namespace KubeMQ.Packaging.Tests;

/// <summary>What a .nupkg holds: its file paths and its .nuspec manifest.</summary>
internal sealed class PackageArchive
{
    private PackageArchive(IReadOnlyList<string> entries, XElement metadata, IReadOnlyDictionary<string, byte[]> assemblies)
    {
        Entries = entries;
        Metadata = metadata;
        Assemblies = assemblies;
    }

    public IReadOnlyList<string> Entries { get; }

    /// <summary>The nuspec's &lt;metadata&gt; element.</summary>
    public XElement Metadata { get; }

    /// <summary>The bytes of every .dll and .pdb in the package, by entry path.</summary>
    public IReadOnlyDictionary<string, byte[]> Assemblies { get; }

    public static PackageArchive Open(string path)
    {
        Assert.True(File.Exists(path), $"{Path.GetFileName(path)} was not produced; the folder holds: " +
            string.Join(", ", Directory.Exists(Path.GetDirectoryName(path)) ? Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName) : []));
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        var nuspecEntry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
            nuspec = XDocument.Load(stream);
        var assemblies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assemblies[entry.FullName] = copy.ToArray();
        }
        return new PackageArchive(entries, nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata"), assemblies);
    }

    public string? MetadataValue(string name) =>
        Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    public XElement? MetadataElement(string name) =>
        Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>Package dependencies of the net10.0 group, id → version.</summary>
    public IReadOnlyDictionary<string, string> Dependencies()
    {
        var group = Metadata.Descendants().Where(e => e.Name.LocalName == "group")
            .SingleOrDefault(g => (string?)g.Attribute("targetFramework") == "net10.0");
        Assert.True(group is not null, "the nuspec has no dependency group for net10.0");
        return group.Elements().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!, StringComparer.OrdinalIgnoreCase);
    }
}
