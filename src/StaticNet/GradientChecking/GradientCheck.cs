using System;
using StaticNet.Training;

namespace StaticNet
{
    /// <summary>
    /// Checks a network's backpropagation against the loss itself: each parameter's ∂L/∂θ from
    /// <see cref="INetwork.AccumulateGradients"/> against the central difference (L(θ + h) − L(θ − h)) / 2h of
    /// <see cref="INetwork.ComputeLoss"/>. For anyone who writes or changes an <see cref="INetwork"/>, and for learners who
    /// want to see that backpropagation is the derivative.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The cost is one <see cref="INetwork.AccumulateGradients"/> and two <see cref="INetwork.ComputeLoss"/> per parameter
    /// (plus a double-precision pass over the layers above it to find kinks), so O(P²) for P parameters: instant for
    /// thousands, seconds for a hundred thousand. The overload with <c>maxPerTensor</c> checks an evenly spread sample of
    /// each layer's weights and of its biases instead.
    /// </para>
    /// <para>
    /// The network computes its loss in float, so each loss carries a rounding error of a few units of 2⁻²⁴·max(1, |L|).
    /// A central difference with step h is off by about that over h from rounding and by h²·L‴/6 from truncation; the two
    /// balance near h = ∛(2⁻²⁴) = 2⁻⁸, the step taken here, times max(1, |θ|). A weight's step is divided further by
    /// max(1, |a|) of the input it multiplies (at most by 2⁸), so that the pre-activation moves the same distance however
    /// large the inputs are. The step is taken in float (θ ± h is rounded to a parameter's value), and the difference
    /// quotient divides by the steps actually taken, in double.
    /// </para>
    /// <para>
    /// A parameter fails when its relative error |g − d| / max(|g|, |d|, floor) is above <see cref="Tolerance"/> (g
    /// backpropagated, d the central difference). The floor is the rounding noise allowed in d, 32·2⁻²⁴·max(1, |L|)/h,
    /// over the tolerance: below it, gradients are held to that absolute noise instead. Over 30 random samples of every
    /// network in the test suite the largest error seen, truncation included, was 11 of those units (the median 0.2),
    /// so a correct network passes with room (its relative errors stayed below 4·10⁻⁴), while a wrong factor, sign or term in
    /// backpropagation shows up as a relative error near 1. At L ≈ 1 the floor means errors below about 5·10⁻⁴ in
    /// absolute terms go unseen.
    /// </para>
    /// <para>
    /// A ReLU, LeakyReLU or ELU unit whose pre-activation crosses 0 within a parameter's step makes the loss non-smooth
    /// there: such parameters are skipped and counted (<see cref="GradientCheckResult.Skipped"/>). Dropout is not applied
    /// (neither AccumulateGradients nor ComputeLoss drops units). The parameters are read and written through
    /// <see cref="INetwork.Parameters"/>, so the network must not be used by anyone else during the check; afterwards they
    /// are bit for bit what they were, also when the network throws.
    /// </para>
    /// </remarks>
    public static class GradientCheck
    {
        /// <summary>The relative error above which a parameter fails.</summary>
        public const double Tolerance = 1e-3;

        /// <summary>Each parameter's step, relative to max(1, |θ|): ∛(2⁻²⁴), where float rounding and truncation balance.</summary>
        private const double RelativeStep = 1.0 / 256;

        /// <summary>
        /// How far a central difference may be off from float rounding alone, in units of 2⁻²⁴·max(1, |L|) over the step h:
        /// about three times the most measured (11 units, over 30 samples of every test network; the median is 0.2).
        /// </summary>
        private const double LossNoiseUnits = 32;

        private const double FloatEpsilon = 1.0 / (1 << 24);

