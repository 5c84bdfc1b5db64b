using System;

namespace StaticNet.Tests;

/// <summary>
/// A test double for the gradient check: a real network whose AccumulateGradients passes every sample's gradient
/// through <see cref="Corrupt"/> before adding it, like a backpropagation with a bug in it. Everything else is the
/// wrapped network's, so the loss (which the finite differences see) is still right.
/// </summary>
internal sealed class BrokenGradientNetwork(INetwork inner, Action<Span<float>> corrupt) : INetwork
{
    public Action<Span<float>> Corrupt { get; } = corrupt;

    public int InputSize => inner.InputSize;

    public int OutputSize => inner.OutputSize;

    public int ParameterCount => inner.ParameterCount;

    public NetworkArchitecture Architecture => inner.Architecture;

    public Span<float> Parameters => inner.Parameters;

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);

    public float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => inner.ComputeLoss(input, target);

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients)
    {
        var own = new float[gradients.Length];
        float loss = inner.AccumulateGradients(input, target, own);
        Corrupt(own);
        for (int i = 0; i < own.Length; i++) gradients[i] += own[i];
        return loss;
    }

    /// <summary>Flips the sign of layer <paramref name="layer"/>'s (0-based) bias gradients.</summary>
    public static Action<Span<float>> FlipBiasSign(NetworkArchitecture architecture, int layer) => gradients =>
    {
        for (int j = 0; j < architecture.Layers[layer].Size; j++) gradients[architecture.BiasOffset(layer) + j] *= -1f;
    };
}
