using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The calls documented as safe beside anything else share nothing with training or each other: Evaluate from two
/// threads, or beside a running Train, gives its own right answer and leaves the Train exactly as it would have been;
/// and networks too wide for the stack take their activations from a pool instead, so Predict and its kin run on a
/// thread with a small stack (an engine's worker thread) without overflowing it.
/// </summary>
public class SharedNothingTests
{
    [Fact]
    public void EvaluateFromTwoThreadsGivesEachItsOwnAnswer()
    {
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(DigitsNet.InputSize, DigitsNet.OutputSize, 600, seed: 4);
        var net = new DigitsNet(3);
        EvaluationResult expected = net.Evaluate(inputs, labels);
        int wrong = 0;
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ =>
        {
            for (int r = 0; r < 20; r++)
            {
                EvaluationResult result = net.Evaluate(inputs, labels);
                if (result.Loss != expected.Loss || result.Accuracy != expected.Accuracy) Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task EvaluateBesideARunningTrainLeavesTheTrainAsItWouldHaveBeen()
    {
        (float[] inputs, int[] labels) = TrainingTests.ToyClassification(DigitsNet.InputSize, DigitsNet.OutputSize, 500, seed: 5);
        var options = new TrainingOptions { Epochs = 6, BatchSize = 32, Optimizer = Optimizer.Adam(0.003f), MaxDegreeOfParallelism = 1, Seed = 1 };
        var alone = new DigitsNet(3);
        TrainingReport aloneReport = alone.Train(inputs, labels, options);

        var busy = new DigitsNet(3);
        int evaluations = 0;
        using var started = new ManualResetEventSlim();
        Task<TrainingReport> training = Task.Run(() =>
        {
            started.Wait();
            return busy.Train(inputs, labels, options);
        });
        started.Set();
        while (!training.IsCompleted || evaluations == 0)
        {
            busy.Evaluate(inputs.AsSpan(0, DigitsNet.InputSize * 300), labels.AsSpan(0, 300));
            evaluations++;
        }
        TrainingReport busyReport = await training;

        Assert.Equal(TrainingTests.Bits(alone.Parameters), TrainingTests.Bits(busy.Parameters));
        Assert.Equal(aloneReport.Epochs.Select(e => e.ValidationLoss), busyReport.Epochs.Select(e => e.ValidationLoss));
    }

    /// <summary>WideSoftmax's activations and logits (65,536 each, 512 KB) would not fit a 256 KB stack.</summary>
    [Fact]
    public void AWideNetworkRunsOnAThreadWithASmallStack()
    {
        var net = new WideSoftmax(2);
        float[] input = { 0.75f };
        var output = new float[WideSoftmax.OutputSize];
        var outputs = new float[2 * WideSoftmax.OutputSize];
        int predicted = -1;
        float loss = float.NaN;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                net.Predict(input, output);
                net.PredictBatch(new[] { 0.75f, -1.5f }, outputs);
                predicted = net.Classify(input);
                loss = net.ComputeLoss(input, output);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);

        // softmax(w·x + b) by hand, in double.
        float[] p = net.Parameters.ToArray();
        int n = WideSoftmax.OutputSize;
        double[] z = Enumerable.Range(0, n).Select(j => (double)p[j] * input[0] + p[n + j]).ToArray();
        double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
        for (int j = 0; j < n; j += 997) Assert.Equal(Math.Exp(z[j] - max) / sum, output[j], 1e-9);
        Assert.Equal(output, outputs.AsSpan(0, n).ToArray());
        Assert.Equal(Array.IndexOf(z, max), predicted);
        Assert.True(float.IsFinite(loss));
    }

    [Fact]
    public void AWideNetworksPredictAllocatesNothingOnceWarm()
    {
        var net = new WideSoftmax(2);
        float[] input = { 0.25f };
        var output = new float[WideSoftmax.OutputSize];
        Assert.Equal(0, SteadyAllocations.Of(times =>
        {
            for (int i = 0; i < times; i++) net.Predict(input, output);
        }, times: 20));
    }
}
