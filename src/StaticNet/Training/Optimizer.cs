using System;

namespace StaticNet.Training
{
    /// <summary>Which update rule an <see cref="Optimizer"/> applies.</summary>
    public enum OptimizerKind
    {
        /// <summary>Stochastic gradient descent, optionally with (Nesterov) momentum: <c>torch.optim.SGD</c>.</summary>
        Sgd = 0,

        /// <summary>Adam with coupled L2 weight decay: <c>torch.optim.Adam</c>.</summary>
        Adam = 1,

        /// <summary>Adam with decoupled weight decay: <c>torch.optim.AdamW</c>.</summary>
        AdamW = 2,
    }

    /// <summary>
    /// An optimizer's settings. Names, defaults and update formulas are PyTorch's (<c>torch.optim</c>),
    /// so hyper-parameters carry over unchanged. Immutable; create with <see cref="Sgd"/>,
    /// <see cref="Adam"/> or <see cref="AdamW"/>.
    /// </summary>
    public sealed class Optimizer
    {
        private Optimizer(OptimizerKind kind, float learningRate, float momentum, float dampening, bool nesterov, float beta1, float beta2, float epsilon, float weightDecay)
        {
            Kind = kind; LearningRate = learningRate; Momentum = momentum; Dampening = dampening; Nesterov = nesterov;
            Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon; WeightDecay = weightDecay;
        }

        public OptimizerKind Kind { get; }

        /// <summary>η, before any <see cref="LearningRateSchedule"/> scales it.</summary>
        public float LearningRate { get; }

        public float Momentum { get; }

        public float Dampening { get; }

        public bool Nesterov { get; }

        public float Beta1 { get; }

        public float Beta2 { get; }

        public float Epsilon { get; }

        /// <summary>L2 weight decay λ: added to the gradient as λ·θ (SGD, Adam), or decoupled (AdamW).</summary>
        public float WeightDecay { get; }

        /// <summary>
        /// θ ← θ − η·v with v = μ·v + (1 − dampening)·g (v = g on the first step), or with Nesterov
        /// g + μ·v; without momentum simply θ ← θ − η·g. As <c>torch.optim.SGD</c>.
        /// </summary>
        public static Optimizer Sgd(float learningRate, float momentum = 0f, float dampening = 0f, bool nesterov = false, float weightDecay = 0f)
        {
            Positive(learningRate, nameof(learningRate));
            InRange(momentum, 0f, 1f, nameof(momentum));
            InRange(dampening, 0f, 1f, nameof(dampening));
            NonNegative(weightDecay, nameof(weightDecay));
            if (nesterov && (momentum <= 0f || dampening != 0f))
            {
                throw new ArgumentException("Nesterov momentum requires momentum > 0 and dampening = 0 (as in PyTorch).", nameof(nesterov));
            }
            return new Optimizer(OptimizerKind.Sgd, learningRate, momentum, dampening, nesterov, 0f, 0f, 0f, weightDecay);
        }

        /// <summary>Adam (Kingma &amp; Ba) with PyTorch's defaults; <paramref name="weightDecay"/> is coupled L2.</summary>
        public static Optimizer Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
            => CreateAdam(OptimizerKind.Adam, learningRate, beta1, beta2, epsilon, weightDecay);

        /// <summary>AdamW (Loshchilov &amp; Hutter): θ ← θ·(1 − η·λ) before the Adam step. PyTorch's defaults, λ = 0.01.</summary>
        public static Optimizer AdamW(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0.01f)
            => CreateAdam(OptimizerKind.AdamW, learningRate, beta1, beta2, epsilon, weightDecay);

        private static Optimizer CreateAdam(OptimizerKind kind, float learningRate, float beta1, float beta2, float epsilon, float weightDecay)
        {
            Positive(learningRate, nameof(learningRate));
            InRange(beta1, 0f, 0.9999999f, nameof(beta1));
            InRange(beta2, 0f, 0.9999999f, nameof(beta2));
            Positive(epsilon, nameof(epsilon));
            NonNegative(weightDecay, nameof(weightDecay));
            return new Optimizer(kind, learningRate, 0f, 0f, false, beta1, beta2, epsilon, weightDecay);
        }

        /// <inheritdoc/>
        public override string ToString() => Kind switch
        {
            OptimizerKind.Sgd when Momentum > 0f => $"SGD(lr={LearningRate}, momentum={Momentum}{(Nesterov ? ", nesterov" : "")}, weight_decay={WeightDecay})",
            OptimizerKind.Sgd => $"SGD(lr={LearningRate}, weight_decay={WeightDecay})",
            _ => $"{Kind}(lr={LearningRate}, betas=({Beta1}, {Beta2}), eps={Epsilon}, weight_decay={WeightDecay})",
        };

        internal static void Positive(float value, string name)
        {
            if (!(value > 0f) || float.IsInfinity(value)) throw new ArgumentOutOfRangeException(name, value, "Must be a finite number > 0.");
        }

        internal static void NonNegative(float value, string name)
        {
            if (!(value >= 0f) || float.IsInfinity(value)) throw new ArgumentOutOfRangeException(name, value, "Must be a finite number ≥ 0.");
        }

        internal static void InRange(float value, float min, float max, string name)
        {
            if (!(value >= min && value <= max)) throw new ArgumentOutOfRangeException(name, value, $"Must be in [{min}, {max}].");
        }
    }
}
