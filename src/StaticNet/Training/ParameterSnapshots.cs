using System;

namespace StaticNet.Training
{
    /// <summary>
    /// The copies of the parameters a Train call can go back to, and which of them it can trust. A copy is trusted once
    /// a training batch computed a finite loss with it: that is what "the last parameters whose loss was finite" means
    /// when a run diverges. The start of each epoch is copied (the copy Train always made); it is trusted when the
    /// epoch's first batch shows a finite loss. Two such copies take turns, because the first batch of an epoch can be the
    /// one that diverges: its own start is then not to be trusted, and the start of the epoch before is. With full-batch
    /// training (one step an epoch) this is exactly the parameters before the update that diverged; with mini-batches,
    /// the start of the last epoch whose first batch had a finite loss. A copy per step would be exact always, but would
    /// cost a pass over every parameter per step. With early stopping's RestoreBest, the best epoch's parameters are a
    /// copy of their own (the parameters Train was called with until an epoch improves on them).
    /// </summary>
    internal sealed class ParameterSnapshots
    {
        private readonly float[][] _epochStarts;
        private readonly ParameterPoint[] _epochStartPoints = new ParameterPoint[2];
        private readonly float[] _best;
        private ParameterPoint _bestPoint;
        private int _candidate = -1, _trusted = -1;   // which of the two epoch starts; −1 before the first epoch / before any is trusted

        /// <summary>Snapshots of <paramref name="parameters"/> in <paramref name="cache"/>'s arrays; a best-epoch copy when <paramref name="keepBest"/>.</summary>
        public ParameterSnapshots(TrainingBuffers cache, ReadOnlySpan<float> parameters, bool keepBest)
        {
            _epochStarts = new[] { cache.EpochStart(0, parameters.Length), cache.EpochStart(1, parameters.Length) };
            _best = keepBest ? cache.Best(parameters.Length) : Array.Empty<float>();
            if (keepBest) parameters.CopyTo(_best);   // the best so far, until an epoch improves on them
        }

        /// <summary>Whether the best epoch's parameters are kept, to be restored at the end.</summary>
        public bool KeepsBest => _best.Length > 0;

        /// <summary>Copies the parameters at the start of an epoch, over the older of the two copies (not the trusted one).</summary>
        public void BeginEpoch(ReadOnlySpan<float> parameters, ParameterPoint point)
        {
            _candidate = _trusted == 0 ? 1 : 0;
            parameters.CopyTo(_epochStarts[_candidate]);
            _epochStartPoints[_candidate] = point;
        }

        /// <summary>The epoch's first batch computed a finite loss with the parameters it started from.</summary>
        public void TrustEpochStart() => _trusted = _candidate;

        /// <summary>
        /// Puts back the last parameters whose loss was seen finite and says where they are from: the start of the last
        /// epoch whose first batch had a finite loss, or, if the very first batch did not, the parameters Train was called
        /// with (the first epoch's start). Before any epoch began nothing has changed, and nothing is copied.
        /// </summary>
        public ParameterPoint RestoreLastTrusted(Span<float> parameters)
        {
            int slot = _trusted >= 0 ? _trusted : _candidate;
            if (slot < 0) return ParameterPoint.Start;
            _epochStarts[slot].AsSpan().CopyTo(parameters);
            return _epochStartPoints[slot];
        }

        /// <summary>Keeps the parameters of a new best epoch (only when <see cref="KeepsBest"/>).</summary>
        public void TakeBest(ReadOnlySpan<float> parameters, ParameterPoint point)
        {
            if (!KeepsBest) return;
            parameters.CopyTo(_best);
            _bestPoint = point;
        }

        /// <summary>Puts back the best epoch's parameters (the ones Train was called with if no epoch improved on them) and says where they are from.</summary>
        public ParameterPoint RestoreBest(Span<float> parameters)
        {
            _best.AsSpan().CopyTo(parameters);
            return _bestPoint;
        }
    }
}
