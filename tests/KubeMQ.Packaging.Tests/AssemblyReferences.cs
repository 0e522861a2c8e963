using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace KubeMQ.Packaging.Tests;

/// <summary>Reads which assemblies a .dll references, from its metadata, without loading it.</summary>
internal static class AssemblyReferences
{
    public static IReadOnlyList<string> Of(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name)).ToList();
    }
}
