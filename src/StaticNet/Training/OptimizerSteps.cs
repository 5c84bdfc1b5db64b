using System.ComponentModel;

namespace StaticNet.Training
{
    /// <summary>The numbers one SGD update needs, resolved by the training loop for the current step.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct SgdStep
    {
        public SgdStep(float learningRate, float momentum, float dampening, bool nesterov, float weightDecay, float l1, bool firstStep)
        {
            LearningRate = learningRate; Momentum = momentum; Dampening = dampening; Nesterov = nesterov;
            WeightDecay = weightDecay; L1 = l1; FirstStep = firstStep;
        }

        public float LearningRate { get; }
        public float Momentum { get; }
        public float Dampening { get; }
        public bool Nesterov { get; }
        /// <summary>Coupled L2: λ·θ is added to the gradient (PyTorch's SGD weight_decay).</summary>
        public float WeightDecay { get; }
        /// <summary>L1: λ·sign(θ) is added to the gradient.</summary>
        public float L1 { get; }
        /// <summary>The momentum buffer starts as the first gradient (as in PyTorch), not as zero.</summary>
        public bool FirstStep { get; }
    }

    /// <summary>The numbers one Adam/AdamW update needs, bias corrections already folded in.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct AdamStep
    {
        public AdamStep(float beta1, float beta2, float epsilon, float stepSize, float biasCorrection2Sqrt, float weightDecay, float decoupledDecayFactor, float l1)
        {
            Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon; StepSize = stepSize; BiasCorrection2Sqrt = biasCorrection2Sqrt;
            WeightDecay = weightDecay; DecoupledDecayFactor = decoupledDecayFactor; L1 = l1;
        }

        public float Beta1 { get; }
        public float Beta2 { get; }
        public float Epsilon { get; }
        /// <summary>η / (1 − β1^t).</summary>
        public float StepSize { get; }
        /// <summary>√(1 − β2^t).</summary>
        public float BiasCorrection2Sqrt { get; }
        /// <summary>Coupled L2 (Adam's weight_decay): λ·θ added to the gradient.</summary>
        public float WeightDecay { get; }
        /// <summary>AdamW: θ is first multiplied by this, 1 − η·λ (1 for plain Adam).</summary>
        public float DecoupledDecayFactor { get; }
        public float L1 { get; }
    }
}
