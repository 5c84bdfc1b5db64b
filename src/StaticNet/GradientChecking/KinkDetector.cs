namespace StaticNet
{
    /// <summary>
    /// Says whether a finite-difference step on one parameter moves a ReLU, LeakyReLU or ELU unit across its kink at
    /// z = 0 (or to within float rounding of it). Across a kink the loss has two slopes and the central difference is
    /// their average, which backpropagation (one side's slope) need not match: such a parameter says nothing about the
    /// gradient and is skipped. Unlike comparing the two one-sided differences (what the reference tests do in double),
    /// this looks at the pre-activations themselves, so float noise in the network's loss can neither pass for a kink
    /// nor hide one.
    /// </summary>
    /// <remarks>
    /// A weight W[j, k] or a bias b[j] of layer l moves z_l[j] alone, which moves layer l+1 through one column of its
    /// weights; the layers above that are recomputed in full, up to the last one with a kink.
    /// </remarks>
    internal sealed class KinkDetector
    {
        /// <summary>
        /// How far from 0, relative to |b| + Σ|w·a| of the unit, the network's float pre-activation may lie on the other
        /// side of the double one: a float dot product of n terms is off by about log2(n)·2⁻²⁴ of that sum with pairwise
        /// or lane-wise summation, and its inputs carry the float error of the layers below; 2⁻¹⁶ leaves 2⁸ ulps of
        /// headroom. Too wide only skips a few more parameters; too narrow could let a kink through.
        /// </summary>
        private const double RoundingMargin = 1.0 / 65536;

        private readonly DoubleForwardPass _pass;
        private readonly NetworkArchitecture _architecture;
        private readonly double[][] _zStep, _aStep;   // per layer, scratch for one perturbed pass
        private readonly int _lastKinked;              // the last (0-based) layer with a kink, −1 when none has

        public KinkDetector(DoubleForwardPass pass)
        {
            _pass = pass;
            _architecture = pass.Architecture;
            int layers = _architecture.Layers.Count;
            _lastKinked = -1;
            _zStep = new double[layers][]; _aStep = new double[layers][];
            for (int l = 0; l < layers; l++)
            {
                _zStep[l] = new double[_architecture.Layers[l].Size];
                _aStep[l] = new double[_architecture.Layers[l].Size];
                if (HasKink(_architecture.Layers[l])) _lastKinked = l;
            }
        }

        /// <summary>
        /// Whether moving parameter <paramref name="parameter"/> of layer <paramref name="layer"/> (0-based) down by
        /// <paramref name="stepDown"/> or up by <paramref name="stepUp"/> takes a ReLU-family unit in that layer or above
        /// across z = 0, or to within rounding of it.
        /// </summary>
        public bool StepCrossesKink(int layer, int parameter, double stepDown, double stepUp)
            => layer <= _lastKinked && (Crosses(layer, parameter, -stepDown) || Crosses(layer, parameter, stepUp));

        private bool Crosses(int layer, int parameter, double step)
        {
            // The one unit of this layer the parameter feeds: z_l[j] += step·a_{l−1}[k] (weight) or step (bias).
            (int unit, int input) = ParameterLayout.UnitAndInput(_architecture, layer, parameter);
            double before = _pass.PreActivations(layer)[unit];
            double z = before + step * (input < 0 ? 1.0 : _pass.Below(layer)[input]);
            LayerInfo info = _architecture.Layers[layer];
            if (HasKink(info) && Straddles(before, z, _pass.Magnitudes(layer)[unit])) return true;
            if (layer >= _lastKinked) return false;

            // The layer above sees one input change: z_{l+1} += W_{l+1}[:, j]·Δa_l[j].
            double change = DoubleForwardPass.Activate(info, z) - _pass.Activations(layer)[unit];
            if (change == 0.0) return false;   // a unit that stays off: nothing above it moves
            int next = layer + 1, nextInputs = _architecture.InputsOf(next), weights = _architecture.WeightOffset(next);
            LayerInfo nextInfo = _architecture.Layers[next];
            bool nextHidden = next < _architecture.Layers.Count - 1;
            double[] zNext = _zStep[next], aNext = _aStep[next], zBase = _pass.PreActivations(next), sizes = _pass.Magnitudes(next);
            for (int m = 0; m < zNext.Length; m++)
            {
                zNext[m] = zBase[m] + _pass.Parameters[weights + m * nextInputs + unit] * change;
                if (nextHidden) aNext[m] = DoubleForwardPass.Activate(nextInfo, zNext[m]);
                if (HasKink(nextInfo) && Straddles(zBase[m], zNext[m], sizes[m])) return true;
            }

            // Every layer above that, recomputed from the perturbed one below.
            for (int l = next + 1; l <= _lastKinked; l++)
            {
                _pass.Layer(l, _aStep[l - 1], _zStep[l], _aStep[l], magnitude: null);
                if (!HasKink(_architecture.Layers[l])) continue;
                double[] zBaseLayer = _pass.PreActivations(l), sizesLayer = _pass.Magnitudes(l);
                for (int m = 0; m < zBaseLayer.Length; m++)
                {
                    if (Straddles(zBaseLayer[m], _zStep[l][m], sizesLayer[m])) return true;
                }
            }
            return false;
        }

        /// <summary>Whether the segment between the two pre-activations, widened by the unit's rounding margin, holds 0.</summary>
        private static bool Straddles(double before, double after, double magnitude)
        {
            double margin = RoundingMargin * magnitude;
            return (before < after ? before : after) - margin <= 0.0 && (before < after ? after : before) + margin >= 0.0;
        }

        private static bool HasKink(LayerInfo layer) => layer.Activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU;
    }
}
