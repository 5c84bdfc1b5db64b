using System;

namespace StaticNet.Tests.Networks;

/// <summary>
/// The generated contract as an interface, so one test can drive every declared network.
/// Generated members implement it implicitly; the test declarations only name it.
/// </summary>
public interface ITestNetwork
{
    Span<float> Parameters { get; }

    void Predict(ReadOnlySpan<float> input, Span<float> output);

    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    int Classify(ReadOnlySpan<float> input);

    void ClassifyBatch(ReadOnlySpan<float> inputs, Span<int> classes);

    float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

    float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients);

    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);
}
