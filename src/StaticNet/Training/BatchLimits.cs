using System;

namespace StaticNet.Training
{
    /// <summary>
    /// How many samples one batch can hold: a batch's inputs, targets and training scratch (every layer's activations and
    /// δ, per sample) each live in one array, and .NET caps an array's length (<see cref="Guard.MaxArrayLength"/>). A
    /// batch past it would overflow the lengths' arithmetic and fail deep inside with an index error; Train refuses it
    /// up front, naming BatchSize, and evaluation splits its rows into batches that fit.
    /// </summary>
    internal static class BatchLimits
    {
        /// <summary>Rows a batched forward pass takes when only the loss is needed (evaluation, validation, checks).</summary>
        public const int EvaluationBatch = 256;

        /// <summary>AlignedFloats holds 15 floats more than it is asked for, to start on a cache line.</summary>
        private const int AlignmentPadding = 15;

        /// <summary>The most samples a batch of <paramref name="network"/> can hold.</summary>
        public static int MaxRows(INetwork network)
            => (int)Math.Min(int.MaxValue, (Guard.MaxArrayLength - AlignmentPadding) / FloatsPerSample(network));

        /// <summary>
        /// The longest of a sample's rows: its inputs, its targets, or its training scratch, which the generated code lays out
        /// with each layer starting on a 16-float line — at most Σ ⌈size / 16⌉·16 floats (tiny networks pack theirs tighter).
        /// </summary>
        public static long FloatsPerSample(INetwork network)
        {
            long scratch = 0;
            foreach (LayerInfo layer in network.Architecture.Layers) scratch += (layer.Size + 15L) / 16 * 16;
            return Math.Max(scratch, Math.Max(network.InputSize, network.OutputSize));
        }
    }
}
