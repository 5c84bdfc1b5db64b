using System;

namespace StaticNet.Data
{
    /// <summary>Seeded train/test splits: the same seed always holds out the same rows.</summary>
    public static class Split
    {
        /// <summary>
        /// Shuffles row indices 0…count−1 with <paramref name="seed"/> and returns the last
        /// ⌊count·testFraction⌋ (at least one) as test rows, the rest as training rows.
        /// </summary>
        public static (int[] Train, int[] Test) TrainTest(int count, float testFraction, int seed)
        {
            if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "Need at least 2 rows to split.");
            if (!(testFraction > 0f && testFraction < 1f)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Must be in (0, 1).");
            var rows = new int[count];
            for (int i = 0; i < count; i++) rows[i] = i;
            var random = new NetRandom(seed);
            random.Shuffle(rows);
            int test = Math.Min(count - 1, Math.Max(1, (int)(count * (double)testFraction)));
            return (rows.AsSpan(0, count - test).ToArray(), rows.AsSpan(count - test).ToArray());
        }

        /// <summary>The labels of the given rows, in order.</summary>
        public static int[] Select(int[] labels, ReadOnlySpan<int> rows)
        {
            if (labels is null) throw new ArgumentNullException(nameof(labels));
            var result = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++) result[i] = labels[rows[i]];
            return result;
        }
    }
}