        /// <summary>Checks every parameter of <paramref name="network"/> on one sample.</summary>
        /// <param name="network">Any network; its parameters are perturbed during the call and restored before it returns.</param>
        /// <param name="input">One input, <see cref="INetwork.InputSize"/> finite values.</param>
        /// <param name="target">Its target, <see cref="INetwork.OutputSize"/> finite values (what the loss accepts: a distribution for cross-entropy).</param>
        /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
        /// <exception cref="ArgumentException">A span's length is not the network's, or the input, target or a parameter holds NaN or ±∞.</exception>
        public static GradientCheckResult Run(INetwork network, ReadOnlySpan<float> input, ReadOnlySpan<float> target)
            => Run(network, input, target, int.MaxValue);

        /// <summary>
        /// Checks at most <paramref name="maxPerTensor"/> of each layer's weights and as many of its biases, evenly spread
        /// over each block (all of a block that has no more), on one sample: for networks too large to check whole.
        /// </summary>
        /// <inheritdoc cref="Run(INetwork, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPerTensor"/> is below 1.</exception>
        public static GradientCheckResult Run(INetwork network, ReadOnlySpan<float> input, ReadOnlySpan<float> target, int maxPerTensor)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            Guard.Length(input.Length, network.InputSize, nameof(input));
            Guard.Length(target.Length, network.OutputSize, nameof(target));
            Guard.Finite(input, nameof(input));
            Guard.Finite(target, nameof(target));
            if (maxPerTensor < 1) throw new ArgumentOutOfRangeException(nameof(maxPerTensor), maxPerTensor, "Must be at least 1.");
            NetworkArchitecture architecture = network.Architecture
                ?? throw new ArgumentException("The network has no Architecture.", nameof(network));
            Span<float> parameters = LibraryParameters.Of(network);
            if (parameters.Length != architecture.ParameterCount)
            {
                throw new ArgumentException($"The network's Parameters hold {parameters.Length} values but its Architecture describes {architecture.ParameterCount}.", nameof(network));
            }
            for (int i = 0; i < parameters.Length; i++)
            {
                if (!NetMath.IsFinite(parameters[i])) throw new ArgumentException($"The network's parameter {i} is {parameters[i]}: a gradient check needs finite parameters.", nameof(network));
            }

            float[] saved = parameters.ToArray();
            try
            {
                var backpropagated = new float[saved.Length];
                float loss = network.AccumulateGradients(input, target, backpropagated);
                var checks = new ParameterChecks(backpropagated, Tolerance);
                var pass = new DoubleForwardPass(architecture, saved, input);
                var kinks = new KinkDetector(pass);
                var probe = new LossProbe(network, input, target, parameters);
                double noise = LossNoiseUnits * FloatEpsilon * Math.Max(1.0, Math.Abs((double)loss));
                for (int l = 0; l < architecture.Layers.Count; l++)
                {
                    int weights = architecture.WeightOffset(l), biases = architecture.BiasOffset(l), size = architecture.Layers[l].Size;
                    CheckBlock(probe, saved, pass, kinks, checks, noise, l, weights, biases - weights, maxPerTensor);
                    CheckBlock(probe, saved, pass, kinks, checks, noise, l, biases, size, maxPerTensor);
                }
                return new GradientCheckResult(architecture, loss, checks);
            }
            finally
            {
                saved.AsSpan().CopyTo(parameters);
                if (network is ITrainableNetwork trainable) trainable.Gate.ParametersWritten();  // the probe wrote them without the gate
            }
        }

        private static void CheckBlock(LossProbe probe, float[] saved, DoubleForwardPass pass, KinkDetector kinks, ParameterChecks checks,
            double noise, int layer, int start, int count, int maxPerTensor)
        {
            int sampled = Math.Min(count, maxPerTensor);
            for (int s = 0; s < sampled; s++)
            {
                int i = start + (int)((long)s * count / sampled);   // evenly spread; every one when sampled == count
                ParameterStep step = ParameterStep.For(pass, layer, i, saved[i], RelativeStep);
                if (kinks.StepCrossesKink(layer, i, step.StepDown, step.StepUp))
                {
                    checks.Skip(i);
                    continue;
                }
                double span = step.StepUp + step.StepDown;
                checks.Record(i, (probe.LossWith(i, step.Up) - probe.LossWith(i, step.Down)) / span, noise / (span / 2));
            }
        }
    }
}
