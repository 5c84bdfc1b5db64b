using System;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// What bounds PredictBatch on 1,024 rows of 784-128-10 (3.2 MB of inputs, beyond a 1 MB L2): the same 1,024 rows'
/// work done three ways — one call over 1,024 distinct rows, sixteen calls over sixteen distinct 64-row slices, and
/// sixteen calls over one 64-row slice (200 KB, so its inputs stay in the L2 from call to call).
/// </summary>
[MemoryDiagnoser]
public class InputResidencyBenchmarks
{
    private const int Rows = 1024, Slice = 64;
    private const long Forward = 784 * 128 + 128 * 10;
    private readonly MnistNet _net = new(1);
    private float[] _inputs = [], _outputs = [];

    [GlobalSetup]
    public void GlobalSetup()
    {
        _inputs = SampleInputs.Uniform(Rows * 784);
        _outputs = new float[Rows * 10];
    }

    [Benchmark(Baseline = true), Work(Forward * Rows, samples: Rows)]
    public void DistinctRowsOneCall() => _net.PredictBatch(_inputs, _outputs);

    [Benchmark, Work(Forward * Rows, samples: Rows)]
    public void DistinctRowsSixteenCalls()
    {
        for (int k = 0; k < Rows / Slice; k++) _net.PredictBatch(_inputs.AsSpan(k * Slice * 784, Slice * 784), _outputs.AsSpan(k * Slice * 10, Slice * 10));
    }

    [Benchmark, Work(Forward * Rows, samples: Rows)]
    public void SameRowsSixteenCalls()
    {
        for (int k = 0; k < Rows / Slice; k++) _net.PredictBatch(_inputs.AsSpan(0, Slice * 784), _outputs.AsSpan(k * Slice * 10, Slice * 10));
    }
}
