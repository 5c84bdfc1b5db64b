using System;
using System.Collections.Generic;
using StaticNet.Benchmarks.Peers;

namespace StaticNet.Benchmarks.Paired;

/// <summary>
/// The comparisons issue 15's targets are about, each timed in pairs in this one process (<see cref="PairedComparison"/>):
/// the generated Predict against the hand-written yardstick, and PredictBatch against ONNX Runtime's IOBinding on one
/// thread. Same weights; each pair's outputs are checked equal (to 1e-5) first. Run with
/// <c>dotnet run -c Release --project benchmarks/StaticNet.Benchmarks -- paired</c> (<c>paired predict</c> or
/// <c>paired batches</c> for one of the two tables); run it again for another process
/// (where the weights and their copies land in memory differs from process to process).
/// </summary>
public static class PairedRuns
{
    /// <summary>Both tables, or the one-sample or the batch one alone.</summary>
    public static void Run(bool predict = true, bool batches = true)
    {
        if (predict) RunPredict();
        if (predict && batches) Console.WriteLine();
        if (batches) RunBatches();
    }

    private static void RunPredict()
    {
        Console.WriteLine("Predict: generated / hand-written yardstick, per call");
        Console.WriteLine(PairedComparison.Table(new[]
        {
            AgainstYardstick("784-128-10", new MnistNet(1), 128),
            AgainstYardstick("64-32-10", new DigitsNet(1), 32),
            OnDigits(new MnistNet(1)),
            AgainstYardstick("784-128-10, 1 zero in 16", new MnistNet(1), 128, SampleInputs.WithZeros(SampleInputs.Uniform(784), 7)),
            AgainstYardstick("784-128-10, 4 zeros in 16", new MnistNet(1), 128, SampleInputs.WithZeros(SampleInputs.Uniform(784), 1, 5, 9, 13)),
        }, "generated", "yardstick"));
    }

    private static void RunBatches()
    {
        Console.WriteLine("PredictBatch / ONNX Runtime IOBinding (one intra-op thread), per row");
        var batches = new List<PairedComparison.Result>();
        var digits = new DigitsNet(1);
        var mnist = new MnistNet(1);
        var deep = new Deep256Net(1);
        foreach (int rows in new[] { 8, 64, 1024 }) batches.Add(AgainstOnnxRuntime("64-32-10", digits, digits.PredictBatch, rows));
        foreach (int rows in new[] { 8, 64, 1024 }) batches.Add(AgainstOnnxRuntime("784-128-10", mnist, mnist.PredictBatch, rows));
        foreach (int rows in new[] { 64, 1024 }) batches.Add(AgainstOnnxRuntime("Deep256", deep, deep.PredictBatch, rows));
        foreach (int rows in new[] { 64, 1024 }) batches.Add(AgainstOnnxRuntime("784-128-10, MNIST digits", mnist, mnist.PredictBatch, rows, SampleInputs.MnistDigits(rows)));
        batches.Add(AgainstOnnxRuntime("784-128-10, 1 zero in 16", mnist, mnist.PredictBatch, 64, SampleInputs.WithZeros(SampleInputs.Uniform(64 * 784), 7)));
        Console.WriteLine(PairedComparison.Table(batches, "StaticNet", "ONNX Runtime"));
    }

    private static PairedComparison.Result AgainstYardstick(string shape, INetwork network, int hidden, float[]? input = null)
    {
        input ??= SampleInputs.Uniform(network.InputSize);
        float[] generated = new float[network.OutputSize], handWritten = new float[network.OutputSize];
        var hand = new HandWrittenPredict(network, hidden);
        hand.CheckAgainst(network, input);
        return PairedComparison.Run(shape, () => network.Predict(input, generated), () => hand.Predict(input, handWritten));
    }

    /// <summary>784-128-10 on 256 real digits in turn (their background is exact zeros), the same digit on both sides of each call.</summary>
    private static PairedComparison.Result OnDigits(MnistNet network)
    {
        const int Digits = 256;
        float[] pixels = SampleInputs.MnistDigits(Digits);
        float[] generated = new float[MnistNet.OutputSize], handWritten = new float[MnistNet.OutputSize];
        var hand = new HandWrittenPredict(network, 128);
        for (int d = 0; d < Digits; d++) hand.CheckAgainst(network, pixels.AsSpan(784 * d, 784).ToArray());
        int next = 0, nextHand = 0;
        return PairedComparison.Run("784-128-10, MNIST digits", () =>
        {
            network.Predict(pixels.AsSpan(784 * next, 784), generated);
            next = (next + 1) % Digits;
        }, () =>
        {
            hand.Predict(pixels.AsSpan(784 * nextHand, 784), handWritten);
            nextHand = (nextHand + 1) % Digits;
        });
    }

    private delegate void BatchPredict(ReadOnlySpan<float> inputs, Span<float> outputs);

    private static PairedComparison.Result AgainstOnnxRuntime(string shape, INetwork network, BatchPredict predictBatch, int rows, float[]? inputs = null)
    {
        inputs ??= SampleInputs.Uniform(rows * network.InputSize);
        float[] outputs = new float[rows * network.OutputSize];
        predictBatch(inputs, outputs);
        using var ort = new OnnxRuntimePeer(network, inputs, rows);
        ort.CheckAgainst(outputs, 1e-5f);
        return PairedComparison.Run($"{shape}, {rows:N0} rows", () => predictBatch(inputs, outputs), ort.RunBound, rows);
    }
}
