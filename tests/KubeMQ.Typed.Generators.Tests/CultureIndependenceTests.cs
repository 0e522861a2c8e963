using System.Globalization;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>The generated source is the same whatever culture the compiler runs under (numbers, casing, messages).</summary>
public sealed class CultureIndependenceTests
{
    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void Generated_source_does_not_depend_on_the_current_culture(string culture)
    {
        var expected = Generate();
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(culture, CultureInfo.CurrentCulture.Name);
            var actual = Generate();
            Assert.Equal(expected, actual);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private static string Generate()
    {
        var compilation = GeneratorHarness.CreateCompilation(ContractSources.Model, ContractSources.Queries, ContractSources.Queue,
            ShapeSources.Model.Replace("[assembly: KubeMQJsonContext(typeof(Shapes.ShapeJson))]", "", StringComparison.Ordinal), ShapeSources.Nested.Replace("Count(", "Item(", StringComparison.Ordinal));
        var sources = GeneratorHarness.Run(compilation).Result.Results.Single().GeneratedSources;
        Assert.Equal(3, sources.Length);
        return string.Join("\n", sources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText));
    }
}
