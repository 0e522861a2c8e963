using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KubeMQ.Typed.Generators.Diagnostics;
using KubeMQ.Typed.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace KubeMQ.Typed.Generators.Analysis
{
    /// <summary>
    /// KMQ0011/KMQ0012: the generated code asks the contract's JsonSerializerContext for
    /// <c>GetTypeInfo(typeof(T))</c> of every parameter and result type T (KubeMQJson.GetTypeInfo) and fails at startup
    /// when it is null. A type is certain to be there only when the context names it in a [JsonSerializable], so that
    /// is what is required: the exact type, with a nullable reference annotation dropped (it is the same Type) but
    /// <c>int?</c> distinct from <c>int</c> (it is not).
    /// </summary>
    internal static class JsonRegistrationCheck
    {
        private const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";

        public static void Check(
            INamedTypeSymbol contract, AttributeData channelAttribute, INamedTypeSymbol? assemblyContext, Location? fallback,
            List<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var locations = new SyntaxLocations(fallback ?? ContractParser.FirstLocation(contract), cancellationToken);
            var settings = ContractParser.ContractSettings.From(channelAttribute);
            var context = settings.JsonContext as INamedTypeSymbol ?? assemblyContext;
            if (context == null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NoJsonContext, locations.Attribute(channelAttribute), contract.ToDisplayString()));
                return;
            }

            var registered = Registered(context);
            var contextName = context.ToDisplayString();
            var contextMetadataName = MetadataName(context);
            foreach (var declaring in new[] { contract }.Concat(contract.AllInterfaces))
            {
                foreach (var method in declaring.GetMembers().OfType<IMethodSymbol>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || !method.IsAbstract)
                        continue;
                    foreach (var parameter in method.Parameters)
                    {
                        if (!ContractParser.IsCancellationToken(parameter.Type))
                            Require(parameter.Type, locations.ParameterType(parameter));
                    }
                    var result = ContractParser.ResultType(method.ReturnType);
                    if (result != null)
                        Require(result, locations.ReturnType(method));

                    void Require(ITypeSymbol type, Location? location)
                    {
                        var plain = ContractParser.PlainType(type);
                        if (plain.TypeKind == TypeKind.Error || plain is ITypeParameterSymbol || registered.Contains(plain))
                            return;
                        var properties = ImmutableDictionary<string, string?>.Empty
                            .Add(DiagnosticProperties.JsonContext, contextMetadataName)
                            .Add(DiagnosticProperties.JsonType, plain.ToDisplayString(ContractParser.TypeFormat));
                        diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TypeNotInJsonContext, location, properties,
                            plain.ToDisplayString(), method.Name, contextName, plain.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                    }
                }
            }
        }

        private static HashSet<ITypeSymbol> Registered(INamedTypeSymbol context)
        {
            var registered = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var attribute in context.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == JsonSerializableAttribute
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is ITypeSymbol type)
                {
                    registered.Add(ContractParser.PlainType(type));
                }
            }
            return registered;
        }

        private static string MetadataName(INamedTypeSymbol type)
        {
            var name = type.MetadataName;
            for (var containing = type.ContainingType; containing != null; containing = containing.ContainingType)
                name = containing.MetadataName + "+" + name;
            return type.ContainingNamespace.IsGlobalNamespace ? name : type.ContainingNamespace.ToDisplayString() + "." + name;
        }
    }
}
