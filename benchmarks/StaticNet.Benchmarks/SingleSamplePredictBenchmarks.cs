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
        Input = SampleInputs.Uniform(network.InputSize);
        Output = new float[network.OutputSize];
        Hand = new HandWrittenPredict(network, hidden);
        Hand.CheckAgainst(network, Input);
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
