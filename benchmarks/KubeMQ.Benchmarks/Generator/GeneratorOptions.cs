using System.Globalization;

namespace KubeMQ.Benchmarks.Generator;

/// <summary>Arguments of the `generator` verb.</summary>
internal sealed record GeneratorOptions(int Contracts, int MethodsPerContract, int Runs, string? OutputFile, bool Steps)
{
    public static GeneratorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GeneratorOptions(Contracts: 500, MethodsPerContract: 5, Runs: 7, OutputFile: null, Steps: false);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--steps")
            {
                options = options with { Steps = true };
                continue;
            }
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--contracts" => options with { Contracts = Positive(name, value) },
                "--methods" => options with { MethodsPerContract = Positive(name, value) },
                "--runs" => options with { Runs = Positive(name, value) },
                "--out" => options with { OutputFile = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'");
}
