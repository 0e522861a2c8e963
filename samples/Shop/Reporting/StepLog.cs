namespace Shop;

/// <summary>Where a step writes its lines, indented under the step's title.</summary>
public sealed class StepLog(TextWriter output)
{
    public void Line(string text) => output.WriteLine("    " + text);
}
