using System;
using System.Linq;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>What every hostile-input test asserts of a refused call, and the small data sets they train on.</summary>
internal static class Hostile
{
    /// <summary>
    /// <paramref name="call"/> throws exactly <typeparamref name="TException"/>, naming <paramref name="paramName"/>
    /// (when given) and every phrase in its message, and leaves the network's parameters bit for bit as they were.
    /// </summary>
    public static TException Refused<TException>(INetwork network, Action call, string? paramName, params string[] phrases)
        where TException : Exception
    {
        int[] before = TrainingTests.Bits(network.Parameters);
        TException error = Assert.Throws<TException>(call);
        if (paramName is not null) Assert.Equal(paramName, Assert.IsAssignableFrom<ArgumentException>(error).ParamName);
        foreach (string phrase in phrases) Assert.Contains(phrase, error.Message);
        Assert.Equal(before, TrainingTests.Bits(network.Parameters));
        return error;
    }

    /// <summary>Where a bad value is planted in a span of <paramref name="length"/>: first, middle and last.</summary>
    public static int[] Places(int length) => new[] { 0, length / 2, length - 1 };

    /// <summary>n rows of two inputs in [−1, 1) and the target 3·x0 − x1 (the regression of the divergence report).</summary>
    public static (float[] Inputs, float[] Targets) Regression(int n, int seed)
    {
        var random = new Random(seed);
        float[] inputs = Enumerable.Range(0, 2 * n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] targets = Enumerable.Range(0, n).Select(i => 3 * inputs[2 * i] - inputs[2 * i + 1]).ToArray();
        return (inputs, targets);
    }

    /// <summary>One-hot rows of <paramref name="labels"/>.</summary>
    public static float[] OneHot(int[] labels, int classes)
    {
        var targets = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++) targets[i * classes + labels[i]] = 1f;
        return targets;
    }
}

/// <summary>IProgress that reports on the training thread (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class CallbackProgress(Action<EpochReport> report) : IProgress<EpochReport>
{
    public void Report(EpochReport value) => report(value);
}
