using System;
using BenchmarkDotNet.Attributes;
using StaticNet.Kernels;

namespace StaticNet.Benchmarks;

/// <summary>
/// The softmax of a classifier's ten logits, as Predict calls it (one row that ends its span), and over a batch's 64 rows
/// as PredictBatch calls it (each row followed by the next: read by whole vectors), per row. Which register path runs
/// depends on the machine; run with <c>--envVars DOTNET_EnableAVX512:0</c> for the 256-bit one and
/// <c>DOTNET_EnableAVX2:0</c> for the 128-bit one.
/// </summary>
public class SoftmaxBenchmarks
{
    private const int Rows = 64, Stride = 48;  // 64-32-10's PredictBatch: rows of ten logits into activation rows of 48
    private readonly float[] _logits = { 10f, 3f, -2f, 0.5f, 1f, 2f, 3f, 4f, 5f, 6f }, _probabilities = new float[10];
    private readonly float[] _batchLogits = new float[Rows * 10], _batchValues = new float[Rows * Stride];

    public SoftmaxBenchmarks()
    {
        var random = new Random(3);
        for (int i = 0; i < _batchLogits.Length; i++) _batchLogits[i] = (float)(random.NextDouble() * 20 - 10);
    }

    [Benchmark]
    public void TenLogits() => VectorMath.Softmax(_logits, _probabilities);

    [Benchmark(OperationsPerInvoke = Rows)]
    public void TenLogitsOf64Rows() => Activations.Softmax(_batchLogits, 10, _batchValues, Stride, Rows, 10);
}
