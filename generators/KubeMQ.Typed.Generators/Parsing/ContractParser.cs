using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using KubeMQ.Typed.Generators.Diagnostics;
using KubeMQ.Typed.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KubeMQ.Typed.Generators.Parsing
{
    /// <summary>
    /// Turns a [KubeMQChannel] interface symbol into a <see cref="ContractModel"/> at once, so no symbol outlives this
    /// step of the pipeline; every problem found becomes a diagnostic at the offending syntax. The generator and the
    /// analyzer share it, so what the analyzer reports is exactly what keeps the generator from emitting.
    /// </summary>
    internal static class ContractParser
    {
        public const string ChannelAttribute = "KubeMQ.Typed.KubeMQChannelAttribute";
        public const string ContractsAttribute = "KubeMQ.Typed.KubeMQContractsAttribute";
        private const string MethodAttribute = "KubeMQ.Typed.KubeMQMethodAttribute";
        private const string CacheKeyAttribute = "KubeMQ.Typed.CacheKeyAttribute";
        private const string QueuePolicyAttribute = "KubeMQ.Typed.QueuePolicyAttribute";
        private const string TimeoutAttribute = "KubeMQ.Typed.KubeMQTimeoutAttribute";
        public const string JsonContextAttribute = "KubeMQ.Typed.KubeMQJsonContextAttribute";
        private const string CancellationTokenType = "System.Threading.CancellationToken";

        public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>
        /// Parses one contract. <paramref name="diagnostics"/> receives every problem at the offending syntax (the
        /// analyzer reports them; the generator only needs to know there were some). A contract with problems has no model.
        /// </summary>
        /// <param name="fallback">Where problems without source of their own are reported (the contract's name, or the
        /// typeof() in [assembly: KubeMQContracts] for a contract from a referenced assembly).</param>
        /// <param name="referenced">The contract lives in a referenced assembly: its generated types are internal here.</param>
        public static ContractModel? ParseContract(
            ISymbol symbol, AttributeData channelAttribute, Location? fallback, bool referenced, List<Diagnostic> diagnostics,
            CancellationToken cancellationToken)
        {
            var locations = new SyntaxLocations(fallback ?? FirstLocation(symbol), cancellationToken);
            if (!(symbol is INamedTypeSymbol type) || type.TypeKind != TypeKind.Interface)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NotAnInterface, locations.Attribute(channelAttribute), symbol.Name));
                return null;
            }
            var displayName = type.ToDisplayString();
            if (type.IsGenericType)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.GenericContract, locations.TypeParameters(type), displayName));
                return null;
            }

            var inaccessible = InaccessibilityReason(type, referenced);
            if (inaccessible != null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InaccessibleContract, locations.Of(type), displayName, inaccessible));
                return null;
            }

            var channel = channelAttribute.ConstructorArguments.Length == 1 ? channelAttribute.ConstructorArguments[0].Value as string : null;
            var settings = ContractSettings.From(channelAttribute);
            var channelProblem = ChannelProblem(channel);
            if (channelProblem != null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidChannel, locations.ConstructorArgument(channelAttribute, 0),
                    channel ?? "", displayName, channelProblem));
                return null;
            }

            var methods = new List<(IMethodSymbol Symbol, INamedTypeSymbol Declaring)>();
            foreach (var declaring in new[] { type }.Concat(type.AllInterfaces))
            {
                foreach (var member in declaring.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member is IMethodSymbol method && method.MethodKind == MethodKind.Ordinary && !method.IsStatic && method.IsAbstract)
                    {
                        methods.Add((method, declaring));
                        continue;
                    }
                    if (member is IMethodSymbol accessor && accessor.MethodKind != MethodKind.Ordinary && accessor.AssociatedSymbol != null)
                        continue;
                    if (member is INamedTypeSymbol)
                        continue;
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedMember, locations.Of(member), member.Name, displayName));
                }
            }

            var pattern = ResolvePattern(settings.Pattern, methods.Select(m => m.Symbol).ToList(), displayName,
                locations.Attribute(channelAttribute), diagnostics);
            if (pattern == null)
                return null;

            if (pattern != ContractPattern.Queries && settings.CacheTtl > 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CacheOnNonQuery, locations.NamedArgument(channelAttribute, "CacheTtl"),
                    displayName, pattern.Value.ToString()));
            }

            var models = new List<MethodModel>();
            var wireNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (method, declaring) in methods)
            {
                var model = ParseMethod(method, declaring, pattern.Value, settings, locations, diagnostics);
                if (model == null)
                    continue;
                if (!wireNames.Add(model.WireName))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.DuplicateWireName, locations.Of(method),
                        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.WireNames, string.Join("\n", wireNames)),
                        displayName, model.WireName));
                    continue;
                }
                models.Add(model);
            }

            if (referenced && AlreadyGenerated(type))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.AlreadyGenerated, locations.Fallback,
                    displayName, type.ContainingAssembly.Name));
            }

            if (diagnostics.Count > 0)
                return null;

            return new ContractModel(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                InterfaceType: type.ToDisplayString(TypeFormat),
                DisplayName: displayName,
                IsPublic: !referenced && IsEffectivelyPublic(type),
                BaseName: BaseName(type),
                Channel: channel!,
                Pattern: pattern.Value,
                Group: string.IsNullOrEmpty(settings.Group) ? null : settings.Group,
                JsonContextType: settings.JsonContext?.ToDisplayString(TypeFormat),
                Methods: models.ToImmutableEquatableArray(),
                HintName: HintName(type),
                Location: LocationInfo.From(locations.Fallback));
        }

        /// <summary>The assembly-wide JsonSerializerContext named by [assembly: KubeMQJsonContext(typeof(X))], if any.</summary>
        public static INamedTypeSymbol? AssemblyJsonContext(IAssemblySymbol assembly, CancellationToken cancellationToken)
        {
            foreach (var attribute in assembly.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.AttributeClass?.ToDisplayString() == JsonContextAttribute
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is INamedTypeSymbol type)
                {
                    return type;
                }
            }
            return null;
        }

        /// <summary>The [KubeMQChannel] of a type, wherever it was declared (source or metadata).</summary>
        public static AttributeData? ChannelAttributeOf(ITypeSymbol type) =>
            type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ChannelAttribute);

        /// <summary>
        /// The contracts named by [assembly: KubeMQContracts(typeof(...))], with the location of each typeof(), so that
        /// generation and diagnostics of a contract from another assembly are anchored in this one.
        /// </summary>
        public static List<(ITypeSymbol? Type, Location? Location)> ReferencedContracts(AttributeData attribute, CancellationToken cancellationToken)
        {
            var result = new List<(ITypeSymbol?, Location?)>();
            if (attribute.ConstructorArguments.Length != 1)
                return result;
            var locations = new SyntaxLocations(null, cancellationToken);
            var argument = attribute.ConstructorArguments[0];
            var values = argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument);
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax;
            for (var i = 0; i < values.Length; i++)
            {
                var location = syntax?.ArgumentList != null && i < syntax.ArgumentList.Arguments.Count
                    ? syntax.ArgumentList.Arguments[i].GetLocation()
                    : locations.Attribute(attribute);
                result.Add((values[i].Value as ITypeSymbol, location));
            }
            return result;
        }

        /// <summary>Whether the contract's own assembly already holds the generated types (the generator ran there).</summary>
        private static bool AlreadyGenerated(INamedTypeSymbol type)
        {
            var registration = (type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".")
                + BaseName(type) + "KubeMQRegistration";
            return type.ContainingAssembly.GetTypeByMetadataName(registration) != null;
        }

        private static ContractPattern? ResolvePattern(
            int declared, List<IMethodSymbol> methods, string displayName, Location? location, List<Diagnostic> diagnostics)
        {
            if (declared >= 1 && declared <= 5)
                return (ContractPattern)declared;
            var withResult = methods.Count(m => ResultType(m.ReturnType) != null);
            if (methods.Count > 0 && withResult == methods.Count)
                return ContractPattern.Queries;
            if (methods.Count > 0 && withResult == 0)
                return ContractPattern.Commands;
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.PatternNotInferred, location, displayName));
            return null;
        }

        private static MethodModel? ParseMethod(
            IMethodSymbol method, INamedTypeSymbol declaring, ContractPattern pattern, ContractSettings settings, SyntaxLocations locations,
            List<Diagnostic> diagnostics)
        {
            var ok = true;
            if (method.IsGenericMethod)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.GenericMethod, locations.TypeParameters(method), method.Name));
                ok = false;
            }

            var returnKind = ReturnKind(method.ReturnType);
            var result = ResultType(method.ReturnType);
            var allowsResult = pattern == ContractPattern.Commands || pattern == ContractPattern.Queries;
            if (returnKind == null || (result != null && !allowsResult))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedReturnType, locations.ReturnType(method),
                    method.Name, method.ReturnType.ToDisplayString(), PatternName(pattern),
                    allowsResult ? "Task, Task<T>, ValueTask and ValueTask<T>" : "Task and ValueTask"));
                ok = false;
            }

            var parameters = new List<ParameterModel>();
            string? cancellationToken = null;
            for (var i = 0; i < method.Parameters.Length; i++)
            {
                var parameter = method.Parameters[i];
                if (parameter.RefKind != RefKind.None)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ByRefParameter, locations.Parameter(parameter), parameter.Name, method.Name));
                    ok = false;
                    continue;
                }
                if (IsCancellationToken(parameter.Type))
                {
                    if (i != method.Parameters.Length - 1)
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MisplacedCancellationToken, locations.Parameter(parameter),
                            method.Name, parameter.Name));
                        ok = false;
                    }
                    cancellationToken = Identifier(parameter.Name);
                    continue;
                }
                parameters.Add(new ParameterModel(Identifier(parameter.Name), parameter.Name, ToTypeRef(parameter.Type)));
            }

            var wireName = method.Name;
            var timeout = settings.Timeout;
            string? cacheTemplate = null;
            var cacheTtl = settings.CacheTtl;
            Location? cacheLocation = null;
            Location? templateLocation = null;
            var policy = new QueuePolicyModel(settings.DelaySeconds, settings.ExpirationSeconds, settings.MaxReceiveCount, settings.DeadLetterQueue);
            foreach (var attribute in method.GetAttributes())
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case MethodAttribute when attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name && name.Length > 0:
                        wireName = name;
                        break;
                    case TimeoutAttribute when attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int milliseconds:
                        timeout = milliseconds;
                        break;
                    case CacheKeyAttribute when attribute.ConstructorArguments.Length == 1:
                        cacheTemplate = attribute.ConstructorArguments[0].Value as string;
                        cacheLocation = locations.Attribute(attribute);
                        templateLocation = locations.ConstructorArgument(attribute, 0);
                        var ttl = Named(attribute, "Ttl", 0);
                        if (ttl > 0)
                            cacheTtl = ttl;
                        break;
                    case QueuePolicyAttribute:
                        policy = new QueuePolicyModel(
                            Override(Named(attribute, "DelaySeconds", -1), policy.DelaySeconds),
                            Override(Named(attribute, "ExpirationSeconds", -1), policy.ExpirationSeconds),
                            Override(Named(attribute, "MaxReceiveCount", -1), policy.MaxReceiveCount),
                            NamedString(attribute, "DeadLetterQueue") ?? policy.DeadLetterQueue);
                        break;
                }
            }

            CacheModel? cache = null;
            if (cacheTemplate != null && pattern != ContractPattern.Queries)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CacheOnNonQuery, cacheLocation, method.Name, PatternName(pattern)));
                ok = false;
            }
            else if (cacheTemplate != null)
            {
                if (cacheTtl <= 0)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CacheWithoutTtl, cacheLocation, method.Name));
                    ok = false;
                }
                var segments = ParseCacheTemplate(cacheTemplate, method, parameters, templateLocation, diagnostics);
                if (segments == null)
                    ok = false;
                else
                    cache = new CacheModel(segments, cacheTtl);
            }
            else if (pattern == ContractPattern.Queries && cacheTtl > 0)
            {
                cache = new CacheModel(null, cacheTtl);
            }

            if (!ok)
                return null;
            return new MethodModel(
                Name: Identifier(method.Name),
                WireName: wireName,
                DeclaringInterface: declaring.ToDisplayString(TypeFormat),
                ReturnsValueTask: returnKind == "ValueTask",
                Result: result == null ? null : ToTypeRef(result),
                Parameters: parameters.ToImmutableEquatableArray(),
                CancellationTokenName: cancellationToken,
                TimeoutMilliseconds: timeout > 0 ? timeout : 0,
                Cache: cache,
                QueuePolicy: pattern == ContractPattern.Queue ? policy : null);
        }

        private static ImmutableEquatableArray<CacheKeySegment>? ParseCacheTemplate(
            string template, IMethodSymbol method, List<ParameterModel> parameters, Location? location, List<Diagnostic> diagnostics)
        {
            var segments = new List<CacheKeySegment>();
            var literal = new StringBuilder();
            var i = 0;
            while (i < template.Length)
            {
                var open = template.IndexOf('{', i);
                var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
                if (open < 0 || close < 0)
                {
                    literal.Append(template, i, template.Length - i);
                    break;
                }
                literal.Append(template, i, open - i);
                var name = template.Substring(open + 1, close - open - 1).Trim();
                var parameter = parameters.FirstOrDefault(p => p.JsonName == name);
                if (parameter == null)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnknownCacheKeyParameter, location, template, method.Name, name));
                    return null;
                }
                if (literal.Length > 0)
                {
                    segments.Add(new CacheKeySegment(literal.ToString(), false));
                    literal.Clear();
                }
                segments.Add(new CacheKeySegment(parameter.Identifier, true));
                i = close + 1;
            }
            if (literal.Length > 0)
                segments.Add(new CacheKeySegment(literal.ToString(), false));
            return segments.ToImmutableEquatableArray();
        }

        private static string? ChannelProblem(string? channel)
        {
            if (channel == null || string.IsNullOrWhiteSpace(channel))
                return "it cannot be empty";
            if (channel.Any(char.IsWhiteSpace))
                return "it cannot contain white space";
            if (channel.IndexOf('*') >= 0 || channel.IndexOf('>') >= 0)
                return "it cannot contain the wildcards * or >";
            if (channel.EndsWith(".", StringComparison.Ordinal))
                return "it cannot end with '.'";
            return null;
        }

        private static string? ReturnKind(ITypeSymbol type)
        {
            switch (type.OriginalDefinition.ToDisplayString())
            {
                case "System.Threading.Tasks.Task":
                case "System.Threading.Tasks.Task<TResult>":
                    return "Task";
                case "System.Threading.Tasks.ValueTask":
                case "System.Threading.Tasks.ValueTask<TResult>":
                    return "ValueTask";
                default:
                    return null;
            }
        }

        public static bool IsCancellationToken(ITypeSymbol type) => type.ToDisplayString() == CancellationTokenType;

        /// <summary>The type JSON (de)serializes for a parameter or result: a nullable reference type's annotation dropped.</summary>
        public static ITypeSymbol PlainType(ITypeSymbol type) =>
            type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated
                ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)
                : type;

        public static ITypeSymbol? ResultType(ITypeSymbol type) =>
            type is INamedTypeSymbol named && named.IsGenericType && ReturnKind(type) != null ? named.TypeArguments[0] : null;

        private static TypeRef ToTypeRef(ITypeSymbol type)
        {
            return new TypeRef(type.ToDisplayString(TypeFormat), PlainType(type).ToDisplayString(TypeFormat));
        }

        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.AwaitKeyword
                ? "@" + name
                : name;

        private static string BaseName(INamedTypeSymbol type)
        {
            var name = type.Name;
            if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
                name = name.Substring(1);
            for (var containing = type.ContainingType; containing != null; containing = containing.ContainingType)
                name = containing.Name + name;
            return name;
        }

        private static string HintName(INamedTypeSymbol type)
        {
            var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
            var builder = new StringBuilder(name.Length + 12);
            foreach (var c in name)
                builder.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
            return builder.Append(".KubeMQ.g.cs").ToString();
        }

        private static string? InaccessibilityReason(INamedTypeSymbol type, bool referenced)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
            {
                switch (current.DeclaredAccessibility)
                {
                    case Accessibility.Private:
                    case Accessibility.Protected:
                    case Accessibility.ProtectedAndInternal:
                        return " ('" + current.Name + "' is " + SyntaxFacts.GetText(current.DeclaredAccessibility) + ")";
                }
                if (current.IsFileLocal)
                    return " ('" + current.Name + "' is file-local)";
            }
            return referenced && !IsEffectivelyPublic(type) ? " (it is internal to assembly '" + type.ContainingAssembly.Name + "')" : null;
        }

        private static bool IsEffectivelyPublic(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                    return false;
            }
            return true;
        }

        private static string PatternName(ContractPattern pattern) => pattern switch
        {
            ContractPattern.Events => "Events",
            ContractPattern.EventsStore => "EventsStore",
            ContractPattern.Commands => "Commands",
            ContractPattern.Queries => "Queries",
            _ => "Queue",
        };

        private static int Override(int value, int fallback) => value >= 0 ? value : fallback;

        public static Location? FirstLocation(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource);

        internal static int Named(AttributeData attribute, string name, int fallback)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is int value)
                    return value;
            }
            return fallback;
        }

        internal static string? NamedString(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is string value && value.Length > 0)
                    return value;
            }
            return null;
        }

        /// <summary>The [KubeMQChannel] named arguments.</summary>
        internal sealed class ContractSettings
        {
            public int Pattern { get; private set; }
            public int Timeout { get; private set; }
            public int CacheTtl { get; private set; }
            public string? Group { get; private set; }
            public int MaxReceiveCount { get; private set; }
            public string? DeadLetterQueue { get; private set; }
            public int DelaySeconds { get; private set; }
            public int ExpirationSeconds { get; private set; }
            public ITypeSymbol? JsonContext { get; private set; }

            public static ContractSettings From(AttributeData attribute)
            {
                ITypeSymbol? jsonContext = null;
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "JsonContext" && argument.Value.Value is ITypeSymbol type)
                        jsonContext = type;
                }
                return new ContractSettings
                {
                    Pattern = Named(attribute, "Pattern", 0),
                    Timeout = Named(attribute, "Timeout", 0),
                    CacheTtl = Named(attribute, "CacheTtl", 0),
                    Group = NamedString(attribute, "Group"),
                    MaxReceiveCount = Named(attribute, "MaxReceiveCount", 0),
                    DeadLetterQueue = NamedString(attribute, "DeadLetterQueue"),
                    DelaySeconds = Named(attribute, "DelaySeconds", 0),
                    ExpirationSeconds = Named(attribute, "ExpirationSeconds", 0),
                    JsonContext = jsonContext,
                };
            }
        }
    }
}
