using System;
using BenchmarkDotNet.Attributes;
using StaticNet.Benchmarks.Peers;

namespace StaticNet.Benchmarks;

/// <summary>
/// Inference on a batch of rows: the generated <c>PredictBatch</c>, the generated <c>Predict</c> called once per row,
/// and ONNX Runtime on one thread (IOBinding and plain Run) running the exported model with the same weights.
/// [Work] counts one row; the columns multiply by <see cref="Rows"/>.
/// </summary>
[MemoryDiagnoser]
public abstract class InferenceBenchmarks
{
    [Params(1, 8, 64, 1024)]
    public int Rows { get; set; }

    protected float[] Inputs = [], Outputs = [];
    protected OnnxRuntimePeer Ort = null!;

    protected abstract INetwork Network { get; }

    protected abstract void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    [GlobalSetup]
    public void GlobalSetup()
    {
        INetwork network = Network;
        Inputs = SampleInputs.Uniform(Rows * network.InputSize);
        Outputs = new float[Rows * network.OutputSize];
        PredictBatch(Inputs, Outputs);
        Ort = new OnnxRuntimePeer(network, Inputs, Rows);
        Ort.CheckAgainst(Outputs, 1e-5f);
    }

    [GlobalCleanup]
    public void GlobalCleanup() => Ort.Dispose();

    /// <summary>Predict once per row, what a caller without a batched API writes.</summary>
    protected void PredictEachRow()
    {
        INetwork network = Network;
        int nIn = network.InputSize, nOut = network.OutputSize;
        for (int r = 0; r < Rows; r++) network.Predict(Inputs.AsSpan(r * nIn, nIn), Outputs.AsSpan(r * nOut, nOut));
    }
}

public class DigitsInference : InferenceBenchmarks
{
    private const long Forward = 64 * 32 + 32 * 10;
    private readonly DigitsNet _net = new(1);

    protected override INetwork Network => _net;
    protected override void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => _net.PredictBatch(inputs, outputs);

    [Benchmark(Baseline = true), Work(Forward, perRow: true)] public void PredictBatchStaticNet() => _net.PredictBatch(Inputs, Outputs);
    [Benchmark, Work(Forward, perRow: true)] public void PredictEachRowStaticNet() => PredictEachRow();
    [Benchmark, Work(Forward, perRow: true)] public void OnnxRuntimeIoBinding() => Ort.RunBound();
    [Benchmark, Work(Forward, perRow: true)] public void OnnxRuntimeRun() => Ort.RunPlain();
}

public class MnistInference : InferenceBenchmarks
{
    private const long Forward = 784 * 128 + 128 * 10;
    private readonly MnistNet _net = new(1);

    protected override INetwork Network => _net;
    protected override void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => _net.PredictBatch(inputs, outputs);

    [Benchmark(Baseline = true), Work(Forward, perRow: true)] public void PredictBatchStaticNet() => _net.PredictBatch(Inputs, Outputs);
    [Benchmark, Work(Forward, perRow: true)] public void PredictEachRowStaticNet() => PredictEachRow();
    [Benchmark, Work(Forward, perRow: true)] public void OnnxRuntimeIoBinding() => Ort.RunBound();
    [Benchmark, Work(Forward, perRow: true)] public void OnnxRuntimeRun() => Ort.RunPlain();
}

public class Deep256Inference : InferenceBenchmarks
{
    private const long Forward = 4 * 256 * 256 + 256 * 10;
    private readonly Deep256Net _net = new(1);

    protected override INetwork Network => _net;
    protected override void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => _net.PredictBatch(inputs, outputs);

    [Benchmark(Baseline = true), Work(Forward, perRow: true)] public void PredictBatchStaticNet() => _net.PredictBatch(Inputs, Outputs);
    [Benchmark, Work(Forward, perRow: true)] public void PredictEachRowStaticNet() => PredictEachRow();
    [Benchmark, Work(Forward, perRow: true)] public void OnnxRuntimeIoBinding() => Ort.RunBound();
    [Benchmark, Work(Forward, perRow: true)] public void OnnxRuntimeRun() => Ort.RunPlain();
}
