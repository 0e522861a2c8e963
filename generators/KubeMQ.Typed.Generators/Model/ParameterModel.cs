namespace KubeMQ.Typed.Generators.Model
{
    /// <param name="Identifier">The C# identifier, escaped with @ when it is a keyword.</param>
    /// <param name="JsonName">The property name in a several-parameter body: the declared name, verbatim.</param>
    internal sealed record ParameterModel(string Identifier, string JsonName, TypeRef Type);
}
