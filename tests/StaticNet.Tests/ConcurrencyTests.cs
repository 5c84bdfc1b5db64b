using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// One training call at a time on a network: Train, TrainStep or AccumulateGradients while one of them runs — from
/// Train's own progress callback, or from another thread — throws InvalidOperationException and changes nothing, and the
/// running call goes on as if it had not happened. Deterministic: the other thread calls while the first one is held
/// inside its progress callback.
/// </summary>
public class ConcurrencyTests
{
    private static readonly (float[] Inputs, int[] Labels) Data = TrainingTests.ToyClassification(SmallClassifier.InputSize, SmallClassifier.OutputSize, 40, seed: 6);
    private static readonly float[] Targets = Hostile.OneHot(Data.Labels, SmallClassifier.OutputSize);

    private static TrainingOptions Options(IProgress<EpochReport>? progress = null) => new()
    {
        Epochs = 4, BatchSize = 8, Optimizer = Optimizer.Adam(0.02f), Seed = 3, EarlyStopping = new EarlyStopping(patience: 10), Progress = progress,
    };

    private static (TrainingReport Report, int[] Bits) Undisturbed()
    {
        var net = new SmallClassifier(2);
        TrainingReport report = net.Train(Data.Inputs, Data.Labels, Options());
        return (report, TrainingTests.Bits(net.Parameters));
    }

    /// <summary>Every training call on <paramref name="net"/>, each of which must be refused while Train runs.</summary>
    private static void AssertEveryTrainingCallRefused(SmallClassifier net)
    {
        var gradients = Enumerable.Repeat(5f, SmallClassifier.ParameterCount).ToArray();
        var model = new System.IO.MemoryStream();
        var tensors = new System.IO.MemoryStream();
        new SmallClassifier(99).Save(model);
        new SmallClassifier(99).SaveSafetensors(tensors);
        Action[] calls =
        {
            () => net.Train(Data.Inputs, Data.Labels, new TrainingOptions { Epochs = 1 }),
            () => net.Train(Data.Inputs, Targets, Data.Inputs, Targets, new TrainingOptions { Epochs = 1 }),
            () => net.TrainStep(Data.Inputs.AsSpan(0, 4), Targets.AsSpan(0, 3), 0.1f),
            () => net.AccumulateGradients(Data.Inputs.AsSpan(0, 4), Targets.AsSpan(0, 3), gradients),
            () => { model.Position = 0; net.Load(model); },
            () => { tensors.Position = 0; net.LoadSafetensors(tensors); },
        };
        string[] names = { "Train", "Train", "TrainStep", "AccumulateGradients", "Load", "LoadSafetensors" };
        for (int i = 0; i < calls.Length; i++)
        {
            Hostile.Refused<InvalidOperationException>(net, calls[i], null, $"{names[i]} was called while Train is running on this network", "one Train, TrainStep or AccumulateGradients call at a time");
        }
        Assert.All(gradients, g => Assert.Equal(5f, g));
    }

    [Fact]
    public void TrainingCallsFromInsideTheProgressCallbackAreRefused()
    {
        (TrainingReport expected, int[] bits) = Undisturbed();
        var net = new SmallClassifier(2);
        int refused = 0;
        TrainingReport report = net.Train(Data.Inputs, Data.Labels, Options(new CallbackProgress(_ =>
        {
            AssertEveryTrainingCallRefused(net);
            refused++;
        })));

        Assert.Equal(4, refused);
        Assert.Equal(expected.Epochs, report.Epochs);
        Assert.Equal(expected.Message, report.Message);
        Assert.Equal(bits, TrainingTests.Bits(net.Parameters));
    }

    [Fact]
    public async Task TrainingCallsFromAnotherThreadWhileTrainRunsAreRefused()
    {
        (TrainingReport expected, int[] bits) = Undisturbed();
        var net = new SmallClassifier(2);
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var progress = new CallbackProgress(e =>
        {
            if (e.Epoch != 2) return;
            inside.Set();   // the other thread may call now: this Train is running, held here
            Assert.True(release.Wait(TimeSpan.FromMinutes(1)), "the test thread never released the training thread");
        });

        Task<TrainingReport> training = Task.Run(() => net.Train(Data.Inputs, Data.Labels, Options(progress)));
        Assert.True(inside.Wait(TimeSpan.FromMinutes(1)), "training never reached its second epoch");
        try
        {
            AssertEveryTrainingCallRefused(net);
        }
        finally
        {
            release.Set();
        }
        TrainingReport report = await training;

        Assert.Equal(expected.Epochs, report.Epochs);
        Assert.Equal(bits, TrainingTests.Bits(net.Parameters));
        // Released: the network takes training calls again.
        Assert.True(float.IsFinite(net.TrainStep(Data.Inputs.AsSpan(0, 4), Targets.AsSpan(0, 3), 0.1f)));
        Assert.Equal(StopReason.Completed, net.Train(Data.Inputs, Data.Labels, new TrainingOptions { Epochs = 1 }).StopReason);
    }

    [Fact]
    public void ARefusedCallLeavesTheGateToItsHolder()
    {
        // The refused call must not release the gate it did not take: a third call during the same Train is refused too.
        var net = new SmallClassifier(2);
        int calls = 0;
        net.Train(Data.Inputs, Data.Labels, new TrainingOptions
        {
            Epochs = 1,
            Progress = new CallbackProgress(_ =>
            {
                for (int i = 0; i < 3; i++)
                {
                    Assert.Throws<InvalidOperationException>(() => net.TrainStep(Data.Inputs.AsSpan(0, 4), Targets.AsSpan(0, 3), 0.1f));
                    calls++;
                }
            }),
        });
        Assert.Equal(3, calls);
    }
}
