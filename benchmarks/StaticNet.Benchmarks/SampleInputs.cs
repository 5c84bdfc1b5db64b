using System;
using System.IO;

namespace StaticNet.Benchmarks;

/// <summary>
/// The suite's inputs: uniform on [0, 1) from one fixed seed, so every benchmark and peer reads the same rows; and real
/// MNIST digits, for the 784-input shape, whose inputs are mostly exact zeros (the background).
/// </summary>
public static class SampleInputs
{
    /// <summary>
    /// <paramref name="values"/> with 0 at the given positions of every group of 16 (a feature that is often 0, at the
    /// same place in every row): the case between dense inputs and a digit's background.
    /// </summary>
    public static float[] WithZeros(float[] values, params int[] positionsIn16)
    {
        foreach (int k in positionsIn16)
        {
            for (int i = k; i < values.Length; i += 16) values[i] = 0;
        }
        return values;
    }

    /// <summary>The first <paramref name="count"/> of the digits the MNIST sample ships, 784 pixels each in [0, 1], row after row.</summary>
    public static float[] MnistDigits(int count)
    {
        (float[] pixels, int available, int size) = Idx.ReadImages(Path.Combine(AppContext.BaseDirectory, "data", "mnist10k-images-idx3-ubyte.gz"));
        if (size != 784 || count > available) throw new InvalidOperationException($"Expected at least {count} digits of 784 pixels, found {available} of {size}.");
        return pixels.AsSpan(0, count * size).ToArray();
    }

    public static float[] Uniform(int length)
    {
        var random = new Random(3);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        return values;
    }
}
