using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StaticNet.Benchmarks;

/// <summary>How much arithmetic one benchmark operation does: multiply-adds, over how many samples.</summary>
/// <remarks>With <c>perRow</c>, the counts are for one row and the benchmark class has a <c>Rows</c> parameter.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkAttribute(long multiplyAdds, int samples = 1, bool perRow = false) : Attribute
{
    public long MultiplyAdds { get; } = multiplyAdds;

    public int Samples { get; } = samples;

    public bool PerRow { get; } = perRow;
}

/// <summary>GFLOP/s, % of the measured FMA peak, and samples per second, from each row's mean time and its [Work].</summary>
public sealed class WorkColumn(string name, Func<WorkAttribute, double, string> value) : IColumn
{
    public static readonly IColumn Gflops = new WorkColumn("GFLOP/s", (w, ns) => (2.0 * w.MultiplyAdds / ns).ToString("F1"));
    public static readonly IColumn PercentOfPeak = new WorkColumn("% of peak", (w, ns) => (100.0 * 2.0 * w.MultiplyAdds / ns / FmaPeak.Gflops).ToString("F1"));
    public static readonly IColumn SamplesPerSecond = new WorkColumn("samples/s", (w, ns) => (w.Samples / (ns * 1e-9)).ToString("N0"));
    public static readonly IColumn NanosecondsPerSample = new WorkColumn("ns/sample", (w, ns) => (ns / w.Samples).ToString("N1"));

    public string Id => "Work." + ColumnName;
    public string ColumnName { get; } = name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => ColumnName + " computed from the mean time and the benchmark's multiply-add count (peak: " + FmaPeak.Gflops.ToString("F1") + " GFLOP/s measured)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        WorkAttribute? work = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<WorkAttribute>();
        if (work is { PerRow: true })
        {
            int rows = Convert.ToInt32(benchmarkCase.Parameters["Rows"]);
            work = new WorkAttribute(work.MultiplyAdds * rows, work.Samples * rows);
        }
        double? ns = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return work is null || ns is null or <= 0 ? "-" : value(work, ns.Value);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
