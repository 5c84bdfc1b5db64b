using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace StaticNet.Benchmarks.Paired;

/// <summary>
/// Two calls timed in turn in one process, block after block, so that what drifts on this kind of host (the clock
/// a shared package grants one core, a neighbour's load) falls on both sides of each pair alike. BenchmarkDotNet runs
/// each benchmark in a process of its own, minutes apart, and on these hosts a process's speed moves by up to a
/// quarter between runs and within one (docs/performance.md), which swamps a difference of a few percent. Each block
/// times <c>calls</c> calls of one side, then of the other (the order alternating from block to block), and the
/// report gives the distribution of the per-block ratios, which the drift between blocks does not enter.
/// </summary>
public static class PairedComparison
{
    /// <summary>One comparison's result: per-call medians and the ratio first / second over all blocks.</summary>
    public readonly record struct Result(string Name, double FirstNs, double SecondNs, double RatioMedian, double RatioLow, double RatioHigh, double ShareFirstNotSlower);

    /// <summary>
    /// Times <paramref name="first"/> against <paramref name="second"/>: a warm-up long enough for the JIT's last tier,
    /// then <paramref name="blocks"/> pairs of blocks of about <paramref name="blockMicroseconds"/> each.
    /// RatioLow and RatioHigh are the ratios' quartiles; the times are per call, or per row for calls of
    /// <paramref name="rowsPerCall"/> rows.
    /// </summary>
    public static Result Run(string name, Action first, Action second, int rowsPerCall = 1, int blocks = 400, double blockMicroseconds = 1000)
    {
        int calls = CallsPerBlock(first, second, blockMicroseconds);
        Warm(first, second, calls);
        var firstNs = new double[blocks];
        var secondNs = new double[blocks];
        var ratios = new double[blocks];
        for (int b = 0; b < blocks; b++)
        {
            bool firstGoesFirst = b % 2 == 0;
            double x = firstGoesFirst ? Time(first, calls) : 0, y = Time(second, calls);
            if (!firstGoesFirst) x = Time(first, calls);
            firstNs[b] = x;
            secondNs[b] = y;
            ratios[b] = x / y;
        }
        int notSlower = 0;
        foreach (double r in ratios) if (r <= 1) notSlower++;
        return new Result(name, Median(firstNs) / rowsPerCall, Median(secondNs) / rowsPerCall, Median(ratios), Quantile(ratios, 0.25), Quantile(ratios, 0.75), (double)notSlower / blocks);
    }

    private static int CallsPerBlock(Action first, Action second, double blockMicroseconds)
    {
        first(); second();
        double slower = Math.Max(Time(first, 10), Time(second, 10));
        return Math.Max(1, (int)(blockMicroseconds * 1000 / slower));
    }

    private static void Warm(Action first, Action second, int calls)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 2000)  // tiered compilation reaches its optimised, profiled code well within this
        {
            Time(first, calls);
            Time(second, calls);
        }
    }

    /// <summary>Nanoseconds per call over <paramref name="calls"/> calls.</summary>
    private static double Time(Action action, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int c = 0; c < calls; c++) action();
        return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / calls;
    }

    private static double Median(double[] values) => Quantile(values, 0.5);

    private static double Quantile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }

    /// <summary>The results as a Markdown table, per call or per row.</summary>
    public static string Table(IReadOnlyList<Result> results, string firstName, string secondName)
    {
        var lines = new List<string>
        {
            $"| comparison | {firstName} | {secondName} | ratio, median (quartiles) | blocks where {firstName} is not slower |",
            "|---|---|---|---|---|",
        };
        foreach (Result r in results)
        {
            lines.Add($"| {r.Name} | {r.FirstNs:N1} ns | {r.SecondNs:N1} ns | {r.RatioMedian:F3} ({r.RatioLow:F3}–{r.RatioHigh:F3}) | {r.ShareFirstNotSlower:P0} |");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
