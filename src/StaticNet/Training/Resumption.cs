using System;

namespace StaticNet.Training
{
    /// <summary>
    /// Checks, before a resumed Train call touches anything, that the training state it continues fits the call: the
    /// state is at the end of an epoch, the optimizer keeps the same state, there are epochs left, and the stored row
    /// order is an order of this call's training rows (the same data, seed and validation split).
    /// </summary>
    internal static class Resumption
    {
        /// <exception cref="InvalidOperationException">The network holds no state to resume, or its parameters have moved on since.</exception>
        /// <exception cref="ArgumentException">The options or the data do not fit the state; the message says expected and found.</exception>
        public static ResumeState Check(ITrainableNetwork network, TrainingPlan plan, TrainingSettings settings, int dataCount)
        {
            ResumeState state = TrainingBuffers.For(network).Resume
                ?? throw new InvalidOperationException("TrainingOptions.Resume is set, but the network holds no training state to resume: LoadCheckpoint a checkpoint first (or Train without Resume to start a run).");
            if (!state.AtEpochEnd)
            {
                throw new InvalidOperationException($"TrainingOptions.Resume is set, but the network's parameters are no longer those of the end of epoch {state.Epoch} (the last run went on into the next epoch, or put back other parameters): there is no state to resume from. LoadCheckpoint a checkpoint first.");
            }
            Optimizer optimizer = settings.Optimizer;
            if (optimizer.Kind != state.Kind)
            {
                throw new ArgumentException($"The run to resume used the {state.Kind} optimizer; TrainingOptions.Optimizer is {optimizer.Kind}. A resumed run continues with the optimizer it was saved with.", nameof(TrainingOptions.Optimizer));
            }
            int vectors = ResumeState.StateVectors(optimizer.Kind, optimizer.Momentum > 0f);
            if (vectors != state.StateVectorCount)
            {
                throw new ArgumentException($"The run to resume used SGD {(state.StateVectorCount > 0 ? "with" : "without")} momentum; TrainingOptions.Optimizer is {optimizer}.", nameof(TrainingOptions.Optimizer));
            }
            if (state.Epoch >= settings.Epochs)
            {
                throw new ArgumentOutOfRangeException(nameof(TrainingOptions.Epochs), settings.Epochs, $"The run to resume has trained {state.Epoch} epochs; Epochs counts from the start of that run, so it must be more than {state.Epoch} to train any further.");
            }
            int[] rows = plan.TrainRows;
            if (state.Rows.Length != rows.Length)
            {
                throw new ArgumentException($"The run to resume trained on {state.Rows.Length} rows; this call trains on {rows.Length}. Resume with the same data, Seed and ValidationFraction.", "inputs");
            }
            // Each stored row must be one of this call's training rows, once: the same split, in the run's own order.
            var unseen = new bool[dataCount];
            foreach (int row in rows) unseen[row] = true;
            foreach (int row in state.Rows)
            {
                if ((uint)row >= (uint)dataCount || !unseen[row])
                {
                    throw new ArgumentException($"The run to resume trained on row {row}, which {((uint)row >= (uint)dataCount ? $"this call's {dataCount} rows do not have" : "is not (or not once) among this call's training rows")}: resume with the same data, Seed and ValidationFraction.", "inputs");
                }
                unseen[row] = false;
            }
            return state;
        }
    }
}
