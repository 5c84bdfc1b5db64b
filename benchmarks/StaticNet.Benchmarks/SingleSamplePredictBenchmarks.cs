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

/// <summary>
/// 784-128-10's Predict on real MNIST digits, 256 in turn (the same one on both sides of a call): their background is
/// exact zeros, whose weight rows the generated Predict's first layer does not read; the yardstick reads every row.
/// </summary>
[MemoryDiagnoser]
public class MnistPredictOnDigits
{
    private const int Digits = 256;
    private readonly MnistNet _net = new(1);
    private readonly float[] _output = new float[MnistNet.OutputSize];
    private float[] _pixels = [];
    private HandWrittenPredict _hand = null!;
    private int _next, _nextHand;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _pixels = SampleInputs.MnistDigits(Digits);
        _hand = new HandWrittenPredict(_net, 128);
        for (int d = 0; d < Digits; d++) _hand.CheckAgainst(_net, _pixels.AsSpan(d * MnistNet.InputSize, MnistNet.InputSize).ToArray());
    }

    // No Work attribute: the multiply-adds done depend on the digit, so a GFLOP/s figure would count rows not read.
    [Benchmark(Baseline = true)]
    public void PredictStaticNet()
    {
        _net.Predict(_pixels.AsSpan(_next * MnistNet.InputSize, MnistNet.InputSize), _output);
        _next = (_next + 1) % Digits;
    }

    [Benchmark]
    public void PredictHandWritten()
    {
        _hand.Predict(_pixels.AsSpan(_nextHand * MnistNet.InputSize, MnistNet.InputSize), _output);
        _nextHand = (_nextHand + 1) % Digits;
    }
}
