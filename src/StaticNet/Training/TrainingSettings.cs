using System;
using System.Threading;

namespace StaticNet.Training
{
    /// <summary>
    /// The <see cref="TrainingOptions"/> of one Train call, copied when it starts and checked as copied: the options
    /// object stays the caller's to change (from the progress callback, or another thread) without reaching into the
    /// running call. The optimizer, schedule and early-stopping rule are immutable, so holding them is a copy too.
    /// </summary>
    internal sealed class TrainingSettings
    {
        /// <summary>Copies <paramref name="options"/>, then checks the copy: what is checked is what runs.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="options"/>, its optimizer or its schedule is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range; the exception names it.</exception>
        public TrainingSettings(TrainingOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            Epochs = options.Epochs;
            BatchSize = options.BatchSize;
            Optimizer = options.Optimizer ?? throw new ArgumentNullException(nameof(TrainingOptions.Optimizer));
            Schedule = options.Schedule ?? throw new ArgumentNullException(nameof(TrainingOptions.Schedule));
            MaxGradientNorm = options.MaxGradientNorm;
            L1 = options.L1;
            Shuffle = options.Shuffle;
            Seed = options.Seed;
            ValidationFraction = options.ValidationFraction;
            EarlyStopping = options.EarlyStopping;
            Resume = options.Resume;
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism;
            Progress = options.Progress;
            CancellationToken = options.CancellationToken;

            if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(TrainingOptions.Epochs), Epochs, "Must be at least 1.");
            if (BatchSize < 0) throw new ArgumentOutOfRangeException(nameof(TrainingOptions.BatchSize), BatchSize, "Must be ≥ 0 (0 = full batch).");
            Optimizer.NonNegative(MaxGradientNorm, nameof(TrainingOptions.MaxGradientNorm));
            Optimizer.NonNegative(L1, nameof(TrainingOptions.L1));
            if (MaxDegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(TrainingOptions.MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Must be at least 1.");
            if (Resume && EarlyStopping is not null)
            {
                throw new ArgumentException("Resume continues a run without early stopping: a checkpoint does not hold the best epoch's loss and parameters. Set EarlyStopping to null, or start a new run.", nameof(TrainingOptions.EarlyStopping));
            }
            if (!(ValidationFraction >= 0f && ValidationFraction < 1f)) throw new ArgumentOutOfRangeException(nameof(TrainingOptions.ValidationFraction), ValidationFraction, "Must be in [0, 1).");
        }

        public int Epochs { get; }

        public int BatchSize { get; }

        public Optimizer Optimizer { get; }

        public LearningRateSchedule Schedule { get; }

        public float MaxGradientNorm { get; }

        public float L1 { get; }

        public bool Shuffle { get; }

        public int Seed { get; }

        public float ValidationFraction { get; }

        public EarlyStopping? EarlyStopping { get; }

        /// <summary>Continue the network's training state (<see cref="TrainingOptions.Resume"/>).</summary>
        public bool Resume { get; }

        /// <summary>Whether the best epoch's parameters are put back at the end (early stopping with RestoreBest).</summary>
        public bool RestoresBest => EarlyStopping is { RestoreBest: true };

        public int MaxDegreeOfParallelism { get; }

        public IProgress<EpochReport>? Progress { get; }

        public CancellationToken CancellationToken { get; }
    }
}
