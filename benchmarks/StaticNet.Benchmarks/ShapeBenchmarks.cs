using System;
using BenchmarkDotNet.Attributes;
using StaticNet.Benchmarks.Peers;
using StaticNet.Training;

namespace StaticNet.Benchmarks;

/// <summary>
/// One network shape against its peers: the generated network, a naive C# MLP and a runtime-sized
/// SIMD MLP, each predicting one sample, taking one SGD step on one sample, and running one
/// mini-batch (64) epoch over 1,024 samples. Work per sample (multiply-adds): predict = forward;
/// train = forward + backprop into hidden layers + weight update.
/// </summary>
[MemoryDiagnoser]
public abstract class ShapeBenchmarks
{
    protected const int Samples = 1024, Batch = 64;
    protected const float LearningRate = 1e-4f; // small: the weights barely move over millions of steps

    protected float[] Input = [], Target = [], Output = [], Inputs = [], Targets = [];
    protected int[] Labels = [];
    protected NaiveMlp Naive = null!;
    protected SimdMlp Simd = null!;
    protected TrainingOptions Epoch = null!, EpochOneThread = null!;

    protected void Setup(int[] sizes, bool classifier)
    {
        var random = new Random(1);
        int nIn = sizes[0], nOut = sizes[^1];
        Inputs = new float[Samples * nIn];
        for (int i = 0; i < Inputs.Length; i++) Inputs[i] = (float)random.NextDouble();
        Labels = new int[Samples];
        Targets = new float[Samples * nOut];
        for (int s = 0; s < Samples; s++)
        {
            Labels[s] = random.Next(nOut);
            if (classifier) Targets[s * nOut + Labels[s]] = 1f;
            else for (int k = 0; k < nOut; k++) Targets[s * nOut + k] = (float)random.NextDouble();
        }
        Input = Inputs.AsSpan(0, nIn).ToArray();
        Target = Targets.AsSpan(0, nOut).ToArray();
        Output = new float[nOut];
        Naive = new NaiveMlp(sizes, classifier ? NaiveMlp.Hidden.ReLU : NaiveMlp.Hidden.Tanh, classifier, seed: 1);
        Simd = new SimdMlp(sizes, reluHidden: classifier, softmaxOutput: classifier, seed: 1);
        Epoch = new TrainingOptions { Epochs = 1, BatchSize = Batch, Shuffle = false, Optimizer = Optimizer.Sgd(LearningRate) }; // all cores
        EpochOneThread = new TrainingOptions { Epochs = 1, BatchSize = Batch, Shuffle = false, Optimizer = Optimizer.Sgd(LearningRate), MaxDegreeOfParallelism = 1 };
    }

    protected void NaiveEpoch()
    {
        for (int start = 0; start < Samples; start += Batch) Naive.TrainBatch(Inputs, Targets, start, Batch, LearningRate);
    }

    protected void SimdEpoch()
    {
        for (int start = 0; start < Samples; start += Batch) Simd.TrainBatch(Inputs, Targets, start, Batch, LearningRate);
    }
}

public class XorBenchmarks : ShapeBenchmarks
{
    private const long Forward = 2 * 4 + 4 * 1, Train = Forward + 4 + Forward;
    private readonly XorNet _net = new(1);

    [GlobalSetup] public void GlobalSetup() => Setup([2, 4, 1], classifier: false);

    [Benchmark(Baseline = true), Work(Forward)] public void PredictStaticNet() => _net.Predict(Input, Output);
    [Benchmark, Work(Forward)] public void PredictNaive() => Naive.Predict(Input, Output);
    [Benchmark, Work(Forward)] public void PredictRuntimeSimd() => Simd.Predict(Input, Output);
    [Benchmark, Work(Train)] public float TrainStepStaticNet() => _net.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train)] public float TrainStepNaive() => Naive.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train)] public float TrainStepRuntimeSimd() => Simd.TrainStep(Input, Target, LearningRate);
}

public class DigitsBenchmarks : ShapeBenchmarks
{
    private const long Forward = 64 * 32 + 32 * 10, Train = Forward + 32 * 10 + Forward;
    private readonly DigitsNet _net = new(1);

    [GlobalSetup] public void GlobalSetup() => Setup([64, 32, 10], classifier: true);

