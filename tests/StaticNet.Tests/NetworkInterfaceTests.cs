using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Every generated network is a <see cref="INetwork"/> whose members agree with its own and with its declaration.</summary>
public class NetworkInterfaceTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names();

    [Theory]
    [MemberData(nameof(Networks))]
    public void ArchitectureDescribesTheDeclaration(string name)
    {
        Type type = NetworkCatalog.Find(name);
        var reference = new ReferenceMlp(type);
        INetwork net = Assert.IsAssignableFrom<INetwork>(NetworkCatalog.Create(type, 3));
        NetworkArchitecture architecture = net.Architecture;

        Assert.Same(architecture, type.GetProperty("Architecture")!.GetValue(null));
        Assert.Equal(reference.InputSize, architecture.InputSize);
        Assert.Equal(reference.Loss, architecture.Loss);
        Assert.Equal(reference.Layers.Select(l => (l.Size, l.Activation)), architecture.Layers.Select(l => (l.Size, l.Activation)));
        Assert.Equal(reference.Layers.Select(l => l.Dropout), architecture.Layers.Select(l => l.Dropout));
        Assert.Equal(NetworkCatalog.Constant(type, "ParameterCount"), architecture.ParameterCount);
        Assert.Equal(NetworkCatalog.Constant(type, "InputSize"), net.InputSize);
        Assert.Equal(NetworkCatalog.Constant(type, "OutputSize"), net.OutputSize);
        Assert.Equal(architecture.OutputSize, net.OutputSize);
        Assert.Equal(architecture.ParameterCount, net.ParameterCount);
        Assert.Equal(net.ParameterCount, net.Parameters.Length);

        // The offsets tile the parameter vector: W1 b1 W2 b2 … with nothing between or after.
        int expected = 0;
        for (int l = 0; l < architecture.Layers.Count; l++)
        {
            Assert.Equal(expected, architecture.WeightOffset(l));
            expected += architecture.Layers[l].Size * architecture.InputsOf(l);
            Assert.Equal(expected, architecture.BiasOffset(l));
            expected += architecture.Layers[l].Size;
        }
        Assert.Equal(architecture.ParameterCount, expected);
    }

    [Fact]
    public void AlphaIsDescribedWhereTheActivationHasOne()
    {
        Assert.Equal(0.2f, DeepBottleneck.Architecture.Layers[0].Alpha);
        Assert.Equal(0.5f, DeepBottleneck.Architecture.Layers[1].Alpha);
        Assert.Equal(0f, DeepBottleneck.Architecture.Layers[2].Alpha);
        Assert.Equal(0.01f, DeepRegression.Architecture.Layers[1].Alpha);   // LeakyReLU's default
        Assert.Equal(1f, DeepRegression.Architecture.Layers[0].Alpha);      // ELU's default
        Assert.Equal("Input(64) → Dense(32, ReLU) → Dense(10, Softmax), loss CrossEntropy", DigitsNet.Architecture.ToString());
    }

    [Fact]
    public void InterfaceMembersAreTheNetworksOwn()
    {
        var net = new DigitsNet(5);
        INetwork any = net;
        var input = Enumerable.Range(0, DigitsNet.InputSize).Select(i => (float)Math.Sin(i)).ToArray();
        var target = new float[DigitsNet.OutputSize];
        target[3] = 1f;
        float[] direct = new float[DigitsNet.OutputSize], viaInterface = new float[DigitsNet.OutputSize];
        net.Predict(input, direct);
        any.Predict(input, viaInterface);
        Assert.Equal(direct, viaInterface);
        Assert.Equal(net.ComputeLoss(input, target), any.ComputeLoss(input, target));
        any.Parameters[7] = 0.25f;
        Assert.Equal(0.25f, net.Parameters[7]);
    }

    [Fact]
    public void ArchitectureRefusesWhatCannotBeANetwork()
    {
        Assert.Throws<ArgumentOutOfRangeException>("inputSize", () => new NetworkArchitecture(0, Loss.MeanSquaredError, new LayerInfo(1, Activation.Identity)));
        Assert.Throws<ArgumentException>("layers", () => new NetworkArchitecture(3, Loss.MeanSquaredError));
        Assert.Throws<ArgumentOutOfRangeException>("layers", () => new NetworkArchitecture(1 << 16, Loss.MeanSquaredError, new LayerInfo(1 << 16, Activation.Identity)));
        Assert.Throws<ArgumentOutOfRangeException>("size", () => new LayerInfo(0, Activation.ReLU));
        Assert.Throws<ArgumentOutOfRangeException>("dropout", () => new LayerInfo(3, Activation.ReLU, dropout: 1f));
        Assert.Throws<ArgumentOutOfRangeException>("activation", () => new LayerInfo(3, (Activation)99));
    }
}
