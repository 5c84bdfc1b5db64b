using System;
using System.Collections.Generic;

namespace StaticNet.Training
{
    /// <summary>Why training ended.</summary>
    public enum StopReason
    {
        /// <summary>Every requested epoch ran.</summary>
        Completed = 0,

        /// <summary>Early stopping: the monitored loss stopped improving.</summary>
        EarlyStopped = 1,

        /// <summary>The cancellation token was cancelled.</summary>
        Cancelled = 2,

        /// <summary>
        /// Training diverged: a batch's loss or gradient, a parameter after an epoch, the loss of the last step's parameters,
        /// or the schedule's learning rate became NaN or infinite (diverging learning rate, exploding gradients, badly
        /// scaled data). The network holds the last parameters whose loss was finite (or the best epoch's, when restoring).
        /// </summary>
        NonFinite = 3,
    }

    /// <summary>One epoch's numbers. Accuracy is NaN for networks that are not classifiers (MSE).</summary>
    public readonly struct EpochReport
    {
        public EpochReport(int epoch, float learningRate, float trainLoss, float trainAccuracy, float validationLoss, float validationAccuracy)
        {
            Epoch = epoch; LearningRate = learningRate; TrainLoss = trainLoss; TrainAccuracy = trainAccuracy;
            ValidationLoss = validationLoss; ValidationAccuracy = validationAccuracy;
        }

        /// <summary>1-based epoch number.</summary>
        public int Epoch { get; }

        /// <summary>The learning rate used this epoch (after the schedule).</summary>
        public float LearningRate { get; }

        /// <summary>Mean loss over the epoch's training samples, as they were trained on (dropout on).</summary>
        public float TrainLoss { get; }

        /// <summary>Accuracy over the epoch's training samples, as they were trained on; NaN for regression.</summary>
        public float TrainAccuracy { get; }

        /// <summary>Mean loss on the validation data after the epoch; NaN without validation data.</summary>
        public float ValidationLoss { get; }

        /// <summary>Accuracy on the validation data after the epoch; NaN without validation data or for regression.</summary>
        public float ValidationAccuracy { get; }

        /// <inheritdoc/>
        public override string ToString()
            => $"epoch {Epoch}: lr {LearningRate:G4}, train loss {TrainLoss:F4}"
             + (float.IsNaN(TrainAccuracy) ? "" : $", acc {TrainAccuracy:P1}")
             + (float.IsNaN(ValidationLoss) ? "" : $"; validation loss {ValidationLoss:F4}")
             + (float.IsNaN(ValidationAccuracy) ? "" : $", acc {ValidationAccuracy:P1}");
    }

    /// <summary>
    /// What a Train call did: every epoch's numbers, why it stopped, and which parameters the network holds
    /// (<see cref="ParametersEpoch"/>, <see cref="ParametersStep"/>), which are always finite.
    /// </summary>
    public sealed class TrainingReport
    {
        internal TrainingReport(List<EpochReport> epochs, StopReason stopReason, int bestEpoch, ParameterPoint parameters, long steps, string message)
        {
            Epochs = epochs.AsReadOnly();
            StopReason = stopReason;
            BestEpoch = bestEpoch;
            ParametersEpoch = parameters.Epoch;
            ParametersStep = parameters.Step;
            Steps = steps;
            Message = message;
        }

        /// <summary>One entry per completed epoch, in order.</summary>
        public IReadOnlyList<EpochReport> Epochs { get; }

        public StopReason StopReason { get; }

        /// <summary>
        /// The 1-based epoch with the lowest monitored loss (0 if no epoch completed with a finite one). With early
        /// stopping and RestoreBest, the network holds this epoch's parameters (the ones Train was called with for 0).
        /// </summary>
        public int BestEpoch { get; }

        /// <summary>
        /// How many epochs were complete when the network's parameters were current: they are those of the end of this
        /// epoch (0: the parameters Train was called with), or, after a cancelled run, of a step later in the next one
        /// (<see cref="ParametersStep"/> says which). <see cref="BestEpoch"/> when early stopping restored it.
        /// </summary>
        public int ParametersEpoch { get; }

        /// <summary>
        /// The network holds the parameters as they were after this many of the call's optimizer steps (0: those it was
        /// called with). <see cref="Steps"/> unless the call went back to earlier parameters (the best epoch's, or after
        /// a divergence the last whose loss was finite).
        /// </summary>
        public long ParametersStep { get; }

        /// <summary>Optimizer steps the call took (one per batch).</summary>
        public long Steps { get; }

        /// <summary>A sentence on how training ended and which parameters the network holds, e.g. where a non-finite loss appeared.</summary>
        public string Message { get; }

        /// <inheritdoc/>
        public override string ToString() => Message;
    }

    /// <summary>Loss and accuracy of a network on a data set.</summary>
    public readonly struct EvaluationResult
    {
        public EvaluationResult(float loss, float accuracy, int count)
        {
            Loss = loss; Accuracy = accuracy; Count = count;
        }

        /// <summary>Mean loss per sample.</summary>
        public float Loss { get; }

        /// <summary>Fraction classified correctly; NaN for regression (MSE) networks.</summary>
        public float Accuracy { get; }

        /// <summary>Number of samples evaluated.</summary>
        public int Count { get; }

        /// <inheritdoc/>
        public override string ToString() => float.IsNaN(Accuracy) ? $"loss {Loss:F4} on {Count} samples" : $"loss {Loss:F4}, accuracy {Accuracy:P2} on {Count} samples";
    }
}
