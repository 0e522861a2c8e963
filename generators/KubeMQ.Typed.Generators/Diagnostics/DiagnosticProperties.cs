namespace KubeMQ.Typed.Generators.Diagnostics
{
    /// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that code fixes read.</summary>
    internal static class DiagnosticProperties
    {
        /// <summary>KMQ0011: the metadata name of the JsonSerializerContext to register the type on.</summary>
        public const string JsonContext = "JsonContext";

        /// <summary>KMQ0011: the type to register, fully qualified with global::.</summary>
        public const string JsonType = "JsonType";

        /// <summary>KMQ0007: the wire names already taken in the contract, one per line.</summary>
        public const string WireNames = "WireNames";
    }
}
