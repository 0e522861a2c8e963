using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KubeMQ.Typed.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace KubeMQ.Typed.CodeFixes
{
    /// <summary>KMQ0011: adds <c>[JsonSerializable(typeof(T))]</c> for the missing type to the contract's JsonSerializerContext.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableCodeFix)), Shared]
    public sealed class AddJsonSerializableCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("KMQ0011");

        // Several diagnostics may ask for the same type; one fix at a time keeps the attribute list free of duplicates.
        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.JsonContext, out var contextName) || contextName == null
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.JsonType, out var typeName) || typeName == null)
            {
                return;
            }
            var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
            var declaration = compilation?.GetTypeByMetadataName(contextName)?.DeclaringSyntaxReferences.FirstOrDefault();
            var document = declaration == null ? null : context.Document.Project.Solution.GetDocument(declaration.SyntaxTree);
            if (declaration == null || document == null)
                return; // a context compiled into another assembly cannot be edited from here

            var shortName = typeName.Replace("global::", "");
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add [JsonSerializable(typeof(" + shortName + "))] to " + contextName,
                    token => AddAsync(document, declaration, typeName, token),
                    equivalenceKey: "KMQ0011:" + contextName + ":" + typeName),
                diagnostic);
        }

        private static async Task<Solution> AddAsync(Document document, SyntaxReference declaration, string typeName, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || !(await declaration.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is TypeDeclarationSyntax type))
                return document.Project.Solution;
            var attribute = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSerializable"),
                SyntaxFactory.ParseAttributeArgumentList("(typeof(" + typeName + "))"));
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
            var changed = document.WithSyntaxRoot(root.ReplaceNode(type, type.AddAttributeLists(list)));
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return changed.Project.Solution;
        }
    }
}
