using System;
using System.ComponentModel;

namespace StaticNet.Training
{
    /// <summary>Per-sample accuracy, shared by generated code and the training loop.</summary>
    public static class Metrics
    {
        /// <summary>Whether the loss makes the network a classifier (cross-entropy or binary cross-entropy).</summary>
        public static bool IsClassifier(Loss loss) => loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy;

        /// <summary>
        /// How right one prediction is, in [0, 1]: for cross-entropy 1 when the largest output is the
        /// largest target (the class), for binary cross-entropy the fraction of outputs on the same side
        /// of 0.5 as their targets, for regression 0 (accuracy is not defined there).
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static float Score(Loss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target)
        {
            switch (loss)
            {
                case Loss.CrossEntropy:
                    return ArgMax(output) == ArgMax(target) ? 1f : 0f;
                case Loss.BinaryCrossEntropy:
                    int agree = 0;
                    for (int k = 0; k < output.Length; k++)
                    {
                        if ((output[k] >= 0.5f) == (target[k] >= 0.5f)) agree++;
                    }
                    return (float)agree / output.Length;
                default:
                    return 0f;
            }
        }

        /// <summary>
        /// The class a network's output names, as <c>Classify</c> answers it: for a single Sigmoid output, 1 when it is
        /// ≥ 0.5 and 0 otherwise (the threshold <see cref="Score"/> counts as accuracy); otherwise the index of the largest
        /// output. One output has no arg-max to speak of: it would always be class 0.
        /// </summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public static int Classify(ReadOnlySpan<float> output, Activation outputActivation)
            => output.Length == 1 && outputActivation == Activation.Sigmoid ? (output[0] >= 0.5f ? 1 : 0) : ArgMax(output);

        /// <summary>Index of the largest value (the first one on ties); NaN never wins.</summary>
        public static int ArgMax(ReadOnlySpan<float> values)
        {
            if (values.Length == 0) throw new ArgumentException("Needs at least one value.", nameof(values));
            int best = 0;
            for (int i = 1; i < values.Length; i++)
            {
                if (values[i] > values[best] || float.IsNaN(values[best])) best = i;
            }
            return best;
        }
    }
}
