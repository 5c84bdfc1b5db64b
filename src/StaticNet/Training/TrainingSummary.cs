using System.Globalization;

namespace StaticNet.Training
{
    /// <summary>Which copy of the parameters a Train call left in the network.</summary>
    internal enum HeldParameters
    {
        /// <summary>Those of the last step it took (or the ones it was called with, before any).</summary>
        LastStep,

        /// <summary>The last ones whose loss was seen finite, after a divergence (<see cref="ParameterSnapshots.TryRestore"/>).</summary>
        LastFinite,

        /// <summary>The best epoch's, restored by early stopping (the ones it was called with if no epoch improved on them).</summary>
        Best,
    }

    /// <summary>
    /// The sentence a <see cref="TrainingReport"/> ends a call with: why it stopped, and which parameters the network holds,
    /// said once (a cancelled run that restores the best epoch does not also claim to keep its last step).
    /// </summary>
    internal static class TrainingSummary
    {
        /// <summary>Where a cancelled run was: its epoch (1-based), the samples of that epoch already trained on, and the epoch's sample count.</summary>
        public readonly struct CancelPoint
        {
            public CancelPoint(int epoch, int samples, int of)
            {
                Epoch = epoch;
                Samples = samples;
                Of = of;
            }

            public int Epoch { get; }

            public int Samples { get; }

            public int Of { get; }
        }

        public static string Of(StopReason stop, int completed, int bestEpoch, int patience, HeldParameters held, ParameterPoint point, Divergence? divergence, CancelPoint cancelled)
        {
            switch (stop)
            {
                case StopReason.Cancelled:
                    return $"Cancelled in epoch {Text(cancelled.Epoch)} after {Text(cancelled.Samples)} of {Text(cancelled.Of)} samples; "
                         + Held(held, point, bestEpoch, withinEpoch: cancelled.Samples > 0, diverged: false) + ".";
                case StopReason.NonFinite:
                    return divergence!.What + "; " + Held(held, point, bestEpoch, withinEpoch: false, diverged: true) + ". " + divergence.Advice;
                default:
                    string why = stop == StopReason.EarlyStopped
                        ? $"Stopped early after epoch {Text(completed)}: no improvement for {Text(patience)} epochs; best epoch {Text(bestEpoch)}."
                        : $"Completed {Text(completed)} epochs; best epoch {Text(bestEpoch)}.";
                    // Without a restore the network plainly holds the last epoch's parameters, which "completed" already says.
                    return held == HeldParameters.Best ? why + " " + Capitalised(Held(held, point, bestEpoch, withinEpoch: false, diverged: false)) + "." : why;
            }
        }

        private static string Held(HeldParameters held, ParameterPoint point, int bestEpoch, bool withinEpoch, bool diverged)
        {
            switch (held)
            {
                case HeldParameters.Best:
                    // A run that diverged may have had an improving epoch whose parameters were the ones that overflowed.
                    return bestEpoch > 0 ? $"restored the parameters of epoch {Text(bestEpoch)}"
                         : diverged ? "restored the parameters Train was called with"
                         : "restored the parameters Train was called with: no epoch improved the monitored loss";
                case HeldParameters.LastFinite:
                    return point.Step == 0
                        ? "the network holds the parameters Train was called with"
                        : $"the network holds the parameters from the start of epoch {Text(point.Epoch + 1)}, the last whose loss was finite";
                default:
                    return point.Step == 0 ? "the network keeps the parameters Train was called with"
                         : withinEpoch ? $"the network keeps its last completed step (step {point.Step.ToString(CultureInfo.InvariantCulture)})"
                         : $"the network keeps the parameters of epoch {Text(point.Epoch)}";
            }
        }

        private static string Capitalised(string clause) => char.ToUpperInvariant(clause[0]) + clause.Substring(1);

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
