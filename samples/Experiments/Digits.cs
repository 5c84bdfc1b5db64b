using System;
using System.IO;
using StaticNet.Data;

namespace StaticNet.Experiments;

/// <summary>
/// The 8×8 digits of samples/Digits (64 grey levels scaled to [0, 1], labels 0–9), split with a seed into a training
/// slice and a validation slice of chosen sizes: the same seed and sizes always give the same rows.
/// </summary>
public sealed class Digits
{
    /// <summary>Where the build puts the CSV (linked from samples/Digits/data, not copied into this sample).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");

    private Digits(float[] trainInputs, int[] trainLabels, float[] validationInputs, int[] validationLabels)
    {
        TrainInputs = trainInputs; TrainLabels = trainLabels; ValidationInputs = validationInputs; ValidationLabels = validationLabels;
    }

    public const int Pixels = 64;

    public float[] TrainInputs { get; }

    public int[] TrainLabels { get; }

    public float[] ValidationInputs { get; }

    public int[] ValidationLabels { get; }

    public int TrainCount => TrainLabels.Length;

    public int ValidationCount => ValidationLabels.Length;

    /// <summary>
    /// <paramref name="trainCount"/> training rows from a random three quarters of the 1,797 digits and
    /// <paramref name="validationCount"/> validation rows from the other quarter (at most 449).
    /// </summary>
    public static Digits Load(string path, int trainCount, int validationCount, int seed)
    {
        (NumericTable pixels, int[] labels) = NumericTable.LoadCsv(path).SplitLabels(labelColumn: Pixels);
        for (int i = 0; i < pixels.Values.Length; i++) pixels.Values[i] /= 16f;   // grey levels 0..16 → 0..1
        (int[] trainRows, int[] validationRows) = Split.TrainTest(pixels.Rows, testFraction: 0.25f, seed);
        if (trainCount > trainRows.Length) throw new ArgumentOutOfRangeException(nameof(trainCount), trainCount, $"At most {trainRows.Length}.");
        if (validationCount > validationRows.Length) throw new ArgumentOutOfRangeException(nameof(validationCount), validationCount, $"At most {validationRows.Length}.");
        ReadOnlySpan<int> train = trainRows.AsSpan(0, trainCount), validation = validationRows.AsSpan(0, validationCount);
        return new Digits(pixels.SelectRows(train).Values, Split.Select(labels, train), pixels.SelectRows(validation).Values, Split.Select(labels, validation));
    }
}
