using System;
using System.Collections.Generic;
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
    /// step of the pipeline; every problem found becomes a <see cref="DiagnosticInfo"/> at the offending syntax.
    /// </summary>
    internal static class ContractParser
    {
        public const string ChannelAttribute = "KubeMQ.Typed.KubeMQChannelAttribute";
        private const string MethodAttribute = "KubeMQ.Typed.KubeMQMethodAttribute";
        private const string CacheKeyAttribute = "KubeMQ.Typed.CacheKeyAttribute";
        private const string QueuePolicyAttribute = "KubeMQ.Typed.QueuePolicyAttribute";
        private const string TimeoutAttribute = "KubeMQ.Typed.KubeMQTimeoutAttribute";
        private const string JsonContextAttribute = "KubeMQ.Typed.KubeMQJsonContextAttribute";
        private const string CancellationTokenType = "System.Threading.CancellationToken";

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static ContractParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var symbol = context.TargetSymbol;
            try
            {
                var contract = ParseContract(symbol, context.Attributes, diagnostics, cancellationToken);
                return new ContractParseResult(contract, diagnostics.ToImmutableEquatableArray());
            }
            catch (Exception exception) when (!(exception is OperationCanceledException))
            {
                // A generator that throws breaks the whole build with an opaque message; one named error is better.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, FirstLocation(symbol),
                    symbol.ToDisplayString(), exception.GetType().Name + ": " + exception.Message));
                return new ContractParseResult(null, diagnostics.ToImmutableEquatableArray());
            }
        }

        /// <summary>The assembly-wide JsonSerializerContext named by [assembly: KubeMQJsonContext(typeof(X))], if any.</summary>
        public static string? ParseAssemblyJsonContext(Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.AttributeClass?.ToDisplayString() == JsonContextAttribute
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is ITypeSymbol type)
                {
                    return type.ToDisplayString(TypeFormat);
                }
            }
            return null;
        }

        private static ContractModel? ParseContract(
            ISymbol symbol, IEnumerable<AttributeData> attributes, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            if (!(symbol is INamedTypeSymbol type) || type.TypeKind != TypeKind.Interface)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAnInterface, FirstLocation(symbol), symbol.Name));
                return null;
            }
            var displayName = type.ToDisplayString();
            if (type.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericContract, FirstLocation(type), displayName));
                return null;
            }

            var channelAttribute = attributes.First();
            var channel = channelAttribute.ConstructorArguments.Length == 1 ? channelAttribute.ConstructorArguments[0].Value as string : null;
            var settings = ContractSettings.From(channelAttribute);
            var attributeLocation = channelAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? FirstLocation(type);
            var channelProblem = ChannelProblem(channel);
            if (channelProblem != null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidChannel, attributeLocation, channel ?? "", displayName, channelProblem));
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
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, FirstLocation(member), member.Name, displayName));
                }
            }

            var pattern = ResolvePattern(settings.Pattern, methods.Select(m => m.Symbol).ToList(), type, displayName, diagnostics);
            if (pattern == null)
                return null;

            if (pattern != ContractPattern.Queries && settings.CacheTtl > 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CacheOnNonQuery, attributeLocation, displayName, pattern.Value.ToString()));

            var models = new List<MethodModel>();
            var wireNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (method, declaring) in methods)
            {
                var model = ParseMethod(method, declaring, pattern.Value, settings, diagnostics);
                if (model == null)
                    continue;
                if (!wireNames.Add(model.WireName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateWireName, FirstLocation(method), displayName, model.WireName));
                    continue;
                }
                models.Add(model);
            }

            if (diagnostics.Count > 0)
                return null;

            return new ContractModel(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                InterfaceType: type.ToDisplayString(TypeFormat),
                DisplayName: displayName,
                IsPublic: IsEffectivelyPublic(type),
                BaseName: BaseName(type),
                Channel: channel!,
                Pattern: pattern.Value,
                Group: string.IsNullOrEmpty(settings.Group) ? null : settings.Group,
                JsonContextType: settings.JsonContext?.ToDisplayString(TypeFormat),
                Methods: models.ToImmutableEquatableArray(),
                HintName: HintName(type),
                Location: LocationInfo.From(FirstLocation(type)));
        }

        private static ContractPattern? ResolvePattern(
            int declared, List<IMethodSymbol> methods, INamedTypeSymbol type, string displayName, List<DiagnosticInfo> diagnostics)
        {
            if (declared >= 1 && declared <= 5)
                return (ContractPattern)declared;
            var withResult = methods.Count(m => ResultType(m.ReturnType) != null);
            if (methods.Count > 0 && withResult == methods.Count)
                return ContractPattern.Queries;
            if (methods.Count > 0 && withResult == 0)
                return ContractPattern.Commands;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PatternNotInferred, FirstLocation(type), displayName));
            return null;
        }

        private static MethodModel? ParseMethod(
            IMethodSymbol method, INamedTypeSymbol declaring, ContractPattern pattern, ContractSettings settings, List<DiagnosticInfo> diagnostics)
        {
            var location = FirstLocation(method);
            var ok = true;
            if (method.IsGenericMethod)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericMethod, location, method.Name));
                ok = false;
            }

            var returnKind = ReturnKind(method.ReturnType);
            var result = ResultType(method.ReturnType);
            var allowsResult = pattern == ContractPattern.Commands || pattern == ContractPattern.Queries;
            if (returnKind == null || (result != null && !allowsResult))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location,
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
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRefParameter, FirstLocation(parameter), parameter.Name, method.Name));
                    ok = false;
                    continue;
                }
                if (parameter.Type.ToDisplayString() == CancellationTokenType)
                {
                    if (i != method.Parameters.Length - 1)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MisplacedCancellationToken, FirstLocation(parameter), method.Name));
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
                        cacheLocation = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? location;
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
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CacheOnNonQuery, cacheLocation, method.Name, PatternName(pattern)));
                ok = false;
            }
            else if (cacheTemplate != null)
            {
                if (cacheTtl <= 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CacheWithoutTtl, cacheLocation, method.Name));
                    ok = false;
                }
                var segments = ParseCacheTemplate(cacheTemplate, method, parameters, cacheLocation, diagnostics);
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
            string template, IMethodSymbol method, List<ParameterModel> parameters, Location? location, List<DiagnosticInfo> diagnostics)
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
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownCacheKeyParameter, location, template, method.Name, name));
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

        private static ITypeSymbol? ResultType(ITypeSymbol type) =>
            type is INamedTypeSymbol named && named.IsGenericType && ReturnKind(type) != null ? named.TypeArguments[0] : null;

        private static TypeRef ToTypeRef(ITypeSymbol type)
        {
            var annotated = type.ToDisplayString(TypeFormat);
            var plain = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated
                ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat)
                : annotated;
            return new TypeRef(annotated, plain);
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

        private static Location? FirstLocation(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource);

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
        private sealed class ContractSettings
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
