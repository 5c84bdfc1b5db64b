using System;

namespace StaticNet.Training
{
    /// <summary>
    /// Stop when the monitored loss (validation loss if there is validation data, else training loss)
    /// has not improved by more than <see cref="MinDelta"/> for <see cref="Patience"/> epochs in a row.
    /// </summary>
    public sealed class EarlyStopping
    {
        /// <summary>Creates the rule.</summary>
        /// <param name="patience">Epochs without improvement to tolerate, at least 1.</param>
        /// <param name="minDelta">How much lower than the best so far a loss must be to count as an improvement.</param>
        /// <param name="restoreBest">Put back the parameters of the best epoch when training ends.</param>
        public EarlyStopping(int patience = 10, float minDelta = 0f, bool restoreBest = true)
        {
            if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "Must be at least 1.");
            Optimizer.NonNegative(minDelta, nameof(minDelta));
            Patience = patience;
            MinDelta = minDelta;
            RestoreBest = restoreBest;
        }

        public int Patience { get; }

        public float MinDelta { get; }

        public bool RestoreBest { get; }
    }
}
