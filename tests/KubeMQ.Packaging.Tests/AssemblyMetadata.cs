using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace KubeMQ.Packaging.Tests;

/// <summary>Reads a .dll's assembly references and a portable .pdb's source documents from metadata, without loading them.</summary>
internal static class AssemblyMetadata
{
    public static IReadOnlyList<string> SourceDocuments(byte[] portablePdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(portablePdb));
        var reader = provider.GetMetadataReader();
        return reader.Documents.Select(handle => reader.GetString(reader.GetDocument(handle).Name)).ToList();
    }

    public static IReadOnlyList<string> References(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name)).ToList();
    }
}
