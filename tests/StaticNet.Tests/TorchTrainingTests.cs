using System;
using System.Linq;
using System.Text.Json;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Train against PyTorch (Fixtures/torch_training.json, from tests/tools/make_torch_training_fixture.py):
/// SGD, momentum, Nesterov, Adam, AdamW, coupled L2, L1, step decay, cosine, warm-up, gradient clipping,
/// full-batch, mini-batch and stochastic — the same epoch losses and final parameters, within float tolerance.
/// </summary>
public class TorchTrainingTests
{
    private static readonly JsonElement[] Cases = Fixtures.Load("torch_training.json", "cases");

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in Cases) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Fact]
    public void FixtureCoversEveryOptimizerAndSchedule()
    {
        var options = Cases.Select(c => c.GetProperty("options")).ToArray();
        foreach (string optimizer in Enum.GetNames<OptimizerKind>()) Assert.Contains(options, o => o.GetProperty("optimizer").GetString() == optimizer);
        foreach (string kind in new[] { "StepDecay", "Cosine", "Constant" }) Assert.Contains(options, o => o.TryGetProperty("schedule", out var s) && s.GetProperty("kind").GetString() == kind);
        Assert.Contains(options, o => o.TryGetProperty("nesterov", out var n) && n.GetBoolean());
        Assert.Contains(options, o => o.TryGetProperty("maxGradientNorm", out _));
        Assert.Contains(options, o => o.TryGetProperty("l1", out _));
        Assert.Contains(options, o => o.TryGetProperty("batchSize", out var b) && b.GetInt32() == 1);
        Assert.Contains(options, o => !o.TryGetProperty("batchSize", out _));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainMatchesPyTorch(string name)
    {
        JsonElement fixture = Cases.Single(c => c.GetProperty("name").GetString() == name);
        Type type = NetworkCatalog.Find(fixture.GetProperty("network").GetString()!);
        var net = (ITrainableNetwork)NetworkCatalog.Create(type, seed: 0);
        Fixtures.Floats(fixture, "parameters").CopyTo(net.Parameters);
        TrainingOptions options = ToOptions(fixture.GetProperty("options"), fixture.GetProperty("epochs").GetInt32());

        float[] inputs = Fixtures.Floats(fixture, "inputs");
        TrainingReport report = fixture.GetProperty("labels").ValueKind == JsonValueKind.Array
            ? Trainer.Train(net, inputs, fixture.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()).ToArray(), options)
            : Trainer.Train(net, inputs, Fixtures.Floats(fixture, "targets"), options);

        Assert.Equal(StopReason.Completed, report.StopReason);
        double[] expectedLosses = Fixtures.Doubles(fixture, "epochLosses");
        GradientTests.AssertClose(expectedLosses, report.Epochs.Select(e => e.TrainLoss).ToArray(), absolute: 1e-5, relative: 1e-4, what: "epoch loss");
        GradientTests.AssertClose(Fixtures.Doubles(fixture, "finalParameters"), net.Parameters, absolute: 1e-5, relative: 1e-4, what: "final parameters");
    }

    internal static TrainingOptions ToOptions(JsonElement o, int epochs)
    {
        float F(string key, float fallback) => o.TryGetProperty(key, out var v) ? (float)v.GetDouble() : fallback;
        float lr = F("learningRate", 0f);
        Optimizer optimizer = o.GetProperty("optimizer").GetString() switch
        {
            "Sgd" => Optimizer.Sgd(lr, F("momentum", 0f), F("dampening", 0f), o.TryGetProperty("nesterov", out var n) && n.GetBoolean(), F("weightDecay", 0f)),
            "Adam" => Optimizer.Adam(lr, F("beta1", 0.9f), F("beta2", 0.999f), F("epsilon", 1e-8f), F("weightDecay", 0f)),
            _ => Optimizer.AdamW(lr, F("beta1", 0.9f), F("beta2", 0.999f), F("epsilon", 1e-8f), F("weightDecay", 0.01f)),
        };
        LearningRateSchedule schedule = LearningRateSchedule.Constant;
        if (o.TryGetProperty("schedule", out JsonElement s))
        {
            schedule = s.GetProperty("kind").GetString() switch
            {
                "StepDecay" => LearningRateSchedule.StepDecay(s.GetProperty("stepSize").GetInt32(), (float)s.GetProperty("gamma").GetDouble()),
                "Cosine" => LearningRateSchedule.Cosine(s.GetProperty("epochs").GetInt32(), (float)s.GetProperty("minFactor").GetDouble()),
                _ => LearningRateSchedule.Constant,
            };
            if (s.TryGetProperty("warmupEpochs", out var w)) schedule = schedule.WithWarmup(w.GetInt32(), (float)s.GetProperty("warmupStartFactor").GetDouble());
        }
        return new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = o.TryGetProperty("batchSize", out var b) ? b.GetInt32() : 0,
            Optimizer = optimizer,
            Schedule = schedule,
            MaxGradientNorm = F("maxGradientNorm", 0f),
            L1 = F("l1", 0f),
            Shuffle = false,
        };
    }
}
