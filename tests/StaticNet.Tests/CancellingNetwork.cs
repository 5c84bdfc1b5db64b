using System;
using System.Threading;
using StaticNet.Training;

namespace StaticNet.Tests;

/// <summary>
/// A generated network seen only through <see cref="ITrainableNetwork"/>, which cancels a token when the training loop
/// has run <c>cancelAfter</c> training batches through it: the one way to cancel inside an epoch at a known step without
/// timing. It is not an <see cref="IParallelTrainableNetwork"/>, so the loop takes its one-thread, separate-step path.
/// </summary>
internal sealed class CancellingNetwork(ITrainableNetwork inner, CancellationTokenSource source, int cancelAfter) : ITrainableNetwork
{
    private int _batches;

    public int InputSize => inner.InputSize;
    public int OutputSize => inner.OutputSize;
    public int ParameterCount => inner.ParameterCount;
    public NetworkArchitecture Architecture => inner.Architecture;
    public Span<float> Parameters => inner.Parameters;
    public TrainingGate Gate => inner.Gate;
    public Span<float> ParameterMemory => inner.ParameterMemory;

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);
    public float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => inner.ComputeLoss(input, target);
    public float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients) => inner.AccumulateGradients(input, target, gradients);
    public void EnsureBatchCapacity(int count) => inner.EnsureBatchCapacity(count);
    public float EvaluateBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, out float score) => inner.EvaluateBatch(inputs, targets, count, out score);

    public float AccumulateSlice(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int start, int count, float scale, Span<float> gradients, bool training, out float score)
    {
        float loss = inner.AccumulateSlice(inputs, targets, start, count, scale, gradients, training, out score);
        if (training && ++_batches == cancelAfter) source.Cancel();
        return loss;
    }
}
