using System;

namespace StaticNet.Training
{
    /// <summary>
    /// The optimizer's step as the trainer applies it: its state (velocity, or Adam's two moments, zeroed at
    /// the start of a Train call), and the current step's settings, refreshed by <see cref="Prepare"/> before every
    /// update. <see cref="Apply"/> updates any range of parameters; ranges are independent, so threads can
    /// share one step (<see cref="BatchRunner"/>) and get the same bits as one call over all. A network's gradient
    /// pass can also call <see cref="Apply"/> itself, range by range as it finishes them
    /// (<see cref="IParallelTrainableNetwork.ComputeGradientRows"/>); there is then no norm of the whole gradient,
    /// so each range's gradients are checked for NaN and ∞ on the way (<see cref="SawNonFiniteGradient"/>). When the
    /// step is plain SGD the pass may instead take it on the weight rows itself (<see cref="PlainSgdLearningRate"/>),
    /// with the same arithmetic as the library's SGD step (<see cref="Kernels.SgdUpdate"/>), so the same bits.
    /// </summary>
    internal sealed class ParameterUpdate : IParameterRangeUpdate
    {
        private readonly ITrainableNetwork _network;
        private readonly Optimizer _optimizer;
        private readonly float _l1;
        private readonly float[] _gradients, _state1, _state2;
        private SgdStep _sgd;
        private AdamStep _adam;
        private volatile bool _nonFinite;

        /// <summary>
        /// The step for <paramref name="network"/>, reading <paramref name="gradients"/>; <paramref name="state1"/> is the
        /// velocity (SGD with momentum) or Adam's m and <paramref name="state2"/> Adam's v, zeroed, or empty where unused.
        /// </summary>
        public ParameterUpdate(ITrainableNetwork network, Optimizer optimizer, float l1, float[] gradients, float[] state1, float[] state2)
        {
            _network = network;
            _optimizer = optimizer;
            _l1 = l1;
            _gradients = gradients;
            _state1 = state1;
            _state2 = state2;
        }

        /// <summary>The settings of update number <paramref name="step"/> (from 1) at this learning rate.</summary>
        public void Prepare(float learningRate, long step)
        {
            _nonFinite = false;
            Optimizer optimizer = _optimizer;
            if (optimizer.Kind == OptimizerKind.Sgd)
            {
                _sgd = new SgdStep(learningRate, optimizer.Momentum, optimizer.Dampening, optimizer.Nesterov, optimizer.WeightDecay, _l1, firstStep: step == 1);
                return;
            }
            // PyTorch's Adam: step size η/(1 − β1^t) and denominator √v/√(1 − β2^t) + ε, computed in double.
            double biasCorrection1 = 1.0 - Math.Pow(optimizer.Beta1, step);
            double biasCorrection2 = 1.0 - Math.Pow(optimizer.Beta2, step);
            bool decoupled = optimizer.Kind == OptimizerKind.AdamW;
            _adam = new AdamStep(
                optimizer.Beta1, optimizer.Beta2, optimizer.Epsilon,
                stepSize: (float)(learningRate / biasCorrection1),
                biasCorrection2Sqrt: (float)Math.Sqrt(biasCorrection2),
                weightDecay: decoupled ? 0f : optimizer.WeightDecay,
                decoupledDecayFactor: decoupled ? 1f - learningRate * optimizer.WeightDecay : 1f,
                l1: _l1);
        }

        /// <summary>Whether a range handed over by a gradient pass since <see cref="Prepare"/> had a NaN or infinite gradient, or the pass reported one.</summary>
        public bool SawNonFiniteGradient => _nonFinite;

        /// <summary>
        /// A range handed over by the network's gradient pass: checked for non-finite gradients, then updated.
        /// Σ g is NaN or ±∞ when any g is (finite gradients overflow the sum only when they are near 10³⁸ / length,
        /// which is divergence too); the range was just written, so the sum reads the L1 cache. Threads only ever
        /// set the flag.
        /// </summary>
        void IParameterRangeUpdate.Apply(int start, ReadOnlySpan<float> gradients)
        {
            if (!Guard.AllFinite(gradients)) _nonFinite = true;
            ApplyRange(start, gradients);
        }

        /// <summary>η when this update is plain SGD, which a gradient pass may take itself; 0 otherwise.</summary>
        public float PlainSgdLearningRate =>
            _optimizer.Kind == OptimizerKind.Sgd && _sgd.Momentum == 0f && _sgd.WeightDecay == 0f && _sgd.L1 == 0f ? _sgd.LearningRate : 0f;

        /// <summary>The gradient pass took the plain SGD step itself and saw a NaN or ∞ (threads only ever set the flag).</summary>
        public void ReportNonFinite() => _nonFinite = true;

        /// <summary>Updates parameters <paramref name="start"/> … start + length − 1 from the trainer's gradient buffer.</summary>
        public void Apply(int start, int length) => ApplyRange(start, new ReadOnlySpan<float>(_gradients, start, length));

        private void ApplyRange(int start, ReadOnlySpan<float> gradients)
        {
            Guard.Range(start, gradients.Length, _network.ParameterCount, nameof(gradients));
            Span<float> parameters = LibraryParameters.Of(_network).Slice(start, gradients.Length);
            if (_optimizer.Kind != OptimizerKind.Sgd) Kernels.AdamUpdate.Apply(parameters, gradients, _state1.AsSpan(start, gradients.Length), _state2.AsSpan(start, gradients.Length), in _adam);
            else if (_state1.Length == 0) Kernels.SgdUpdate.Apply(parameters, gradients, Span<float>.Empty, in _sgd);
            else Kernels.SgdUpdate.Apply(parameters, gradients, _state1.AsSpan(start, gradients.Length), in _sgd);
        }
    }
}
