using System.Collections.Immutable;
using KubeMQ.Typed.Generators.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KubeMQ.Typed.Generators.Tests;

/// <summary>
/// Applies a code fix as the IDE does: documents in an AdhocWorkspace, the analyzer's diagnostic, the provider's first
/// action, its changed solution. Returns the fixed sources and what the analyzer reports afterwards.
/// </summary>
internal static class CodeFixHarness
{
    public static async Task<(IReadOnlyList<string> Sources, ImmutableArray<Diagnostic> After, string Title)> ApplyAsync(
        CodeFixProvider provider, string diagnosticId, params string[] sources)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Contracts", "Contracts", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.DefaultReferences));
        var ids = new List<DocumentId>();
        for (var i = 0; i < sources.Length; i++)
            ids.Add(workspace.AddDocument(project.Id, $"Contract{i}.cs", SourceText.From(sources[i])).Id);

        var solution = workspace.CurrentSolution;
        var diagnostics = await AnalyzeAsync(solution.GetProject(project.Id)!);
        var diagnostic = diagnostics.First(d => d.Id == diagnosticId);
        var document = solution.GetDocument(diagnostic.Location.SourceTree)!;

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var fix = Assert.Single(actions);
        var apply = Assert.Single((await fix.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());

        var fixedProject = apply.ChangedSolution.GetProject(project.Id)!;
        var texts = new List<string>();
        foreach (var id in ids)
            texts.Add((await fixedProject.GetDocument(id)!.GetTextAsync()).ToString());
        return (texts, await AnalyzeAsync(fixedProject), fix.Title);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers([new KubeMQContractAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }
}
