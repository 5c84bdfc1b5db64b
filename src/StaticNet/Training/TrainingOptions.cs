using System;
using System.Threading;

namespace StaticNet.Training
{
    /// <summary>
    /// How a generated <c>Train</c> runs. Every setting has a sensible default. Train reads the settings once, when it
    /// starts (and checks them then): changing them while it runs, from the progress callback say, changes nothing
    /// in that run.
    /// </summary>
    public sealed class TrainingOptions
    {
        /// <summary>
        /// Passes over the training data, at least 1. Default 10. With <see cref="EarlyStopping"/>, int.MaxValue trains until
        /// it stops: the report grows with the epochs actually run.
        /// </summary>
        public int Epochs { get; set; } = 10;

        /// <summary>
        /// Samples per gradient step: 1 is stochastic gradient descent, the training set's size (or 0)
        /// is full-batch gradient descent, anything between is mini-batch. The gradient of a batch is
        /// the mean over its samples. Default 32.
        /// </summary>
        public int BatchSize { get; set; } = 32;

        /// <summary>The update rule. Default: <c>Optimizer.Sgd(0.01f)</c>.</summary>
        public Optimizer Optimizer { get; set; } = Optimizer.Sgd(0.01f);

        /// <summary>The learning rate's course over epochs. Default: constant.</summary>
        public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Constant;

        /// <summary>Rescale each batch gradient so its L2 norm is at most this (as <c>clip_grad_norm_</c>); 0 = off.</summary>
        public float MaxGradientNorm { get; set; }

        /// <summary>L1 regularisation strength λ: λ·sign(θ) is added to every gradient. Default 0.</summary>
        public float L1 { get; set; }

        /// <summary>Reshuffle the training samples every epoch (from <see cref="Seed"/>). Default true.</summary>
        public bool Shuffle { get; set; } = true;

        /// <summary>Seeds shuffling, the validation split and dropout: same seed, same run. Default 0.</summary>
        public int Seed { get; set; }

        /// <summary>
        /// When no validation data is passed, hold out this fraction of the training data (a seeded
        /// random split) to validate on. Default 0: no validation.
        /// </summary>
        public float ValidationFraction { get; set; }

        /// <summary>
        /// Continue the run the network's training state comes from — the checkpoint LoadCheckpoint read, or the network's
        /// own last Train call — instead of starting a new one: the parameters as they are, the optimizer's state, the
        /// step count, the epoch reached (so the schedule's position), the row order and the shuffling and dropout
        /// sequences. <see cref="Epochs"/> then counts from the start of the first run: a run saved after 5 epochs and
        /// resumed with Epochs = 8 trains epochs 6 to 8, and ends with the bits 8 epochs in one call give. The data,
        /// <see cref="Seed"/>, <see cref="ValidationFraction"/> and the optimizer's kind must be those of the run resumed
        /// (checked: ArgumentException); the other settings apply from here on. Early stopping is not resumed (its best
        /// epoch is not in a checkpoint): Resume with <see cref="EarlyStopping"/> set is an ArgumentException. Default false.
        /// </summary>
        public bool Resume { get; set; }

        /// <summary>Stop early when the monitored loss stops improving. Default null: run every epoch.</summary>
        public EarlyStopping? EarlyStopping { get; set; }

        /// <summary>
        /// Threads a mini-batch of at least <see cref="Trainer.ParallelMinimumBatch"/> samples and
        /// <see cref="Trainer.ParallelMinimumWork"/> samples × parameters may use, at most the processor count
        /// (networks with dropout train on one). Results do not depend on it: the threads split the samples
        /// of the forward and backward pass and then the rows of the gradient, each computed exactly as on one
        /// thread, with no reduction. Default: the processor count.
        /// </summary>
        public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

        /// <summary>
        /// Receives every epoch's report as soon as the epoch ends, on the training thread. It may read the network
        /// (Evaluate, Predict) but not train it: Train, TrainStep and AccumulateGradients on the same network throw
        /// <see cref="InvalidOperationException"/> while Train runs. An exception it throws ends the call and propagates;
        /// the network then holds the best epoch's parameters when early stopping restores them (the ones Train was called
        /// with if none improved), else those of the epoch just reported.
        /// </summary>
        public IProgress<EpochReport>? Progress { get; set; }

        /// <summary>
        /// Checked before every gradient step. A cancelled run returns its report with
        /// <see cref="StopReason.Cancelled"/>; the network keeps the parameters of the last completed
        /// step, or the best epoch's when early stopping restores them (the ones Train was called with if no epoch
        /// completed). <see cref="TrainingReport.ParametersStep"/> says which.
        /// </summary>
        public CancellationToken CancellationToken { get; set; }
    }
}
