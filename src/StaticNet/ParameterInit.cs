using System;

namespace StaticNet
{
    /// <summary>
    /// Weight initialisation schemes. Generated constructors call these once per layer; they are
    /// public so that users can re-initialise a network the same way.
    /// </summary>
    public static class ParameterInit
    {
        /// <summary>
        /// Glorot/Xavier uniform: W ~ U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut))). Keeps the variance
        /// of activations and gradients roughly constant across layers for sigmoid, tanh and identity.
        /// </summary>
        public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, ref NetRandom random)
            => FillUniform(weights, (float)Math.Sqrt(6.0 / (fanIn + fanOut)), ref random);

        /// <summary>
        /// He/Kaiming uniform: W ~ U(−√(6/fanIn), +√(6/fanIn)). Doubles Glorot's variance to make up
        /// for the half of ReLU-family units that pass no signal.
        /// </summary>
        public static void HeUniform(Span<float> weights, int fanIn, ref NetRandom random)
            => FillUniform(weights, (float)Math.Sqrt(6.0 / fanIn), ref random);

        private static void FillUniform(Span<float> weights, float limit, ref NetRandom random)
        {
            for (int i = 0; i < weights.Length; i++) weights[i] = random.NextUniform(limit);
        }
    }
}
