using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace StaticNet.Benchmarks.Paired;

/// <summary>
/// Two calls timed in turn in one process, pair of blocks after pair of blocks, so that what drifts on this kind of host
/// (the clock a shared package grants one core, a neighbour's load) falls on both sides of each pair alike.
/// BenchmarkDotNet runs each benchmark in a process of its own, minutes apart, and on these hosts a process's speed
/// moves between runs and within one by more than the few percent a target may turn on (docs/performance.md, eleventh
/// round). Each pair times <c>calls</c> calls of one side, then of the other (which goes first alternating from pair to
/// pair), and the report gives the distribution of the per-pair ratios, which drift slower than a pair does not enter.
/// </summary>
public static class PairedComparison
{
    /// <summary>
    /// One comparison: per-call medians of each side, the per-pair ratios first / second (median and quartiles), the
    /// share of pairs where the first side was not slower, and how long one block took.
    /// </summary>
    public readonly record struct Result(string Name, double FirstNs, double SecondNs, double RatioMedian, double RatioLowerQuartile,
        double RatioUpperQuartile, double ShareFirstNotSlower, double BlockMicroseconds);

    /// <summary>
    /// Times <paramref name="first"/> against <paramref name="second"/>: a warm-up long enough for the JIT's last tier,
    /// then the calls per block sized so that the slower side's block takes about <paramref name="blockMicroseconds"/>,
    /// then <paramref name="pairs"/> pairs of blocks. Times are per call, or per row for calls of
    /// <paramref name="rowsPerCall"/> rows.
    /// </summary>
    public static Result Run(string name, Action first, Action second, int rowsPerCall = 1, int pairs = 400, double blockMicroseconds = 1000)
    {
        Warm(first, second);
        int calls = CallsPerBlock(first, second, blockMicroseconds);
        var firstNs = new double[pairs];
        var secondNs = new double[pairs];
        var ratios = new double[pairs];
        for (int b = 0; b < pairs; b++)
        {
            double x, y;
            if (b % 2 == 0)
            {
                x = Time(first, calls);
                y = Time(second, calls);
            }
            else
            {
                y = Time(second, calls);
                x = Time(first, calls);
            }
            firstNs[b] = x;
            secondNs[b] = y;
            ratios[b] = x / y;
        }
        int notSlower = 0;
        foreach (double r in ratios) if (r <= 1) notSlower++;
        double firstMedian = Median(firstNs), secondMedian = Median(secondNs);
        return new Result(name, firstMedian / rowsPerCall, secondMedian / rowsPerCall, Median(ratios), Quantile(ratios, 0.25),
            Quantile(ratios, 0.75), (double)notSlower / pairs, Math.Max(firstMedian, secondMedian) * calls / 1000);
    }

    private static void Warm(Action first, Action second)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 2000)  // tiered compilation reaches its optimised, profiled code well within this
        {
            Time(first, 10);
            Time(second, 10);
        }
    }

    private static int CallsPerBlock(Action first, Action second, double blockMicroseconds)
    {
        double slower = Math.Max(Time(first, 100), Time(second, 100));
        return Math.Max(1, (int)(blockMicroseconds * 1000 / slower));
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
            $"| comparison | {firstName} | {secondName} | ratio, median (quartiles) | pairs where {firstName} is not slower | block |",
            "|---|---|---|---|---|---|",
        };
        foreach (Result r in results)
        {
            lines.Add($"| {r.Name} | {r.FirstNs:N1} ns | {r.SecondNs:N1} ns | {r.RatioMedian:F3} ({r.RatioLowerQuartile:F3}–{r.RatioUpperQuartile:F3}) | {r.ShareFirstNotSlower:P0} | {r.BlockMicroseconds:N0} µs |");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
