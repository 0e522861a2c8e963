using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
    /// <summary>
    /// KMQ0007: gives the overload that collides an explicit, unused wire name with <c>[KubeMQMethod("...")]</c> (the
    /// method name and the next free number), so both overloads travel and dispatch separately.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddWireNameCodeFix)), Shared]
    public sealed class AddWireNameCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("KMQ0007");

        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var method = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
            if (root == null || method == null || HasWireName(method))
                return;

            diagnostic.Properties.TryGetValue(DiagnosticProperties.WireNames, out var taken);
            var used = new HashSet<string>((taken ?? "").Split('\n'), System.StringComparer.Ordinal);
            var name = method.Identifier.ValueText;
            var number = 2;
            while (used.Contains(name + number.ToString(CultureInfo.InvariantCulture)))
                number++;
            var wireName = name + number.ToString(CultureInfo.InvariantCulture);

            context.RegisterCodeFix(
                CodeAction.Create("Add [KubeMQMethod(\"" + wireName + "\")]", token => AddAsync(context.Document, root, method, wireName, token), "KMQ0007"),
                diagnostic);
        }

        private static bool HasWireName(MethodDeclarationSyntax method) =>
            method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().EndsWith("KubeMQMethod", System.StringComparison.Ordinal)
                || a.Name.ToString().EndsWith("KubeMQMethodAttribute", System.StringComparison.Ordinal));

        private static async Task<Document> AddAsync(Document document, SyntaxNode root, MethodDeclarationSyntax method, string wireName, CancellationToken cancellationToken)
        {
            var attribute = SyntaxFactory.Attribute(
                SyntaxFactory.ParseName("global::KubeMQ.Typed.KubeMQMethod"),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(wireName))))));
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
            var changed = document.WithSyntaxRoot(root.ReplaceNode(method, method.AddAttributeLists(list)));
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
