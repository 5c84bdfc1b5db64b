using System;

namespace StaticNet.Tests.Serialization;

/// <summary>
/// An INetwork of any architecture, holding parameters and nothing else: writes files for architectures no test
/// network declares, and plays a hand-written INetwork that disagrees with itself.
/// </summary>
internal sealed class ArchitectureOnlyNetwork : INetwork
{
    private readonly float[] _parameters;

    public ArchitectureOnlyNetwork(NetworkArchitecture architecture, int? parameterLength = null)
    {
        Architecture = architecture;
        _parameters = new float[parameterLength ?? architecture.ParameterCount];
    }

    public int InputSize => Architecture.InputSize;
    public int OutputSize => Architecture.OutputSize;
    public int ParameterCount => Architecture.ParameterCount;
    public NetworkArchitecture Architecture { get; }
    public Span<float> Parameters => _parameters;

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();
    public float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => throw new NotSupportedException();
    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients) => throw new NotSupportedException();
}
