using System;
using System.Numerics.Tensors;

namespace StaticNet.Experiments;

/// <summary>
/// Dead units: hidden units whose pre-activation z is ≤ 0 on every sample. For ReLU such a unit outputs 0 and gets a
/// gradient of 0 on everything, so nothing brings it back; LeakyReLU and ELU keep a slope there and can recover.
/// </summary>
public static class DeadUnits
{
    /// <summary>The fraction of all hidden units (every layer but the output) that are dead on <paramref name="inputs"/>.</summary>
    public static double Fraction(INetwork network, ReadOnlySpan<float> inputs)
    {
        NetworkArchitecture architecture = network.Architecture;
        int hidden = architecture.Layers.Count - 1, samples = inputs.Length / architecture.InputSize;
        var everActive = new bool[hidden][];
        var activations = new float[hidden][];
        for (int l = 0; l < hidden; l++)
        {
            everActive[l] = new bool[architecture.Layers[l].Size];
            activations[l] = new float[architecture.Layers[l].Size];
        }
        ReadOnlySpan<float> p = network.Parameters;
        for (int s = 0; s < samples; s++)
        {
            for (int l = 0; l < hidden; l++)
            {
                // z_j = W[j, ·]·a + b_j from the parameters (W row-major at WeightOffset, b at BiasOffset), then the activation.
                ReadOnlySpan<float> below = l == 0 ? inputs.Slice(s * architecture.InputSize, architecture.InputSize) : activations[l - 1];
                int inputsOf = architecture.InputsOf(l), weights = architecture.WeightOffset(l), biases = architecture.BiasOffset(l);
                LayerInfo layer = architecture.Layers[l];
                for (int j = 0; j < layer.Size; j++)
                {
                    float z = p[biases + j] + TensorPrimitives.Dot(p.Slice(weights + j * inputsOf, inputsOf), below);
                    if (z > 0) everActive[l][j] = true;
                    activations[l][j] = Activate(layer, z);
                }
            }
        }
        int dead = 0, units = 0;
        foreach (bool[] layer in everActive)
        {
            foreach (bool active in layer)
            {
                units++;
                if (!active) dead++;
            }
        }
        return (double)dead / units;
    }

    private static float Activate(LayerInfo layer, float z) => layer.Activation switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => 1 / (1 + MathF.Exp(-z)),
        Activation.Tanh => MathF.Tanh(z),
        Activation.ReLU => MathF.Max(0, z),
        Activation.LeakyReLU => z > 0 ? z : layer.Alpha * z,
        Activation.ELU => z > 0 ? z : layer.Alpha * (MathF.Exp(z) - 1),
        _ => throw new NotSupportedException($"{layer.Activation} in a hidden layer."),
    };
}
