using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KubeMQ.Typed.Generators.Parsing
{
    /// <summary>
    /// Finds the narrowest syntax to blame for a problem (a channel argument, a return type, one parameter), falling back
    /// to a wider location when the symbol has no source (a base contract or a contract from a referenced assembly).
    /// </summary>
    internal sealed class SyntaxLocations
    {
        private readonly CancellationToken _cancellationToken;

        public SyntaxLocations(Location? fallback, CancellationToken cancellationToken)
        {
            Fallback = fallback;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Where problems without their own source go: the contract's name, or the typeof() that named it.</summary>
        public Location? Fallback { get; }

        public Location? Of(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Fallback;

        public Location? Attribute(AttributeData attribute) =>
            AttributeSyntax(attribute)?.GetLocation() ?? Fallback;

        /// <summary>The constructor argument at <paramref name="index"/> of an attribute, or the attribute itself.</summary>
        public Location? ConstructorArgument(AttributeData attribute, int index)
        {
            var syntax = AttributeSyntax(attribute);
            var positional = syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals == null && a.NameColon == null).ToList();
            if (positional != null && index < positional.Count)
                return positional[index].GetLocation();
            return syntax?.GetLocation() ?? Fallback;
        }

        /// <summary>The <c>Name = value</c> argument of an attribute, or the attribute itself.</summary>
        public Location? NamedArgument(AttributeData attribute, string name)
        {
            var syntax = AttributeSyntax(attribute);
            var argument = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
            return argument?.GetLocation() ?? syntax?.GetLocation() ?? Fallback;
        }

        public Location? ReturnType(IMethodSymbol method) =>
            (Declaration(method) as MethodDeclarationSyntax)?.ReturnType.GetLocation() ?? Of(method);

        public Location? TypeParameters(IMethodSymbol method) =>
            (Declaration(method) as MethodDeclarationSyntax)?.TypeParameterList?.GetLocation() ?? Of(method);

        public Location? TypeParameters(INamedTypeSymbol type) =>
            (Declaration(type) as TypeDeclarationSyntax)?.TypeParameterList?.GetLocation() ?? Of(type);

        public Location? Parameter(IParameterSymbol parameter) =>
            Declaration(parameter)?.GetLocation() ?? Of(parameter);

        public Location? ParameterType(IParameterSymbol parameter) =>
            (Declaration(parameter) as ParameterSyntax)?.Type?.GetLocation() ?? Of(parameter);

        private AttributeSyntax? AttributeSyntax(AttributeData attribute) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax;

        private SyntaxNode? Declaration(ISymbol symbol) =>
            symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken);
    }
}
