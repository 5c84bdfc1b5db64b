using System;

namespace StaticNet.Training
{
    /// <summary>
    /// The copies of the parameters a Train call can go back to: those it was called with, those at the start of the
    /// current epoch and of the one before (the copy Train always made per epoch, now two taking turns: the first batch of
    /// an epoch can be the one that diverges, and its own start is then no good), and, with early stopping's RestoreBest,
    /// the best epoch's. When a run diverges, the trainer goes back through them, newest first, to the first whose loss
    /// on the training data is finite (<see cref="TryRestore"/>). With full-batch training (one step an epoch) that is the
    /// parameters before the update that diverged; with mini-batches, the start of the last epoch they can be found at.
    /// A copy per step would find the very last, but would cost a pass over every parameter per step.
    /// </summary>
    internal sealed class ParameterSnapshots
    {
        private readonly float[] _start;
        private readonly float[][] _epochStarts;
        private readonly ParameterPoint[] _epochStartPoints = new ParameterPoint[2];
        private readonly float[] _best;
        private ParameterPoint _bestPoint;
        private int _newest = -1, _epochsBegun;   // which epoch-start copy is the current epoch's; how many have been taken

        /// <summary>Copies <paramref name="parameters"/> as the call's start; a best-epoch copy too when <paramref name="keepBest"/>.</summary>
        public ParameterSnapshots(TrainingBuffers cache, ReadOnlySpan<float> parameters, bool keepBest)
        {
            _start = cache.Start(parameters.Length);
            parameters.CopyTo(_start);
            _epochStarts = new[] { cache.EpochStart(0, parameters.Length), cache.EpochStart(1, parameters.Length) };
            _best = keepBest ? cache.Best(parameters.Length) : Array.Empty<float>();
            if (keepBest) parameters.CopyTo(_best);   // the best so far, until an epoch improves on them
        }

        /// <summary>Whether the best epoch's parameters are kept, to be restored at the end.</summary>
        public bool KeepsBest => _best.Length > 0;

        /// <summary>Copies the parameters at the start of an epoch, over the older of the two epoch-start copies.</summary>
        public void BeginEpoch(ReadOnlySpan<float> parameters, ParameterPoint point)
        {
            _newest = _newest == 0 ? 1 : 0;   // the first epoch takes copy 0
            parameters.CopyTo(_epochStarts[_newest]);
            _epochStartPoints[_newest] = point;
            _epochsBegun++;
        }

        /// <summary>
        /// Puts back the copy of age <paramref name="age"/>, newest first — the current epoch's start (0), the previous
        /// epoch's (1), and last the parameters the call was called with — and says where it is from; false past the last.
        /// </summary>
        public bool TryRestore(int age, Span<float> parameters, out ParameterPoint point)
        {
            int epochCopies = Math.Min(_epochsBegun, 2);
            if (age < epochCopies)
            {
                int slot = age == 0 ? _newest : 1 - _newest;
                _epochStarts[slot].AsSpan().CopyTo(parameters);
                point = _epochStartPoints[slot];
                return true;
            }
            point = ParameterPoint.Start;
            if (age > epochCopies) return false;
            _start.AsSpan().CopyTo(parameters);
            return true;
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
