using System;
using System.Globalization;

namespace StaticNet.Training
{
    /// <summary>
    /// What a diverging Train call saw, for its report: which number became NaN or ∞ (the loss, the gradient, a parameter,
    /// the learning rate), where, and the advice that fits it. When the very first batch fails, with the parameters Train
    /// was called with, no step has been taken and the learning rate cannot be the cause; when the data reach magnitudes
    /// far from 1, scaling it comes before lowering the rate.
    /// </summary>
    internal sealed class Divergence
    {
        /// <summary>Inputs or targets beyond this magnitude are taken for unscaled data (networks train on values near 1).</summary>
        private const float LargeMagnitude = 1000f;

        private Divergence(string what, string advice, bool spoilsParameters)
        {
            What = what;
            Advice = advice;
            SpoilsParameters = spoilsParameters;
        }

        /// <summary>The clause that says what became non-finite and where, e.g. "The loss became ∞ in epoch 35 on samples 0–99 of the shuffled order".</summary>
        public string What { get; }

        /// <summary>A sentence on what to change.</summary>
        public string Advice { get; }

        /// <summary>
        /// Whether the parameters may have taken the non-finite values (the run goes back to earlier ones); a learning
        /// rate that overflows is seen before the epoch it would spoil.
        /// </summary>
        public bool SpoilsParameters { get; }

        /// <summary>A training batch's loss, or (<paramref name="norm"/> given, null when the step was fused into the gradient pass and no norm exists) its gradient.</summary>
        public static Divergence InBatch(float loss, double? norm, int epoch, int first, int count, long step, in DataSet data)
        {
            string value = !NetMath.IsFinite(loss) ? "The loss became " + Text(loss)
                : norm is double g ? "The gradient's norm became " + Text(g)
                : "A gradient became NaN or ∞";
            string where = $"samples {Text(first)}–{Text(first + count - 1)} of the shuffled order";
            if (step > 0) return new Divergence($"{value} in epoch {Text(epoch)} on {where}", AdviceFor(data), spoilsParameters: true);
            // Nothing was updated yet: the data (or the parameters it started from, which Train checked were finite) made it.
            return new Divergence(
                $"{value} on the first batch ({where}), with the parameters Train was called with, before any step",
                "The learning rate is not the cause: " + Scale(data) + "; scale the data (StaticNet.Data.Scaler) so that the network's sums stay finite.",
                spoilsParameters: true);
        }

        /// <summary>A parameter that is NaN or ∞ after an epoch's last step.</summary>
        public static Divergence InParameters(int index, float value, int epoch, in DataSet data)
            => new Divergence($"Parameter {Text(index)} became {Text(value)} in epoch {Text(epoch)}", AdviceFor(data), spoilsParameters: true);

        /// <summary>The loss of the parameters after step <paramref name="step"/>, checked on the first batch of the training order because no later step would have seen it.</summary>
        public static Divergence AfterStep(float loss, long step, int epoch, in DataSet data)
            => new Divergence(
                $"The loss of the parameters after step {Text(step)} (in epoch {Text(epoch)}) became {Text(loss)} on the first batch of the training order",
                AdviceFor(data), spoilsParameters: true);

        /// <summary>The schedule's learning rate for <paramref name="epoch"/> overflowed (or the factor was NaN).</summary>
        public static Divergence InLearningRate(float rate, float baseRate, float factor, int epoch)
            => new Divergence(
                $"The learning rate for epoch {Text(epoch)} became {Text(rate)} ({Text(baseRate)} times the schedule's factor {Text(factor)}), so the epoch did not run",
                "Use a schedule whose factor stays finite (a StepDecay gamma of at most 1).",
                spoilsParameters: false);

        private static string AdviceFor(in DataSet data)
        {
            if (Math.Max(MaxMagnitude(data.Inputs), MaxMagnitude(data.Targets)) <= LargeMagnitude) return "Lower the learning rate or set MaxGradientNorm.";
            return "Scale the data first: " + Scale(data) + " (StaticNet.Data.Scaler brings it near 1); then, if it still diverges, lower the learning rate or set MaxGradientNorm.";
        }

        private static string Scale(in DataSet data)
        {
            string inputs = "the largest input magnitude is " + Text(MaxMagnitude(data.Inputs));
            return data.HasLabels ? inputs : inputs + " and the largest target magnitude " + Text(MaxMagnitude(data.Targets));
        }

        /// <summary>max |v| (0 for none: a labelled data set has no target values).</summary>
        private static float MaxMagnitude(ReadOnlySpan<float> values)
        {
            float max = 0f;
            foreach (float v in values) max = Math.Max(max, Math.Abs(v));
            return max;
        }

        private static string Text(float value) => value.ToString("G6", CultureInfo.InvariantCulture);

        private static string Text(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
