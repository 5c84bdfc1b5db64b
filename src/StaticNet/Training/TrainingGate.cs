using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace StaticNet.Training
{
    /// <summary>
    /// One training call at a time on a network: Train, TrainStep and AccumulateGradients share the network's training
    /// scratch, gradients, optimizer state and best-epoch copy, so a second call while one runs (from another thread, or
    /// from Train's own progress callback) would silently corrupt both. Each of them enters the network's gate first and
    /// leaves it when done; a call that finds it taken throws <see cref="InvalidOperationException"/> before touching
    /// anything. One interlocked exchange per call, and nothing per sample of a batch.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class TrainingGate
    {
        private int _taken;
        private string _holder = "";
        private long _version;  // counts releases: a parameter version for the caches that must see every write (TransposedWeights)

        /// <summary>Whether a training call (or a load) holds the gate now: the parameters may be changing.</summary>
        public bool IsHeld => Volatile.Read(ref _taken) != 0;

        /// <summary>
        /// The parameter version: it moves on each time the gate is released and at <see cref="ParametersWritten"/>, so a
        /// copy made from the parameters at one version is current while the version is the same and the gate is free.
        /// </summary>
        public long Version => Volatile.Read(ref _version);

        /// <summary>For a library writer that does not hold the gate (a gradient check puts the parameters back): moves the version on.</summary>
        public void ParametersWritten() => Interlocked.Increment(ref _version);

        /// <summary>
        /// Takes the gate for <paramref name="operation"/> (its name, for the message of a call that finds it taken); disposing
        /// the returned scope gives it back, so a call holds it with one <c>using</c> declaration.
        /// </summary>
        /// <exception cref="InvalidOperationException">Another training call holds the gate.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Held Enter(string operation)
        {
            if (Interlocked.CompareExchange(ref _taken, 1, 0) != 0) ThrowTaken(operation);
            _holder = operation;
            return new Held(this);
        }

        /// <summary>The gate while a call holds it; a struct, so that holding it allocates nothing.</summary>
        public readonly struct Held : IDisposable
        {
            private readonly TrainingGate _gate;

            internal Held(TrainingGate gate) => _gate = gate;

            /// <summary>Releases the gate; only the call that took it disposes this.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Dispose()
            {
                // Only the holder writes the version here, so a plain (atomic) store does; it comes before the release, so that
                // whoever sees the gate free sees the new version.
                Volatile.Write(ref _gate._version, _gate._version + 1);
                Volatile.Write(ref _gate._taken, 0);
            }
        }

        // Out of line: the message's formatting would otherwise weigh on every inlined Enter.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void ThrowTaken(string operation)
        {
            // The holder writes its name just after taking the gate: a call racing it may see the name not yet written.
            string holder = Volatile.Read(ref _holder);
            throw new InvalidOperationException(
                $"{operation} was called while {(holder.Length == 0 ? "another training call" : holder)} is running on this network "
                + "(on another thread, or from Train's progress callback): a network runs one Train, TrainStep or AccumulateGradients "
                + "call at a time, and loads no file while one runs. Wait for it to return, or use another network.");
        }
    }
}
