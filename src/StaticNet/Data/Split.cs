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
            if (count < 2 || count > Guard.MaxArrayLength) throw new ArgumentOutOfRangeException(nameof(count), count, $"Need 2 to {Guard.MaxArrayLength} rows (the most an array holds) to split.");
            if (!(testFraction > 0f && testFraction < 1f)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Must be in (0, 1).");
            var rows = new int[count];
            for (int i = 0; i < count; i++) rows[i] = i;
            var random = new NetRandom(seed);
            random.Shuffle(rows);
            int test = Math.Min(count - 1, Math.Max(1, (int)(count * (double)testFraction)));
            return (rows.AsSpan(0, count - test).ToArray(), rows.AsSpan(count - test).ToArray());
        }

        /// <summary>The labels of the given rows, in order.</summary>
        /// <exception cref="ArgumentOutOfRangeException">An index is not one of the labels' rows (the message names its position).</exception>
        public static int[] Select(int[] labels, ReadOnlySpan<int> rows)
        {
            if (labels is null) throw new ArgumentNullException(nameof(labels));
            RequireIndices(rows, labels.Length, nameof(rows), "there are");
            var result = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++) result[i] = labels[rows[i]];
            return result;
        }

        /// <summary>Throws unless every index in <paramref name="rows"/> is in [0, <paramref name="count"/>), naming the first that is not.</summary>
        internal static void RequireIndices(ReadOnlySpan<int> rows, int count, string paramName, string holder)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                if ((uint)rows[i] >= (uint)count)
                {
                    string range = count == 0 ? "no rows" : $"{count} rows (0 to {count - 1})";
                    throw new ArgumentOutOfRangeException(paramName, rows[i], $"{paramName}[{i}] is {rows[i]}, but {holder} {range}.");
                }
            }
        }
    }
}
