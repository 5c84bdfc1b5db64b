using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using StaticNet.Experiments;

// dotnet run --project samples/Experiments -c Release -- <experiment>|all [--output DIR]
// Each experiment prints its table and writes a PNG into DIR (default: samples/Experiments/output).
IExperiment[] experiments =
{
    new LearningRateExperiment(), new VanishingGradientsExperiment(), new OverfittingExperiment(),
    new BatchSizeExperiment(), new ActivationsExperiment(),
};

string? name = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
int outputFlag = Array.IndexOf(args, "--output");
string output = outputFlag >= 0 && outputFlag + 1 < args.Length ? args[outputFlag + 1] : DefaultOutput();
IExperiment[] chosen = name == "all" ? experiments : experiments.Where(e => e.Name == name).ToArray();
if (chosen.Length == 0)
{
    Console.Error.WriteLine("usage: dotnet run --project samples/Experiments -c Release -- <experiment>|all [--output DIR]");
    Console.Error.WriteLine("experiments: " + string.Join(", ", experiments.Select(e => e.Name)));
    return 2;
}

foreach (IExperiment experiment in chosen)
{
    var clock = Stopwatch.StartNew();
    (string table, string plot) = experiment.Run(Digits.DefaultPath, output);
    clock.Stop();
    Console.WriteLine($"== {experiment.Name}: {experiment.Title}");
    Console.WriteLine();
    Console.Write(table);
    Console.WriteLine();
    Console.WriteLine($"plot: {Path.GetRelativePath(Environment.CurrentDirectory, plot)} ({clock.Elapsed.TotalSeconds:F1} s)");
    Console.WriteLine();
}
return 0;

// samples/Experiments/output, found above the build output (bin/Release/net10.0/) whatever the working directory.
static string DefaultOutput()
{
    for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Experiments.csproj"))) return Path.Combine(dir.FullName, "output");
    }
    return Path.Combine(Environment.CurrentDirectory, "output");
}
