using System;

namespace StaticNet
{
    /// <summary>
    /// A step up and down from a float parameter: the two float values it takes, and the distances actually stepped
    /// (θ ± h rounded to float is not exactly θ ± h), in double, which is what a difference quotient must divide by.
    /// </summary>
    internal readonly struct ParameterStep
    {
        /// <summary>The most a weight's step is shrunk for a large input it multiplies: the step stays hundreds of float ulps of θ.</summary>
        private const double MaxInputScale = 256;

        private ParameterStep(float up, float down, double stepUp, double stepDown)
        {
            Up = up; Down = down; StepUp = stepUp; StepDown = stepDown;
        }

        public float Up { get; }

        public float Down { get; }

        /// <summary>Up − θ, exactly.</summary>
        public double StepUp { get; }

        /// <summary>θ − Down, exactly.</summary>
        public double StepDown { get; }

        /// <summary>
        /// A step of <paramref name="relative"/>·max(1, |θ|) for parameter <paramref name="parameter"/> of layer
        /// <paramref name="layer"/>, divided for a weight W[j, k] by max(1, |a_k|) (at most 2⁸) of the input it multiplies,
        /// so that the pre-activation moves the same distance however large the inputs are.
        /// </summary>
        public static ParameterStep For(DoubleForwardPass pass, int layer, int parameter, float theta, double relative)
        {
            (_, int input) = ParameterLayout.UnitAndInput(pass.Architecture, layer, parameter);
            double inputScale = input < 0 ? 1.0 : Math.Min(MaxInputScale, Math.Max(1.0, Math.Abs(pass.Below(layer)[input])));
            double h = relative * Math.Max(1.0, Math.Abs((double)theta)) / inputScale;
            float up = (float)(theta + h), down = (float)(theta - h);
            return new ParameterStep(up, down, (double)up - theta, theta - (double)down);
        }
    }
}
