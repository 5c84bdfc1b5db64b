using System;

namespace StaticNet.Training
{
    /// <summary>
    /// How the learning rate changes from epoch to epoch: a factor on the optimizer's η, evaluated
    /// at the start of each epoch (epoch 0 first), with PyTorch's closed forms. Immutable.
    /// </summary>
    public sealed class LearningRateSchedule
    {
        private enum Shape { Constant, Step, Cosine }

        private readonly Shape _shape;
        private readonly int _stepSize, _cosineEpochs, _warmupEpochs;
        private readonly float _gamma, _minFactor, _warmupStartFactor;

        private LearningRateSchedule(Shape shape, int stepSize, float gamma, int cosineEpochs, float minFactor, int warmupEpochs, float warmupStartFactor)
        {
            _shape = shape; _stepSize = stepSize; _gamma = gamma; _cosineEpochs = cosineEpochs; _minFactor = minFactor;
            _warmupEpochs = warmupEpochs; _warmupStartFactor = warmupStartFactor;
        }

        /// <summary>η throughout.</summary>
        public static LearningRateSchedule Constant { get; } = new(Shape.Constant, 0, 1f, 0, 0f, 0, 1f);

        /// <summary>η·γ^⌊epoch / stepSize⌋, as <c>StepLR(step_size, gamma)</c>.</summary>
        public static LearningRateSchedule StepDecay(int stepSize, float gamma = 0.1f)
        {
            if (stepSize < 1) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "Must be at least 1.");
            Optimizer.Positive(gamma, nameof(gamma));
            return new(Shape.Step, stepSize, gamma, 0, 0f, 0, 1f);
        }

        /// <summary>
        /// η_min + (η − η_min)·(1 + cos(π·epoch / epochs)) / 2, as <c>CosineAnnealingLR(T_max=epochs, eta_min)</c>;
        /// <paramref name="minFactor"/> is η_min / η.
        /// </summary>
        public static LearningRateSchedule Cosine(int epochs, float minFactor = 0f)
        {
            if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Must be at least 1.");
            Optimizer.InRange(minFactor, 0f, 1f, nameof(minFactor));
            return new(Shape.Cosine, 0, 1f, epochs, minFactor, 0, 1f);
        }

        /// <summary>
        /// This schedule with a linear warm-up in front: its factor is multiplied by
        /// s + (1 − s)·min(epoch, epochs)/epochs, as <c>LinearLR(start_factor=s, total_iters=epochs)</c>.
        /// </summary>
        public LearningRateSchedule WithWarmup(int epochs, float startFactor = 0.1f)
        {
            if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Must be at least 1.");
            if (!(startFactor > 0f && startFactor <= 1f)) throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "Must be in (0, 1].");
            return new(_shape, _stepSize, _gamma, _cosineEpochs, _minFactor, epochs, startFactor);
        }

        /// <summary>The factor on η for <paramref name="epoch"/> (0-based).</summary>
        public float Factor(int epoch)
        {
            if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Must be ≥ 0.");
            double factor = _shape switch
            {
                Shape.Step => Math.Pow(_gamma, epoch / _stepSize),
                Shape.Cosine => _minFactor + (1.0 - _minFactor) * (1.0 + Math.Cos(Math.PI * epoch / _cosineEpochs)) / 2.0,
                _ => 1.0,
            };
            if (_warmupEpochs > 0)
            {
                factor *= _warmupStartFactor + (1.0 - _warmupStartFactor) * Math.Min(epoch, _warmupEpochs) / _warmupEpochs;
            }
            return (float)factor;
        }
    }
}
