using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace KubeMQ.Typed.CodeFixes
{
    /// <summary>KMQ0006: removes the CancellationToken parameter that is not the method's single last one.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveCancellationTokenCodeFix)), Shared]
    public sealed class RemoveCancellationTokenCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("KMQ0006");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var parameter = root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault();
            if (root == null || parameter == null || !(parameter.Parent is ParameterListSyntax list))
                return;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove CancellationToken '" + parameter.Identifier.ValueText + "'",
                    token => RemoveAsync(context.Document, root, list, parameter, token),
                    "KMQ0006"),
                diagnostic);
        }

        private static Task<Document> RemoveAsync(Document document, SyntaxNode root, ParameterListSyntax list, ParameterSyntax parameter, CancellationToken cancellationToken)
        {
            // Rebuilt rather than removed in place, so the separators and spaces around the gap come out as written by hand.
            var kept = list.Parameters.Where(p => p != parameter).Select(p => p.WithoutLeadingTrivia());
            var rebuilt = list.WithParameters(SyntaxFactory.SeparatedList(kept)).WithAdditionalAnnotations(Formatter.Annotation);
            return Formatter.FormatAsync(document.WithSyntaxRoot(root.ReplaceNode(list, rebuilt)), Formatter.Annotation, cancellationToken: cancellationToken);
        }
    }
}
