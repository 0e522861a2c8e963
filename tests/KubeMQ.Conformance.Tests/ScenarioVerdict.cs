using System.Text.Json;

namespace KubeMQ.Conformance.Tests;

/// <summary>One line a conformance script printed: {"scenario":"...","pass":bool,"expected":...,"actual":...}.</summary>
internal sealed record ScenarioVerdict(string Scenario, bool Pass, string Expected, string Actual)
{
    /// <summary>Every JSON verdict line of a script's output; other lines are returned as unparsed.</summary>
    public static (IReadOnlyList<ScenarioVerdict> Verdicts, IReadOnlyList<string> Unparsed) ParseAll(string output)
    {
        var verdicts = new List<ScenarioVerdict>();
        var unparsed = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (TryParse(line, out var verdict))
                verdicts.Add(verdict);
            else
                unparsed.Add(line);
        }
        return (verdicts, unparsed);
    }

    private static bool TryParse(string line, out ScenarioVerdict verdict)
    {
        verdict = null!;
        if (!line.StartsWith('{'))
            return false;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("scenario", out var scenario) || scenario.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("pass", out var pass) || pass.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return false;
            }
            verdict = new ScenarioVerdict(
                scenario.GetString()!,
                pass.GetBoolean(),
                root.TryGetProperty("expected", out var expected) ? expected.GetRawText() : "(missing)",
                root.TryGetProperty("actual", out var actual) ? actual.GetRawText() : "(missing)");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
