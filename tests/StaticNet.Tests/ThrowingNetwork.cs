using System;

namespace StaticNet.Tests;

/// <summary>A real network whose ComputeLoss throws on its <c>failOnCall</c>-th call: the gradient check must still restore the parameters.</summary>
internal sealed class ThrowingNetwork(INetwork inner, int failOnCall) : INetwork
{
    private int _calls;

    public int InputSize => inner.InputSize;

    public int OutputSize => inner.OutputSize;

    public int ParameterCount => inner.ParameterCount;

    public NetworkArchitecture Architecture => inner.Architecture;

    public Span<float> Parameters => inner.Parameters;

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);

    public float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
        => ++_calls == failOnCall ? throw new InvalidOperationException("ComputeLoss failed on purpose.") : inner.ComputeLoss(input, target);

    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients) => inner.AccumulateGradients(input, target, gradients);
}
