using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace StaticNet
{
    /// <summary>
    /// What <see cref="GradientCheck.Run(INetwork, ReadOnlySpan{float}, ReadOnlySpan{float})"/> found: the largest errors, the
    /// worst parameter, a summary per layer, and every parameter's two gradients. <see cref="ToString"/> is a readable report.
    /// </summary>
    public sealed class GradientCheckResult
    {
        private readonly ParameterChecks _checks;

        internal GradientCheckResult(NetworkArchitecture architecture, float loss, ParameterChecks checks)
        {
            _checks = checks;
            Architecture = architecture;
            Loss = loss;
            var layers = new GradientCheckLayer[architecture.Layers.Count];
            for (int l = 0; l < layers.Length; l++)
            {
                string number = (l + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                int weights = architecture.WeightOffset(l), biases = architecture.BiasOffset(l);
                layers[l] = new GradientCheckLayer(l, architecture.Layers[l],
                    new GradientCheckSummary("W" + number, weights, biases - weights, checks),
                    new GradientCheckSummary("b" + number, biases, architecture.Layers[l].Size, checks));
            }
            Layers = new ReadOnlyCollection<GradientCheckLayer>(layers);
            Backpropagated = Array.AsReadOnly(checks.Backpropagated);
            FiniteDifferences = Array.AsReadOnly(checks.FiniteDifferences);

            var whole = new GradientCheckSummary("all", 0, architecture.ParameterCount, checks);
            Checked = whole.Checked;
            Skipped = whole.Skipped;
            Failed = whole.Failed;
            MaxAbsoluteError = whole.MaxAbsoluteError;
            MaxRelativeError = whole.MaxRelativeError;
            WorstParameter = whole.WorstParameter;
        }

        /// <summary>The architecture of the network checked.</summary>
        public NetworkArchitecture Architecture { get; }

        /// <summary>The loss on the sample, as <see cref="INetwork.AccumulateGradients"/> returned it.</summary>
        public float Loss { get; }

        /// <summary>The relative error above which a parameter fails (<see cref="GradientCheck.Tolerance"/>).</summary>
        public double Tolerance => _checks.Tolerance;

        /// <summary>Parameters compared with their finite difference.</summary>
        public int Checked { get; }

        /// <summary>Parameters not compared because their step moves a ReLU, LeakyReLU or ELU unit across its kink.</summary>
        public int Skipped { get; }

        /// <summary>Checked parameters whose relative error is above <see cref="Tolerance"/>.</summary>
        public int Failed { get; }

        /// <summary>The largest |backpropagated − finite difference| over the checked parameters.</summary>
        public double MaxAbsoluteError { get; }

        /// <summary>
        /// The largest relative error over the checked parameters: |g − d| / max(|g|, |d|, floor), where g is the
        /// backpropagated gradient, d the central difference and floor the smallest gradient the difference of two float
        /// losses resolves at that parameter's step (its rounding noise / <see cref="Tolerance"/>). Between 10⁻⁵ and
        /// 4·10⁻⁴ for the correct networks of the test suite; a wrong factor, sign or term is near 0.1 to 2.
        /// </summary>
        public double MaxRelativeError { get; }

        /// <summary>Index in <see cref="INetwork.Parameters"/> of the parameter with the largest relative error (−1 when none was checked).</summary>
        public int WorstParameter { get; }

        /// <summary>At least one parameter was checked and none failed.</summary>
        public bool Passed => Checked > 0 && Failed == 0;

        /// <summary>Each layer's weights and biases, in order.</summary>
        public IReadOnlyList<GradientCheckLayer> Layers { get; }

        /// <summary>∂L/∂θ from <see cref="INetwork.AccumulateGradients"/>, in the layout of <see cref="INetwork.Parameters"/>.</summary>
        public IReadOnlyList<float> Backpropagated { get; }

        /// <summary>∂L/∂θ by central differences, in the same layout; NaN where the parameter was skipped or not sampled.</summary>
        public IReadOnlyList<double> FiniteDifferences { get; }

        /// <summary>The layer holding parameter <paramref name="parameter"/>.</summary>
        public GradientCheckLayer LayerOf(int parameter)
        {
            CheckIndex(parameter);
            return Layers[ParameterLayout.LayerOf(Architecture, parameter)];
        }

        /// <summary>"W2[1, 3]" (layer 2's weight from input 3 into unit 1) or "b1[0]"; layers from 1, units and inputs from 0.</summary>
        public string ParameterName(int parameter)
        {
            CheckIndex(parameter);
            return ParameterLayout.Name(Architecture, parameter);
        }

        /// <summary>The report: the verdict, then one line per layer's weights and biases, then the worst parameter.</summary>
        public override string ToString() => GradientCheckText.Format(this);

        private void CheckIndex(int parameter)
        {
            if ((uint)parameter >= (uint)Architecture.ParameterCount)
            {
                throw new ArgumentOutOfRangeException(nameof(parameter), parameter, $"Must be in [0, {Architecture.ParameterCount}).");
            }
        }
    }
}
