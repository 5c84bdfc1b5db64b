using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using StaticNet.Benchmarks;
using StaticNet.Benchmarks.Paired;

// dotnet run -c Release --project benchmarks/StaticNet.Benchmarks -- --filter '*'
// (or a class: --filter '*Mnist*'; add --job short for a quick look). The FMA peak is measured
// first, in this process, so every row can be reported as a percentage of it.
// `-- paired` instead times issue 15's comparisons in pairs in one process (Paired/PairedRuns.cs);
// `-- paired predict` or `-- paired batches` only the one-sample or the batch ones.
if (args is ["paired"] or ["paired", "predict" or "batches"])
{
    PairedRuns.Run(predict: args is not [_, "batches"], batches: args is not [_, "predict"]);
    return;
}

double peak = FmaPeak.Measure();
Console.WriteLine($"Measured single-core FMA peak: {peak:F1} GFLOP/s ({FmaPeak.Lanes} lanes)");
var config = DefaultConfig.Instance
    .AddColumn(WorkColumn.Gflops, WorkColumn.PercentOfPeak, WorkColumn.SamplesPerSecond, WorkColumn.NanosecondsPerSample)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(FmaPeak).Assembly).Run(args, config);
