using System;
using System.Runtime.CompilerServices;

namespace StaticNet.Training
{
    /// <summary>
    /// The large arrays a Train call works in (gradients, the parameters it started from and those at the start of the last two epochs, the best epoch's
    /// parameters, the optimizer's state, the gathered batch), kept with their network between calls: a
    /// ConditionalWeakTable entry lives exactly as long as the network. Calling Train again (every frame of
    /// a game, say) then allocates no large arrays and provokes no full garbage collections; the arrays
    /// cost about five to seven times the parameters while the network lives. Like the network's own
    /// scratch, they serve one Train call at a time, which the network's <see cref="TrainingGate"/> ensures.
    /// </summary>
    internal sealed class TrainingBuffers
    {
        private static readonly ConditionalWeakTable<ITrainableNetwork, TrainingBuffers> ByNetwork = new ConditionalWeakTable<ITrainableNetwork, TrainingBuffers>();

        private float[] _gradients = Array.Empty<float>(), _start = Array.Empty<float>(), _best = Array.Empty<float>();
        private readonly float[][] _epochStarts = { Array.Empty<float>(), Array.Empty<float>() };
        private float[] _state1 = Array.Empty<float>(), _state2 = Array.Empty<float>();
        private float[] _targets = Array.Empty<float>();
        private AlignedFloats _inputs = new AlignedFloats(0);   // on a cache line: the kernels load every row of it

        /// <summary>
        /// Where the network's training stands for a resumed run: kept up to date by Train at the end of every epoch, or
        /// read from a checkpoint by LoadCheckpoint; null before either, and from the start of a new (not resumed) run
        /// until its first epoch ends.
        /// </summary>
        public ResumeState? Resume { get; set; }

        /// <summary>Drops the network's training state, if it has any (and allocates nothing when it has no buffers).</summary>
        public static void ForgetResume(ITrainableNetwork network)
        {
            if (ByNetwork.TryGetValue(network, out TrainingBuffers? buffers)) buffers.Resume = null;
        }

        public static TrainingBuffers For(ITrainableNetwork network) => ByNetwork.GetValue(network, _ => new TrainingBuffers());

        /// <summary>One gradient per parameter (contents stale: the trainer clears it before every batch).</summary>
        public float[] Gradients(int length) => Exactly(ref _gradients, length);

        /// <summary>Room for the parameters a call starts from (contents stale: overwritten before use).</summary>
        public float[] Start(int length) => Exactly(ref _start, length);

        /// <summary>
        /// Room for the parameters at the start of an epoch, <paramref name="which"/> of two (contents stale: overwritten
        /// before use): the start of this epoch and of the one before take turns (<see cref="ParameterSnapshots"/>).
        /// </summary>
        public float[] EpochStart(int which, int length) => Exactly(ref _epochStarts[which], length);

        /// <summary>Room for the best epoch's parameters (contents stale: overwritten before use).</summary>
        public float[] Best(int length) => Exactly(ref _best, length);

        /// <summary>The optimizer's first state vector (velocity or Adam's m), zeroed, as a new run starts from none.</summary>
        public float[] FirstState(int length) => Zeroed(ref _state1, length);

        /// <summary>The optimizer's first state vector holding <paramref name="values"/> (a resumed run's velocity or m).</summary>
        public float[] FirstState(ReadOnlySpan<float> values) => Holding(ref _state1, values);

        /// <summary>The optimizer's second state vector holding <paramref name="values"/> (a resumed run's v).</summary>
        public float[] SecondState(ReadOnlySpan<float> values) => Holding(ref _state2, values);

        /// <summary>The optimizer's second state vector (Adam's v), zeroed.</summary>
        public float[] SecondState(int length) => Zeroed(ref _state2, length);

        /// <summary>At least <paramref name="length"/> floats for a gathered batch's inputs, starting on a cache line.</summary>
        public AlignedFloats Inputs(int length)
        {
            if (_inputs.Length < length) _inputs = new AlignedFloats(length);
            return _inputs;
        }

        /// <summary>At least <paramref name="length"/> floats for a gathered batch's targets.</summary>
        public float[] Targets(int length) => AtLeast(ref _targets, length);

        private static float[] Exactly(ref float[] buffer, int length)
        {
            if (buffer.Length != length) buffer = new float[length];
            return buffer;
        }

        private static float[] Zeroed(ref float[] buffer, int length)
        {
            if (buffer.Length != length) buffer = new float[length];
            else Array.Clear(buffer, 0, length);
            return buffer;
        }

        private static float[] Holding(ref float[] buffer, ReadOnlySpan<float> values)
        {
            if (buffer.Length != values.Length) buffer = new float[values.Length];
            values.CopyTo(buffer);   // a no-op copy onto itself when the values are the buffer's own
            return buffer;
        }

        private static float[] AtLeast(ref float[] buffer, int length)
        {
            if (buffer.Length < length) buffer = new float[length];
            return buffer;
        }
    }
}