    [Benchmark(Baseline = true), Work(Forward)] public void PredictStaticNet() => _net.Predict(Input, Output);
    [Benchmark, Work(Forward)] public void PredictNaive() => Naive.Predict(Input, Output);
    [Benchmark, Work(Forward)] public void PredictRuntimeSimd() => Simd.Predict(Input, Output);
    [Benchmark, Work(Train)] public float TrainStepStaticNet() => _net.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train)] public float TrainStepNaive() => Naive.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train)] public float TrainStepRuntimeSimd() => Simd.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train * Samples, Samples)] public TrainingReport EpochBatch64StaticNet() => _net.Train(Inputs, Labels, Epoch);
    [Benchmark, Work(Train * Samples, Samples)] public TrainingReport EpochBatch64StaticNetOneThread() => _net.Train(Inputs, Labels, EpochOneThread);
    [Benchmark, Work(Train * Samples, Samples)] public void EpochBatch64Naive() => NaiveEpoch();
    [Benchmark, Work(Train * Samples, Samples)] public void EpochBatch64RuntimeSimd() => SimdEpoch();
}

public class MnistBenchmarks : ShapeBenchmarks
{
    private const long Forward = 784 * 128 + 128 * 10, Train = Forward + 128 * 10 + Forward;
    private readonly MnistNet _net = new(1);

    [GlobalSetup] public void GlobalSetup() => Setup([784, 128, 10], classifier: true);

    [Benchmark(Baseline = true), Work(Forward)] public void PredictStaticNet() => _net.Predict(Input, Output);
    [Benchmark, Work(Forward)] public void PredictNaive() => Naive.Predict(Input, Output);
    [Benchmark, Work(Forward)] public void PredictRuntimeSimd() => Simd.Predict(Input, Output);
    [Benchmark, Work(Train)] public float TrainStepStaticNet() => _net.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train)] public float TrainStepNaive() => Naive.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train)] public float TrainStepRuntimeSimd() => Simd.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train * Samples, Samples)] public TrainingReport EpochBatch64StaticNet() => _net.Train(Inputs, Labels, Epoch);
    [Benchmark, Work(Train * Samples, Samples)] public TrainingReport EpochBatch64StaticNetOneThread() => _net.Train(Inputs, Labels, EpochOneThread);
    [Benchmark, Work(Train * Samples, Samples)] public void EpochBatch64Naive() => NaiveEpoch();
    [Benchmark, Work(Train * Samples, Samples)] public void EpochBatch64RuntimeSimd() => SimdEpoch();
}

public class Deep256Benchmarks : ShapeBenchmarks
{
    private const long Forward = 4 * 256 * 256 + 256 * 10, Train = Forward + (3 * 256 * 256 + 256 * 10) + Forward;
    private readonly Deep256Net _net = new(1);

    [GlobalSetup] public void GlobalSetup() => Setup([256, 256, 256, 256, 256, 10], classifier: true);

    [Benchmark(Baseline = true), Work(Forward)] public void PredictStaticNet() => _net.Predict(Input, Output);
    [Benchmark, Work(Forward)] public void PredictNaive() => Naive.Predict(Input, Output);
    [Benchmark, Work(Forward)] public void PredictRuntimeSimd() => Simd.Predict(Input, Output);
    [Benchmark, Work(Train)] public float TrainStepStaticNet() => _net.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train)] public float TrainStepNaive() => Naive.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train)] public float TrainStepRuntimeSimd() => Simd.TrainStep(Input, Target, LearningRate);
    [Benchmark, Work(Train * Samples, Samples)] public TrainingReport EpochBatch64StaticNet() => _net.Train(Inputs, Labels, Epoch);
    [Benchmark, Work(Train * Samples, Samples)] public TrainingReport EpochBatch64StaticNetOneThread() => _net.Train(Inputs, Labels, EpochOneThread);
    [Benchmark, Work(Train * Samples, Samples)] public void EpochBatch64Naive() => NaiveEpoch();
    [Benchmark, Work(Train * Samples, Samples)] public void EpochBatch64RuntimeSimd() => SimdEpoch();
}

/// <summary>
/// The peak itself, as a row: 256 lane-FMAs per iteration of the 512-bit loop (16 chains × 16 lanes); the 256-bit loop
/// does 96 (12 × 8), so it runs 8/3 as many iterations for the same work.
/// </summary>
public class PeakBenchmarks
{
    private const long Iterations = 3_000_000;

    [Benchmark, Work(Iterations * 16 * 16)]
    public float FmaChains() => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? FmaPeak.Chains512(Iterations) : FmaPeak.Chains256(Iterations * 8 / 3);
}
