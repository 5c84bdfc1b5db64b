using System;

namespace StaticNet
{
    /// <summary>What the gradient check found for one parameter.</summary>
    internal enum ParameterCheckState : byte
    {
        /// <summary>Left out by the sampling overload.</summary>
        NotSampled,

        /// <summary>Its step moves a ReLU-family unit across its kink: the difference quotient says nothing.</summary>
        SkippedAtKink,

        /// <summary>Compared.</summary>
        Checked,
    }

    /// <summary>The gradient check's per-parameter findings, which the summaries and the report are read from.</summary>
    internal sealed class ParameterChecks
    {
        public ParameterChecks(float[] backpropagated, double tolerance)
        {
            Backpropagated = backpropagated;
            Tolerance = tolerance;
            int count = backpropagated.Length;
            FiniteDifferences = new double[count];
            AbsoluteErrors = new double[count];
            RelativeErrors = new double[count];
            States = new ParameterCheckState[count];
            for (int i = 0; i < count; i++) FiniteDifferences[i] = double.NaN;
        }

        public float[] Backpropagated { get; }

        /// <summary>The central differences; NaN where none was taken.</summary>
        public double[] FiniteDifferences { get; }

        public double[] AbsoluteErrors { get; }

        public double[] RelativeErrors { get; }

        public ParameterCheckState[] States { get; }

        /// <summary>The relative error above which a parameter fails.</summary>
        public double Tolerance { get; }

        public void Skip(int parameter) => States[parameter] = ParameterCheckState.SkippedAtKink;

        /// <summary>
        /// Records one comparison. The relative error is |g − d| over the larger of |g|, |d| and the smallest gradient the
        /// difference quotient resolves (<paramref name="noise"/> / tolerance), so gradients that vanish below the float
        /// loss's resolution are held to the absolute noise instead of failing on it. Anything non-finite fails.
        /// </summary>
        public void Record(int parameter, double finiteDifference, double noise)
        {
            double backpropagated = Backpropagated[parameter];
            double error = Math.Abs(backpropagated - finiteDifference);
            double scale = Math.Max(Math.Max(Math.Abs(backpropagated), Math.Abs(finiteDifference)), noise / Tolerance);
            bool finite = !double.IsNaN(error) && !double.IsInfinity(error);
            States[parameter] = ParameterCheckState.Checked;
            FiniteDifferences[parameter] = finiteDifference;
            AbsoluteErrors[parameter] = finite ? error : double.PositiveInfinity;
            RelativeErrors[parameter] = finite ? error / scale : double.PositiveInfinity;
        }

        public bool Fails(int parameter) => States[parameter] == ParameterCheckState.Checked && !(RelativeErrors[parameter] <= Tolerance);
    }
}
