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

        /// <summary>A batch's loss or gradient became NaN or infinite (diverging learning rate, exploding gradients).</summary>
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

    /// <summary>What a Train call did: every epoch's numbers, why it stopped, and which epoch's parameters the network holds.</summary>
    public sealed class TrainingReport
    {
        internal TrainingReport(EpochReport[] epochs, int count, StopReason stopReason, int bestEpoch, string message)
        {
            _epochs = epochs;
            _count = count;
            StopReason = stopReason;
            BestEpoch = bestEpoch;
            Message = message;
        }

        private readonly EpochReport[] _epochs;
        private readonly int _count;

        /// <summary>One entry per completed epoch, in order.</summary>
        public IReadOnlyList<EpochReport> Epochs => new ArraySegment<EpochReport>(_epochs, 0, _count);

        public StopReason StopReason { get; }

        /// <summary>
        /// The 1-based epoch with the lowest monitored loss (0 if none completed). With early stopping
        /// and RestoreBest, the network holds this epoch's parameters.
        /// </summary>
        public int BestEpoch { get; }

        /// <summary>A sentence on how training ended, e.g. where a non-finite loss appeared.</summary>
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
