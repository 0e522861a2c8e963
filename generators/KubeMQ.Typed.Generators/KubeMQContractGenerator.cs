using System;
using System.Collections.Generic;
using System.Threading;
using KubeMQ.Typed.Generators.Diagnostics;
using KubeMQ.Typed.Generators.Emitting;
using KubeMQ.Typed.Generators.Model;
using KubeMQ.Typed.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KubeMQ.Typed.Generators
{
    /// <summary>
    /// For every interface marked [KubeMQChannel], and every contract of a referenced assembly named by
    /// [assembly: KubeMQContracts(typeof(...))]: Parser (symbols → value model, at once) → Emitter (model → source).
    /// Misuse is reported by <see cref="Analysis.KubeMQContractAnalyzer"/> from the same parser, with real source
    /// locations so that #pragma, .editorconfig and code fixes apply; the generator only skips such contracts, and
    /// turns its own failures into one KMQ0099 naming the contract instead of breaking the build.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class KubeMQContractGenerator : IIncrementalGenerator
    {
        private readonly Action<string, string>? _failurePoint;

        public KubeMQContractGenerator()
        {
        }

        /// <summary>Tests only: <paramref name="failurePoint"/> runs with (stage, contract) where a failure must be contained.</summary>
        internal KubeMQContractGenerator(Action<string, string> failurePoint)
        {
            _failurePoint = failurePoint;
        }

        /// <summary>Tracking names of the pipeline steps, asserted by the incrementality tests.</summary>
        public static class TrackingNames
        {
            public const string Contracts = "KubeMQContracts";
            public const string ReferencedContracts = "KubeMQReferencedContracts";
            public const string AllContracts = "KubeMQAllContracts";
            public const string AssemblyJsonContext = "KubeMQAssemblyJsonContext";
            public const string Models = "KubeMQContractModels";
            public const string ModelsWithJsonContext = "KubeMQContractModelsWithJsonContext";
            public const string InternalErrors = "KubeMQInternalErrors";
        }

        /// <summary>The pipeline stages the test hook can fail in.</summary>
        internal static class Stages
        {
            public const string Parse = "parse";
            public const string Emit = "emit";
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var failurePoint = _failurePoint;
            var declared = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ContractParser.ChannelAttribute,
                    static (node, _) => node is TypeDeclarationSyntax,
                    (syntax, token) => ParseDeclared(syntax, failurePoint, token))
                .WithTrackingName(TrackingNames.Contracts);

            var referenced = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ContractParser.ContractsAttribute,
                    static (node, _) => node is CompilationUnitSyntax,
                    (syntax, token) => ParseReferenced(syntax, failurePoint, token))
                .WithTrackingName(TrackingNames.ReferencedContracts)
                .SelectMany(static (results, _) => results);

            var all = declared.Collect()
                .Combine(referenced.Collect())
                .SelectMany(static (pair, _) => pair.Left.AddRange(pair.Right))
                .WithTrackingName(TrackingNames.AllContracts);

            var assemblyJsonContext = context.CompilationProvider
                .Select(static (compilation, token) => ContractParser.AssemblyJsonContext(compilation.Assembly, token)?.ToDisplayString(ContractParser.TypeFormat))
                .WithTrackingName(TrackingNames.AssemblyJsonContext);

            var internalErrors = all
                .Where(static result => result.InternalError != null)
                .Select(static (result, _) => result.InternalError!)
                .WithTrackingName(TrackingNames.InternalErrors);
            context.RegisterSourceOutput(internalErrors, static (spc, error) => spc.ReportDiagnostic(ToDiagnostic(error)));

            var models = all
                .Where(static result => result.Contract != null)
                .Select(static (result, _) => result.Contract!)
                .WithTrackingName(TrackingNames.Models)
                .Combine(assemblyJsonContext)
                .WithTrackingName(TrackingNames.ModelsWithJsonContext);

            context.RegisterSourceOutput(models, (spc, pair) =>
            {
                var (contract, assemblyContext) = pair;
                // No context: the analyzer reports KMQ0012; emitting would only add errors about an unknown type.
                var jsonContext = contract.JsonContextType ?? assemblyContext;
                if (jsonContext == null)
                    return;
                string source;
                try
                {
                    failurePoint?.Invoke(Stages.Emit, contract.DisplayName);
                    source = ContractEmitter.Emit(contract, jsonContext);
                }
                catch (Exception exception)
                {
                    spc.ReportDiagnostic(ToDiagnostic(InternalError(contract.DisplayName, contract.Location, exception)));
                    return;
                }
                spc.AddSource(contract.HintName, source);
            });
        }

        private static ContractParseResult ParseDeclared(GeneratorAttributeSyntaxContext syntax, Action<string, string>? failurePoint, CancellationToken token)
        {
            var symbol = syntax.TargetSymbol;
            return Contain(symbol, null, () => ContractParser.ParseContract(symbol, syntax.Attributes[0], null, referenced: false, new List<Diagnostic>(), token), failurePoint);
        }

        private static ImmutableEquatableArray<ContractParseResult> ParseReferenced(
            GeneratorAttributeSyntaxContext syntax, Action<string, string>? failurePoint, CancellationToken token)
        {
            var results = new List<ContractParseResult>();
            foreach (var attribute in syntax.Attributes)
            {
                foreach (var (type, location) in ContractParser.ReferencedContracts(attribute, token))
                {
                    // Not a contract (KMQ0017) or declared in this assembly, where [KubeMQChannel] already generates it.
                    if (type == null || SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, syntax.SemanticModel.Compilation.Assembly))
                        continue;
                    var channel = ContractParser.ChannelAttributeOf(type);
                    if (channel == null)
                        continue;
                    results.Add(Contain(type, location,
                        () => ContractParser.ParseContract(type, channel, location, referenced: true, new List<Diagnostic>(), token), failurePoint));
                }
            }
            return results.ToImmutableEquatableArray();
        }

        private static ContractParseResult Contain(ISymbol symbol, Location? location, Func<ContractModel?> parse, Action<string, string>? failurePoint)
        {
            try
            {
                failurePoint?.Invoke(Stages.Parse, symbol.ToDisplayString());
                return new ContractParseResult(parse(), null);
            }
            catch (Exception exception) when (!(exception is OperationCanceledException))
            {
                // A generator that throws fails the whole build with an opaque message; one named error is better.
                var at = LocationInfo.From(location ?? ContractParser.FirstLocation(symbol));
                return new ContractParseResult(null, InternalError(symbol.ToDisplayString(), at, exception));
            }
        }

        private static DiagnosticInfo InternalError(string contract, LocationInfo? location, Exception exception) =>
            new DiagnosticInfo(DiagnosticDescriptors.InternalError.Id, location,
                new[] { contract, exception.GetType().Name + ": " + exception.Message }.ToImmutableEquatableArray());

        private static Diagnostic ToDiagnostic(DiagnosticInfo info)
        {
            var arguments = new object[info.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
                arguments[i] = info.Arguments[i];
            return Diagnostic.Create(DiagnosticDescriptors.Get(info.DescriptorId), info.Location?.ToLocation(), arguments);
        }
    }
}
