using System;

namespace StaticNet.Training
{
    /// <summary>
    /// The optimizer's step as the trainer applies it: its state (velocity, or Adam's two moments, zeroed at
    /// the start of a Train call), and the current step's settings, refreshed by <see cref="Prepare"/> before every
    /// update. <see cref="Apply"/> updates any range of parameters; ranges are independent, so threads can
    /// share one step (<see cref="BatchRunner"/>) and get the same bits as one call over all.
    /// </summary>
    internal sealed class ParameterUpdate
    {
        private readonly ITrainableNetwork _network;
        private readonly Optimizer _optimizer;
        private readonly float _l1;
        private readonly float[] _gradients, _state1, _state2;
        private SgdStep _sgd;
        private AdamStep _adam;

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

        /// <summary>Updates parameters <paramref name="start"/> … start + length − 1 with the prepared step.</summary>
        public void Apply(int start, int length)
        {
            if (_optimizer.Kind == OptimizerKind.Sgd) _network.ApplySgd(start, length, _gradients, _state1, in _sgd);
            else _network.ApplyAdam(start, length, _gradients, _state1, _state2, in _adam);
        }
    }
}
