using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Collections.Immutable;
using KubeMQ.Typed.Generators.Diagnostics;
using KubeMQ.Typed.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KubeMQ.Typed.Generators.Analysis
{
    /// <summary>
    /// Reports contract misuse (KMQ0001–KMQ0017) from the generator's own parser. Diagnostics come from an analyzer
    /// rather than the generator because only analyzer diagnostics carry real source locations through the pipeline:
    /// that is what makes <c>#pragma warning disable</c>, .editorconfig severities and code fixes work.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class KubeMQContractAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.Analyzed;

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (start.Compilation.GetTypeByMetadataName(ContractParser.ChannelAttribute) == null)
                    return;
                var assemblyContext = ContractParser.AssemblyJsonContext(start.Compilation.Assembly, start.CancellationToken);
                // A derived contract re-parses its base contracts' methods; a problem there is reported once, not per contract.
                var reported = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
                void Report(Diagnostic diagnostic, Action<Diagnostic> report)
                {
                    var key = diagnostic.Id + "|" + diagnostic.Location.SourceTree?.FilePath + "|" + diagnostic.Location.SourceSpan
                        + "|" + diagnostic.GetMessage(CultureInfo.InvariantCulture);
                    if (reported.TryAdd(key, true))
                        report(diagnostic);
                }
                start.RegisterSymbolAction(symbol => AnalyzeDeclared(symbol, assemblyContext, d => Report(d, symbol.ReportDiagnostic)), SymbolKind.NamedType);
                // Per [assembly: ...] list rather than a compilation-end action, which the IDE runs only on full analysis.
                start.RegisterSyntaxNodeAction(list => AnalyzeReferenced(list, assemblyContext, d => Report(d, list.ReportDiagnostic)), SyntaxKind.AttributeList);
            });
        }

        private static void AnalyzeDeclared(SymbolAnalysisContext context, INamedTypeSymbol? assemblyContext, Action<Diagnostic> report)
        {
            var channel = ContractParser.ChannelAttributeOf((INamedTypeSymbol)context.Symbol);
            if (channel == null)
                return;
            Analyze(context.Symbol, channel, null, false, assemblyContext, report, context.CancellationToken);
        }

        private static void AnalyzeReferenced(SyntaxNodeAnalysisContext context, INamedTypeSymbol? assemblyContext, Action<Diagnostic> report)
        {
            var list = (AttributeListSyntax)context.Node;
            if (list.Target?.Identifier.IsKind(SyntaxKind.AssemblyKeyword) != true)
                return;
            foreach (var attribute in context.Compilation.Assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != ContractParser.ContractsAttribute
                    || attribute.ApplicationSyntaxReference?.SyntaxTree != list.SyntaxTree
                    || !list.Span.Contains(attribute.ApplicationSyntaxReference.Span))
                    continue;
                foreach (var (type, location) in ContractParser.ReferencedContracts(attribute, context.CancellationToken))
                {
                    if (type == null)
                        continue;
                    var channel = ContractParser.ChannelAttributeOf(type);
                    if (channel == null)
                    {
                        report(Diagnostic.Create(DiagnosticDescriptors.NotAContract, location, type.ToDisplayString()));
                        continue;
                    }
                    // A contract of this assembly is analyzed (and generated) where it is declared.
                    if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, context.Compilation.Assembly))
                        continue;
                    Analyze(type, channel, location, true, assemblyContext, report, context.CancellationToken);
                }
            }
        }

        private static void Analyze(
            ISymbol symbol, AttributeData channel, Location? fallback, bool referenced, INamedTypeSymbol? assemblyContext,
            Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            var diagnostics = new List<Diagnostic>();
            try
            {
                var model = ContractParser.ParseContract(symbol, channel, fallback, referenced, diagnostics, cancellationToken);
                if (model != null)
                    JsonRegistrationCheck.Check((INamedTypeSymbol)symbol, channel, assemblyContext, fallback, diagnostics, cancellationToken);
            }
            catch (Exception exception) when (!(exception is OperationCanceledException))
            {
                // The generator runs the same parser and reports this failure as KMQ0099; one report is enough.
                return;
            }
            foreach (var diagnostic in diagnostics)
                report(diagnostic);
        }
    }
}
