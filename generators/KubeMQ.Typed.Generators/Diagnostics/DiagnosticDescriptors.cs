using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Diagnostics
{
    /// <summary>
    /// The generator's diagnostics. IDs are stable once shipped (see AnalyzerReleases.*.md); new ones take the next number.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "KubeMQ.Typed";

        public static readonly DiagnosticDescriptor NotAnInterface = Error("KMQ0001",
            "[KubeMQChannel] belongs on an interface",
            "'{0}' is not an interface; [KubeMQChannel] marks contract interfaces only");

        public static readonly DiagnosticDescriptor InvalidChannel = Error("KMQ0002",
            "Invalid KubeMQ channel name",
            "Channel '{0}' of contract '{1}' is invalid: {2}");

        public static readonly DiagnosticDescriptor UnsupportedReturnType = Error("KMQ0003",
            "Unsupported contract method return type",
            "Method '{0}' returns '{1}'; {2} contracts support {3}");

        public static readonly DiagnosticDescriptor GenericMethod = Error("KMQ0004",
            "Generic contract methods are not supported",
            "Method '{0}' is generic; contract methods must have concrete parameter and result types");

        public static readonly DiagnosticDescriptor ByRefParameter = Error("KMQ0005",
            "ref, out and in parameters are not supported",
            "Parameter '{0}' of method '{1}' is passed by reference; contract parameters travel as JSON and must be passed by value");

        public static readonly DiagnosticDescriptor MisplacedCancellationToken = Error("KMQ0006",
            "Only one trailing CancellationToken is allowed",
            "Method '{0}' has a CancellationToken '{1}' that is not its single last parameter; a method takes at most one CancellationToken, last");

        public static readonly DiagnosticDescriptor DuplicateWireName = Error("KMQ0007",
            "Two contract methods share a wire name",
            "Methods of contract '{0}' share the wire name '{1}'; give overloads distinct names with [KubeMQMethod(\"name\")]");

        public static readonly DiagnosticDescriptor UnsupportedMember = Error("KMQ0008",
            "Contracts may contain only instance methods",
            "'{0}' in contract '{1}' is not an abstract instance method; contracts may contain only methods (no properties, events, static or default-implemented members)");

        public static readonly DiagnosticDescriptor CacheOnNonQuery = Error("KMQ0009",
            "Caching applies to queries only",
            "Contract '{0}' is {1}; CacheTtl and [CacheKey] apply to queries only");

        public static readonly DiagnosticDescriptor UnknownCacheKeyParameter = Error("KMQ0010",
            "Cache key template names an unknown parameter",
            "Cache key template '{0}' of method '{1}' names '{2}', which is not one of its parameters");

        public static readonly DiagnosticDescriptor TypeNotInJsonContext = Error("KMQ0011",
            "A contract type is not registered in the JsonSerializerContext",
            "'{0}' of method '{1}' is not registered in JsonSerializerContext '{2}'; add [JsonSerializable(typeof({3}))] to it");

        public static readonly DiagnosticDescriptor NoJsonContext = Error("KMQ0012",
            "No JsonSerializerContext for a contract",
            "Contract '{0}' has no JsonSerializerContext: set [KubeMQChannel(JsonContext = typeof(...))] or add [assembly: KubeMQJsonContext(typeof(...))]");

        public static readonly DiagnosticDescriptor PatternNotInferred = Error("KMQ0013",
            "The contract's pattern cannot be inferred",
            "Contract '{0}' mixes methods with and without results (or has none), so its pattern cannot be inferred; set Pattern on [KubeMQChannel]");

        public static readonly DiagnosticDescriptor GenericContract = Error("KMQ0014",
            "Generic contract interfaces are not supported",
            "Contract '{0}' is generic; a contract must be a closed, non-generic interface");

        public static readonly DiagnosticDescriptor CacheWithoutTtl = Error("KMQ0015",
            "A cache key without a cache TTL",
            "Method '{0}' has [CacheKey] but neither it nor the contract sets a TTL greater than 0");

        public static readonly DiagnosticDescriptor AlreadyGenerated = Error("KMQ0016",
            "The referenced contract already has generated code",
            "Contract '{0}' was generated in its own assembly '{1}'; use the types generated there instead of [assembly: KubeMQContracts], or build '{1}' without the generator");

        public static readonly DiagnosticDescriptor NotAContract = Error("KMQ0017",
            "[assembly: KubeMQContracts] names a type that is not a contract",
            "'{0}' has no [KubeMQChannel]; [assembly: KubeMQContracts] takes contract interfaces only");

        public static readonly DiagnosticDescriptor InaccessibleContract = Error("KMQ0018",
            "The contract is not accessible to generated code",
            "Contract '{0}' is not accessible from its namespace{1}; generated proxies and registrations are namespace-level types, so the contract must be public or internal (and public when it comes from another assembly)");

        public static readonly DiagnosticDescriptor InternalError = Error("KMQ0099",
            "The KubeMQ generator failed on a contract",
            "The KubeMQ generator failed on contract '{0}': {1}");

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = new[]
        {
            NotAnInterface, InvalidChannel, UnsupportedReturnType, GenericMethod, ByRefParameter,
            MisplacedCancellationToken, DuplicateWireName, UnsupportedMember, CacheOnNonQuery,
            UnknownCacheKeyParameter, TypeNotInJsonContext, NoJsonContext, PatternNotInferred, GenericContract, CacheWithoutTtl,
            AlreadyGenerated, NotAContract, InaccessibleContract, InternalError,
        }.ToDictionary(d => d.Id);

        public static DiagnosticDescriptor Get(string id) => ById[id];

        /// <summary>Everything the analyzer reports: all but <see cref="InternalError"/>, which only the generator reports.</summary>
        public static ImmutableArray<DiagnosticDescriptor> Analyzed { get; } =
            ById.Values.Where(d => d.Id != InternalError.Id).OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
