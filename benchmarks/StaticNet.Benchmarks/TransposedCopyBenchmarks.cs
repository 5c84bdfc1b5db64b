using System;
using BenchmarkDotNet.Attributes;
using StaticNet.Kernels;
using StaticNet.Training;

namespace StaticNet.Benchmarks;

/// <summary>
/// What Predict's transposed copy of a long first layer (TransposedWeights) is worth and what it costs: one sample's
/// Predict reading the copy, the same network's Predict once its Parameters span was taken (the direct path, as before
/// the copy), and one rebuild of the copy (the transpose a stale copy waits RebuildAfter predictions for).
/// </summary>
[MemoryDiagnoser]
public class TransposedCopyBenchmarks
{
    [Params("784-128-10")] public string Network { get; set; } = "";

    private ITrainableNetwork _withCopy = null!, _direct = null!;
    private float[] _input = [], _output = [], _weights = [], _transposed = [];
    private int _rows;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _withCopy = Network == "Deep256" ? new Deep256Net(1) : new MnistNet(1);
        _direct = Network == "Deep256" ? new Deep256Net(1) : new MnistNet(1);
        _ = _direct.Parameters;  // handed out: this one reads Parameters directly from now on
        _input = SampleInputs.Uniform(_withCopy.InputSize);
        _output = new float[_withCopy.OutputSize];
        for (int i = 0; i <= TransposedWeights.RebuildAfter; i++) _withCopy.Predict(_input, _output);
        _rows = _withCopy.Architecture.Layers[0].Size;
        _weights = _withCopy.ParameterMemory.Slice(0, _input.Length * _rows).ToArray();
        _transposed = new float[_weights.Length];
        var direct = new float[_output.Length];
        _direct.Predict(_input, direct);
        for (int k = 0; k < direct.Length; k++)
            if (MathF.Abs(direct[k] - _output[k]) > 1e-5f) throw new InvalidOperationException($"The copy's Predict differs at {k}: {_output[k]} vs {direct[k]}.");
    }

    [Benchmark] public void PredictFromCopy() => _withCopy.Predict(_input, _output);
    [Benchmark(Baseline = true)] public void PredictParametersTaken() => _direct.Predict(_input, _output);
    [Benchmark] public void RebuildCopy() => TransposedWeights.Transpose(_weights, _transposed, _input.Length, _rows);
}
