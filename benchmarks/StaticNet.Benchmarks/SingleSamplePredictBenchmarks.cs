using System;
using BenchmarkDotNet.Attributes;
using StaticNet.Benchmarks.Peers;

namespace StaticNet.Benchmarks;

/// <summary>
/// One sample's Predict: the generated one against the hand-specialised yardstick (<see cref="HandWrittenPredict"/>),
/// same weights, checked equal at setup.
/// </summary>
[MemoryDiagnoser]
public abstract class SingleSamplePredictBenchmarks
{
    protected float[] Input = [], Output = [];
    protected HandWrittenPredict Hand = null!;

    protected void Setup(INetwork network, int hidden)
    {
        var random = new Random(3);
        Input = new float[network.InputSize];
        for (int i = 0; i < Input.Length; i++) Input[i] = (float)random.NextDouble();
        Output = new float[network.OutputSize];
        Hand = new HandWrittenPredict(network, hidden);
        float[] expected = new float[network.OutputSize];
        network.Predict(Input, expected);
        Hand.Predict(Input, Output);
        for (int k = 0; k < expected.Length; k++)
            if (MathF.Abs(expected[k] - Output[k]) > 1e-5f) throw new InvalidOperationException($"The hand-written Predict differs at {k}: {Output[k]} vs {expected[k]}.");
    }
}

public class DigitsPredict : SingleSamplePredictBenchmarks
{
    private readonly DigitsNet _net = new(1);
    [GlobalSetup] public void GlobalSetup() => Setup(_net, 32);
    [Benchmark(Baseline = true), Work(64 * 32 + 32 * 10)] public void PredictStaticNet() => _net.Predict(Input, Output);
    [Benchmark, Work(64 * 32 + 32 * 10)] public void PredictHandWritten() => Hand.Predict(Input, Output);
}

public class MnistPredict : SingleSamplePredictBenchmarks
{
    private readonly MnistNet _net = new(1);
    [GlobalSetup] public void GlobalSetup() => Setup(_net, 128);
    [Benchmark(Baseline = true), Work(784 * 128 + 128 * 10)] public void PredictStaticNet() => _net.Predict(Input, Output);
    [Benchmark, Work(784 * 128 + 128 * 10)] public void PredictHandWritten() => Hand.Predict(Input, Output);
}
