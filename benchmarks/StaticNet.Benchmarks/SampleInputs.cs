using System;

namespace StaticNet.Benchmarks;

/// <summary>The suite's inputs: uniform on [0, 1) from one fixed seed, so every benchmark and peer reads the same rows.</summary>
public static class SampleInputs
{
    public static float[] Uniform(int length)
    {
        var random = new Random(3);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        return values;
    }
}
