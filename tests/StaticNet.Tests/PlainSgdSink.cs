using System;
using StaticNet.Training;

namespace StaticNet.Tests;

/// <summary>
/// The optimizer step of a gradient pass for tests: plain SGD, θ ← θ − η·g, on every range handed over. With
/// <c>inKernels</c> it offers the pass η (<see cref="IParameterRangeUpdate.PlainSgdLearningRate"/>), so the kernels may
/// step their weight rows themselves; without, every range comes through <see cref="Apply"/>. Counts both.
/// </summary>
internal sealed class PlainSgdSink(IParallelTrainableNetwork net, float rate, bool inKernels = true) : IParameterRangeUpdate
{
    /// <summary>How often each parameter was handed over (0 for those the kernels stepped).</summary>
    public int[] Times { get; } = new int[net.ParameterCount];

    /// <summary>How often the pass reported a NaN or ∞ among the sums it stepped with.</summary>
    public int Reported { get; private set; }

    public float PlainSgdLearningRate => inKernels ? rate : 0f;

    public void Apply(int start, ReadOnlySpan<float> gradients)
    {
        Span<float> parameters = net.Parameters;
        for (int i = 0; i < gradients.Length; i++)
        {
            parameters[start + i] -= rate * gradients[i];  // as ApplySgd's plain step
            Times[start + i]++;
        }
    }

    public void ReportNonFinite() => Reported++;
}
