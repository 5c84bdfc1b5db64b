using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Generated networks against PyTorch (Fixtures/torch_reference.json, written by
/// tests/tools/make_torch_fixture.py): same parameters and sample in, same output, loss, gradients
/// and parameters after three torch.optim.SGD steps out, within float tolerance.
/// </summary>
public class TorchReferenceTests
{
    private static readonly JsonElement[] Cases = Fixtures.Load("torch_reference.json", "networks");

    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in Cases) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Fact]
    public void FixtureCoversEveryLossAndActivation()
    {
        string[] activations = Cases.SelectMany(c => c.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("activation").GetString()!)).Distinct().ToArray();
        Assert.Equal(Enum.GetNames<Activation>().OrderBy(n => n), activations.OrderBy(n => n));
        Assert.Equal(Enum.GetNames<Loss>().OrderBy(n => n), Cases.Select(c => c.GetProperty("loss").GetString()!).Distinct().OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void MatchesPyTorch(string name)
    {
        JsonElement fixture = Cases.Single(c => c.GetProperty("name").GetString() == name);
        Type type = NetworkCatalog.Find(name);
        AssertSameArchitecture(fixture, type);

        var net = NetworkCatalog.Create(type, seed: 0);
        Fixtures.Floats(fixture, "parameters").CopyTo(net.Parameters);
        float[] input = Fixtures.Floats(fixture, "input"), target = Fixtures.Floats(fixture, "target");

        var output = new float[target.Length];
        net.Predict(input, output);
        GradientTests.AssertClose(Fixtures.Doubles(fixture, "output"), output, absolute: 1e-6, relative: 1e-5, what: "output");

        double loss = fixture.GetProperty("lossValue").GetDouble();
        GradientTests.AssertClose(new[] { loss }, new[] { net.ComputeLoss(input, target) }, absolute: 1e-6, relative: 1e-5, what: "loss");

        var gradients = new float[net.Parameters.Length];
        net.AccumulateGradients(input, target, gradients);
        GradientTests.AssertClose(Fixtures.Doubles(fixture, "gradients"), gradients, absolute: 1e-6, relative: 1e-4, what: "gradient");

        float learningRate = (float)fixture.GetProperty("learningRate").GetDouble();
        int step = 0;
        foreach (JsonElement s in fixture.GetProperty("steps").EnumerateArray())
        {
            float before = net.TrainStep(Fixtures.Floats(s, "input"), Fixtures.Floats(s, "target"), learningRate);
            GradientTests.AssertClose(new[] { s.GetProperty("lossBefore").GetDouble() }, new[] { before }, absolute: 1e-6, relative: 1e-5, what: $"loss before step {step++}");
        }
        GradientTests.AssertClose(Fixtures.Doubles(fixture, "parametersAfterSteps"), net.Parameters, absolute: 1e-6, relative: 1e-5, what: "parameters after SGD steps");
    }

    private static void AssertSameArchitecture(JsonElement fixture, Type type)
    {
        var reference = new ReferenceMlp(type);
        Assert.Equal(fixture.GetProperty("inputSize").GetInt32(), reference.InputSize);
        Assert.Equal(fixture.GetProperty("loss").GetString(), reference.Loss.ToString());
        JsonElement[] layers = fixture.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(layers.Length, reference.Layers.Length);
        for (int l = 0; l < layers.Length; l++)
        {
            Assert.Equal(layers[l].GetProperty("size").GetInt32(), reference.Layers[l].Size);
            Assert.Equal(layers[l].GetProperty("activation").GetString(), reference.Layers[l].Activation.ToString());
            JsonElement alpha = layers[l].GetProperty("alpha");
            if (alpha.ValueKind == JsonValueKind.Number) Assert.Equal((float)alpha.GetDouble(), reference.Layers[l].Alpha);
            else Assert.True(float.IsNaN(reference.Layers[l].Alpha), "the fixture uses the default α but the declaration sets one");
        }
    }
}
