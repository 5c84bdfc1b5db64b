using System;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using StaticNet.Serialization;

namespace StaticNet.Benchmarks.Peers;

/// <summary>
/// ONNX Runtime running the model a StaticNet network exports (so the weights are the same), on one intra-op
/// thread, for a fixed number of rows: once through IOBinding (inputs and outputs bound to our arrays, as a
/// tuned deployment calls it) and once through plain <c>Run</c> (named inputs in, new outputs back, as most
/// code calls it). The constructor checks both against the network's <c>PredictBatch</c>.
/// </summary>
public sealed class OnnxRuntimePeer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _input, _output;
    private readonly string[] _inputNames = [Onnx.InputName], _outputNames = [Onnx.OutputName];
    private readonly OrtValue[] _inputs;

    /// <summary>The rows the peer's last run wrote (IOBinding writes here; plain Run copies here).</summary>
    public float[] Outputs { get; }

    public OnnxRuntimePeer(INetwork network, float[] inputs, int rows)
    {
        var model = new MemoryStream();
        Onnx.Export(network, model);
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model.ToArray(), options);
        Outputs = new float[rows * network.OutputSize];
        _input = OrtValue.CreateTensorValueFromMemory(inputs, [rows, network.InputSize]);
        _output = OrtValue.CreateTensorValueFromMemory(Outputs, [rows, network.OutputSize]);
        _inputs = [_input];
        _binding = _session.CreateIoBinding();
        _binding.BindInput(Onnx.InputName, _input);
        _binding.BindOutput(Onnx.OutputName, _output);
    }

    /// <summary>One run through the bound arrays: no copies and no allocations on our side.</summary>
    public void RunBound() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>One plain run: ONNX Runtime allocates the output, which is copied into <see cref="Outputs"/>.</summary>
    public void RunPlain()
    {
        using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(_runOptions, _inputNames, _inputs, _outputNames);
        results[0].GetTensorDataAsSpan<float>().CopyTo(Outputs);
    }

    /// <summary>Throws unless both ways of running give <paramref name="expected"/> within <paramref name="tolerance"/>.</summary>
    public void CheckAgainst(ReadOnlySpan<float> expected, float tolerance)
    {
        foreach (Action run in new Action[] { RunBound, RunPlain })
        {
            Array.Clear(Outputs);
            run();
            for (int i = 0; i < expected.Length; i++)
            {
                if (!(Math.Abs(Outputs[i] - expected[i]) <= tolerance))
                {
                    throw new InvalidOperationException($"ONNX Runtime's output {i} is {Outputs[i]}, PredictBatch's {expected[i]}: not the same model.");
                }
            }
        }
    }

    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
