using System;

namespace StaticNet
{
    /// <summary>
    /// Weight initialisation schemes. Generated constructors call <see cref="Fill"/> once per layer;
    /// it is public so that users can re-initialise a network the same way.
    /// </summary>
    public static class ParameterInit
    {
        /// <summary>Fills <paramref name="weights"/> (one layer's [fanOut × fanIn] matrix) by <paramref name="scheme"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A fan is below 1, or the scheme is <see cref="Initialization.Default"/> or unknown.</exception>
        public static void Fill(Span<float> weights, Initialization scheme, int fanIn, int fanOut, ref NetRandom random)
        {
            if (fanIn < 1) throw new ArgumentOutOfRangeException(nameof(fanIn), fanIn, "Must be at least 1.");
            if (fanOut < 1) throw new ArgumentOutOfRangeException(nameof(fanOut), fanOut, "Must be at least 1.");
            switch (scheme)
            {
                case Initialization.GlorotUniform: FillUniform(weights, Math.Sqrt(6.0 / (fanIn + fanOut)), ref random); break;
                case Initialization.GlorotNormal: FillNormal(weights, Math.Sqrt(2.0 / (fanIn + fanOut)), ref random); break;
                case Initialization.HeUniform: FillUniform(weights, Math.Sqrt(6.0 / fanIn), ref random); break;
                case Initialization.HeNormal: FillNormal(weights, Math.Sqrt(2.0 / fanIn), ref random); break;
                case Initialization.LeCunUniform: FillUniform(weights, Math.Sqrt(3.0 / fanIn), ref random); break;
                case Initialization.LeCunNormal: FillNormal(weights, Math.Sqrt(1.0 / fanIn), ref random); break;
                default: throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Name a concrete scheme; the generator resolves Default per activation.");
            }
        }

        /// <summary>
        /// The scheme <see cref="Initialization.Default"/> stands for: He (uniform) keeps the signal's
        /// variance through ReLU-family units, which pass only half of it; Glorot (uniform) suits the others.
        /// </summary>
        public static Initialization DefaultFor(Activation activation)
            => activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU ? Initialization.HeUniform : Initialization.GlorotUniform;

        private static void FillUniform(Span<float> weights, double limit, ref NetRandom random)
        {
            for (int i = 0; i < weights.Length; i++) weights[i] = random.NextUniform((float)limit);
        }

        private static void FillNormal(Span<float> weights, double standardDeviation, ref NetRandom random)
        {
            for (int i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextGaussian() * standardDeviation);
        }
    }
}
