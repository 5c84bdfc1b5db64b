using System;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StaticNet.TorchPeer;

/// <summary>
/// The rows of the main suite's <c>ShapeBenchmarks</c> with TorchSharp: Predict one sample (softmax
/// probabilities copied out), TrainStep one SGD step on one sample (loss read back), and one epoch of
/// 1,024 samples in mini-batches of 64 — same shapes, same data recipe, same learning rate, on one
/// thread and on two (<c>torch.set_num_threads</c>).
/// </summary>
[InProcess, MemoryDiagnoser]
public class TorchShapes
{
    private const int Samples = 1024, Batch = 64;
    private const double LearningRate = 1e-4;

    [Params("64-32-10", "784-128-10")] public string Shape { get; set; } = "";
    [Params(1, 2)] public int Threads { get; set; }

    private Sequential _model = null!;
    private SGD _optimizer = null!;
    private CrossEntropyLoss _loss = null!;
    private Tensor _input = null!, _label = null!, _inputs = null!, _labels = null!;
    private float[] _output = [];

    [GlobalSetup]
    public void Setup()
    {
        int[] sizes = Array.ConvertAll(Shape.Split('-'), int.Parse);
        torch.set_num_threads(Threads);
        torch.manual_seed(1);
        _model = nn.Sequential(("hidden", nn.Linear(sizes[0], sizes[1])), ("relu", nn.ReLU()), ("output", nn.Linear(sizes[1], sizes[2])));
        _optimizer = optim.SGD(_model.parameters(), LearningRate);
        _loss = nn.CrossEntropyLoss();

        var random = new Random(1);
        var inputs = new float[Samples * sizes[0]];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        var labels = new long[Samples];
        for (int s = 0; s < Samples; s++) labels[s] = random.Next(sizes[2]);
        _inputs = tensor(inputs, [Samples, sizes[0]]);
        _labels = tensor(labels);
        _input = _inputs.narrow(0, 0, 1).contiguous();
        _label = _labels.narrow(0, 0, 1).contiguous();
        _output = new float[sizes[2]];
    }

    [Benchmark]
    public void Predict()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        softmax(_model.forward(_input), 1).data<float>().CopyTo(_output, 0);
    }

    [Benchmark]
    public float TrainStep()
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor loss = _loss.forward(_model.forward(_input), _label);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public float EpochBatch64()
    {
        float sum = 0f;
        for (int start = 0; start < Samples; start += Batch)
        {
            using var scope = NewDisposeScope();
            _optimizer.zero_grad();
            Tensor loss = _loss.forward(_model.forward(_inputs.narrow(0, start, Batch)), _labels.narrow(0, start, Batch));
            loss.backward();
            _optimizer.step();
            sum += loss.item<float>();
        }
        return sum;
    }
}
