using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using StaticNet.Serialization;
using Xunit;

namespace StaticNet.Tests.Serialization;

/// <summary>The exported ONNX models run in ONNX Runtime and give Predict's outputs, for every test network.</summary>
public class OnnxExportTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names();

    /// <summary>A network with its seeded weights and non-zero biases, so that every term of the graph counts.</summary>
    private static INetwork Create(string name)
    {
        var network = (INetwork)NetworkCatalog.Create(NetworkCatalog.Find(name), 21);
        var random = new Random(name.Length);
        NetworkArchitecture a = network.Architecture;
        for (int l = 0; l < a.Layers.Count; l++)
        {
            for (int j = 0; j < a.Layers[l].Size; j++) network.Parameters[a.BiasOffset(l) + j] = (float)(random.NextDouble() - 0.5);
        }
        return network;
    }

    private static byte[] Export(INetwork network)
    {
        var stream = new MemoryStream();
        Onnx.Export(network, stream);
        return stream.ToArray();
    }

    /// <summary>Runs the model on <paramref name="rows"/> rows of inputs in ONNX Runtime; returns the outputs, row-major.</summary>
    private static float[] Run(byte[] model, float[] inputs, int rows, int inputSize, int outputSize)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, new long[] { rows, inputSize });
        using var options = new RunOptions();
        using var results = session.Run(options, new[] { Onnx.InputName }, new[] { input }, new[] { Onnx.OutputName });
        Assert.Equal(new long[] { rows, outputSize }, results[0].GetTensorTypeAndShape().Shape);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntimeComputesWhatPredictComputes(string name)
    {
        INetwork network = Create(name);
        byte[] model = Export(network);
        var random = new Random(7);
        foreach (int rows in new[] { 1, 7 })   // one model, any batch size
        {
            float[] inputs = Enumerable.Range(0, rows * network.InputSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            float[] actual = Run(model, inputs, rows, network.InputSize, network.OutputSize);
            var expected = new float[network.OutputSize];
            for (int r = 0; r < rows; r++)
            {
                network.Predict(inputs.AsSpan(r * network.InputSize, network.InputSize), expected);
                for (int k = 0; k < expected.Length; k++)
                {
                    float y = actual[r * network.OutputSize + k];
                    Assert.True(Math.Abs(y - expected[k]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[k])), $"{name}, row {r}, output {k}: Predict {expected[k]:R}, ONNX Runtime {y:R}");
                }
            }
        }
    }

    [Fact]
    public void TheNetworksCoverEveryActivationAndBothLossOutputs()
    {
        var architectures = NetworkCatalog.All.Select(t => (NetworkArchitecture)t.GetProperty("Architecture")!.GetValue(null)!).ToArray();
        Assert.Equal(Enum.GetValues<Activation>(), architectures.SelectMany(a => a.Layers.Select(l => l.Activation)).Distinct().OrderBy(a => a));
        Assert.Contains(architectures, a => a.Loss == Loss.CrossEntropy && a.Layers[^1].Activation == Activation.Softmax);
        Assert.Contains(architectures, a => a.Loss == Loss.BinaryCrossEntropy && a.Layers[^1].Activation == Activation.Sigmoid);
        Assert.Contains(architectures, a => a.Layers.Any(l => l.Activation == Activation.LeakyReLU && l.Alpha != 0.01f));   // a chosen α reaches the graph
        Assert.Contains(architectures, a => a.Layers.Any(l => l.Activation == Activation.ELU && l.Alpha != 1f));
    }

    [Fact]
    public void TheModelDeclaresADynamicBatchAndNamesItsProducer()
    {
        var network = Create(nameof(StaticNet.Tests.Networks.DigitsNet));
        using var session = new InferenceSession(Export(network));
        Assert.Equal(new[] { Onnx.InputName }, session.InputMetadata.Keys);
        Assert.Equal(new[] { Onnx.OutputName }, session.OutputMetadata.Keys);
        Assert.Equal(new[] { -1, 64 }, session.InputMetadata[Onnx.InputName].Dimensions);
        Assert.Equal(new[] { "N", "" }, session.InputMetadata[Onnx.InputName].SymbolicDimensions);
        Assert.Equal(new[] { -1, 10 }, session.OutputMetadata[Onnx.OutputName].Dimensions);
        Assert.Equal("StaticNet", session.ModelMetadata.ProducerName);
        Assert.Equal(nameof(StaticNet.Tests.Networks.DigitsNet), session.ModelMetadata.GraphName);
    }

    [Fact]
    public void ExportRefusesNonFiniteParameters()
    {
        var network = Create(nameof(StaticNet.Tests.Networks.XorNet));
        network.Parameters[4] = float.NaN;
        Assert.Contains("Parameter 4 (layer 1's weight [2, 0]) is NaN", Assert.Throws<InvalidOperationException>(() => Export(network)).Message);
    }
}
