using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace StaticNet
{
    /// <summary>Targets a loss can mean: the checks of TrainStep, AccumulateGradients and the data sets of Train and Evaluate.</summary>
    public static partial class Guard
    {
        /// <summary>How far from 1 a cross-entropy target row may sum: float rounding of a distribution over many classes.</summary>
        internal const double DistributionTolerance = 1e-3;

        /// <summary>
        /// Throws <see cref="ArgumentException"/> unless <paramref name="target"/> is one sample's target that
        /// <paramref name="loss"/> can mean: finite values for mean squared error; for binary cross-entropy, probabilities
        /// in [0, 1]; for cross-entropy, probabilities in [0, 1] that sum to 1 (within 0.001). Anything else trains to a
        /// loss that means nothing (cross-entropy targets {−5, 10, 0} reach a "loss" of −460).
        /// </summary>
        public static void Target(ReadOnlySpan<float> target, Loss loss, string paramName)
        {
            if (loss == Loss.MeanSquaredError)
            {
                Finite(target, paramName);
                return;
            }
            if (!TargetsMeanProbabilities(target, target.Length, loss)) ThrowTarget(target, target.Length, loss, paramName, byRow: false);
        }

        /// <summary>
        /// <see cref="Target"/> for rows of <paramref name="rowLength"/> targets, whose message names the row and column;
        /// the values are already known to be finite.
        /// </summary>
        internal static void TargetRows(ReadOnlySpan<float> targets, int rowLength, Loss loss, string paramName)
        {
            if (loss == Loss.MeanSquaredError || TargetsMeanProbabilities(targets, rowLength, loss)) return;
            ThrowTarget(targets, rowLength, loss, paramName, byRow: true);
        }

        /// <summary>Every value in [0, 1] (NaN is not), and for cross-entropy every row summing to 1.</summary>
        private static bool TargetsMeanProbabilities(ReadOnlySpan<float> values, int rowLength, Loss loss)
        {
            bool distributions = loss == Loss.CrossEntropy;
            for (int start = 0; start < values.Length; start += rowLength)
            {
                double sum = 0;
                for (int i = start; i < start + rowLength; i++)
                {
                    float t = values[i];
                    if (!(t >= 0f && t <= 1f)) return false;
                    sum += t;
                }
                if (distributions && !(Math.Abs(sum - 1.0) <= DistributionTolerance)) return false;
            }
            return true;
        }

        /// <summary>The first target the loss cannot mean, by place: "at index 3" for one sample, "at row 2, column 1" for rows.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowTarget(ReadOnlySpan<float> values, int rowLength, Loss loss, string paramName, bool byRow)
        {
            string Place(int i) => byRow ? $"row {Text(i / rowLength)}, column {Text(i % rowLength)}" : $"index {Text(i)}";
            for (int start = 0; start < values.Length; start += rowLength)
            {
                double sum = 0;
                for (int i = start; i < start + rowLength; i++)
                {
                    float t = values[i];
                    if (!NetMath.IsFinite(t)) throw new ArgumentException($"'{paramName}' holds {Text(t)} at {Place(i)}: training needs finite values.", paramName);
                    if (!(t >= 0f && t <= 1f))
                    {
                        throw new ArgumentException($"'{paramName}' holds {Text(t)} at {Place(i)}: {loss} targets are probabilities, each in [0, 1].", paramName);
                    }
                    sum += t;
                }
                if (loss == Loss.CrossEntropy && !(Math.Abs(sum - 1.0) <= DistributionTolerance))
                {
                    string which = byRow ? $"'{paramName}' row {Text(start / rowLength)} sums" : $"'{paramName}' sums";
                    throw new ArgumentException(
                        $"{which} to {sum.ToString("G7", CultureInfo.InvariantCulture)}: CrossEntropy targets are a distribution over the classes and must sum to 1 (within {Text(DistributionTolerance)}).",
                        paramName);
                }
            }
        }
    }
}
