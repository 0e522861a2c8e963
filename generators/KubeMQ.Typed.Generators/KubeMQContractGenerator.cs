using KubeMQ.Typed.Generators.Diagnostics;
using KubeMQ.Typed.Generators.Emitting;
using KubeMQ.Typed.Generators.Model;
using KubeMQ.Typed.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KubeMQ.Typed.Generators
{
    /// <summary>
    /// For every interface marked [KubeMQChannel]: Parser (symbols → value model) → Emitter (model → source), with
    /// diagnostics in their own output so that a diagnostic change never re-emits sources and vice versa.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class KubeMQContractGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, asserted by the incrementality tests.</summary>
        public static class TrackingNames
        {
            public const string Contracts = "KubeMQContracts";
            public const string AssemblyJsonContext = "KubeMQAssemblyJsonContext";
            public const string Models = "KubeMQContractModels";
            public const string ModelsWithJsonContext = "KubeMQContractModelsWithJsonContext";
            public const string Diagnostics = "KubeMQContractDiagnostics";
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ContractParser.ChannelAttribute,
                    static (node, _) => node is TypeDeclarationSyntax,
                    ContractParser.Parse)
                .WithTrackingName(TrackingNames.Contracts);

            var assemblyJsonContext = context.CompilationProvider
                .Select(static (compilation, token) => ContractParser.ParseAssemblyJsonContext(compilation, token))
                .WithTrackingName(TrackingNames.AssemblyJsonContext);

            var diagnostics = parsed
                .Select(static (result, _) => result.Diagnostics)
                .WithTrackingName(TrackingNames.Diagnostics);
            context.RegisterSourceOutput(diagnostics, static (spc, items) =>
            {
                foreach (var item in items)
                    spc.ReportDiagnostic(ToDiagnostic(item));
            });

            var models = parsed
                .Where(static result => result.Contract != null)
                .Select(static (result, _) => result.Contract!)
                .WithTrackingName(TrackingNames.Models)
                .Combine(assemblyJsonContext)
                .WithTrackingName(TrackingNames.ModelsWithJsonContext);

            context.RegisterSourceOutput(models, static (spc, pair) =>
            {
                var (contract, assemblyContext) = pair;
                var jsonContext = contract.JsonContextType ?? assemblyContext;
                if (jsonContext == null)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoJsonContext, contract.Location?.ToLocation(), contract.DisplayName));
                    return;
                }
                spc.AddSource(contract.HintName, ContractEmitter.Emit(contract, jsonContext));
            });
        }

        private static Diagnostic ToDiagnostic(DiagnosticInfo info)
        {
            var arguments = new object[info.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
                arguments[i] = info.Arguments[i];
            return Diagnostic.Create(DiagnosticDescriptors.Get(info.DescriptorId), info.Location?.ToLocation(), arguments);
        }
    }
}
