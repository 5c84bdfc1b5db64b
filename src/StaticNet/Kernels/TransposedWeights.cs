using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif
using StaticNet.Training;

namespace StaticNet.Kernels
{
    /// <summary>
    /// A copy of a first layer's weights transposed and packed in panels ([rows / P][inputs][P], P = <see cref="PanelWidth"/>),
    /// kept for Predict and Classify, which read each panel as one linear stream with no horizontal sums
    /// (<see cref="Dense.ForwardTransposed"/>), and for PredictBatch and ClassifyBatch, while Parameters
    /// keeps PyTorch's [rows][inputs] for everything else. The copy is used only when it holds the weights as they are:
    /// <list type="bullet">
    /// <item>It was built at the network's current parameter version: every library call that can write parameters
    /// (training, loading, restoring a checkpoint) holds the <see cref="TrainingGate"/>, whose release counts a version,
    /// and a gradient check counts one when it puts the parameters back. While the gate is held, the copy is not used.</item>
    /// <item>User code never took the Parameters span: a span can be written at any later moment, where no call sees it,
    /// so the first time the public getter hands it out (<see cref="Expose"/>) the copy is given up for good and Predict
    /// reads Parameters directly, as networks without a copy always do.</item>
    /// <item>The weights are all finite: the kernels over the copy do not read the rows of inputs that are exactly 0 (one
    /// sample's, or 0 in every sample of a batch's block), which adds nothing for finite weights but drops the NaN that 0·∞
    /// would give. At a version with a NaN or ∞ among them, no copy
    /// is built and Predict reads Parameters, so a network with such a weight gives what it gives everywhere else.</item>
    /// </list>
    /// A stale copy is rebuilt only after <see cref="RebuildAfter"/> samples predicted at one version, so a caller that trains
    /// and predicts in turn never pays for transposes it cannot use; the rebuild is by one caller at a time (others read
    /// Parameters meanwhile) into storage allocated with the network, so Predict stays allocation-free and thread-safe.
    /// Results agree with the direct path within float rounding: the sums are the same, in another order.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class TransposedWeights
    {
        /// <summary>
        /// Samples predicted on stale parameters (one per Predict, a batch's rows) before the copy is rebuilt: a rebuild costs
        /// about what this many one-sample Predicts save (docs/performance.md), so a caller who changes the parameters more
        /// often than that never pays for one.
        /// </summary>
        public const int RebuildAfter = 256;

        private readonly int _inputs, _rows;
        private readonly AlignedFloats? _copy;  // null where Dense.ForwardTransposed has no vector kernel for these rows
        private long _builtFor = -1;            // the parameter version the copy holds, −1 for none
        private long _nonFiniteAt = -1;         // a version found to hold a NaN or ∞ among the weights, which no copy is built for
        private long _staleFor = -1;            // the version _staleCalls counts predictions at
        private int _staleCalls;                // samples predicted at _staleFor without a current copy; a hint, so not interlocked
        private readonly bool _servesOne;      // one-sample calls read the copy on this machine
        private readonly bool _servesBatches;  // batches do: Dense.ForwardTransposed's blocks of samples beat the direct path's dot blocks
        private volatile bool _exposed;

        /// <summary>
        /// Storage for the transposed weights of a layer with <paramref name="inputs"/> inputs and <paramref name="rows"/>
        /// outputs, for the one-sample calls (<paramref name="oneSample"/>) and for batches (<paramref name="batches"/>)
        /// where this machine has a kernel that serves them; none is allocated where it has neither.
        /// </summary>
        public TransposedWeights(int inputs, int rows, bool oneSample, bool batches)
        {
            if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "Must be at least 1.");
            if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Must be at least 1.");
            _inputs = inputs;
            _rows = rows;
            _servesOne = oneSample && Width(rows) != 0;
            _servesBatches = batches && HasBatchKernel(rows);
            if (_servesOne || _servesBatches) _copy = new AlignedFloats(inputs * rows);
        }

        /// <summary>Whether the copy can serve any call on this machine (it cannot on netstandard or without 256-bit vectors).</summary>
        public bool IsSupported => _copy is not null;

        /// <summary>Whether Predict and Classify read the copy on this machine.</summary>
        public bool ServesOneSample => _servesOne;

        /// <summary>Whether PredictBatch and ClassifyBatch read the copy on this machine (256-bit vectors or wider, outputs in blocks of the batch kernel).</summary>
        public bool ServesBatches => _servesBatches;

        /// <summary>Whether the Parameters span was handed to user code, which gives the copy up for good.</summary>
        public bool IsExposed => _exposed;

        /// <summary>Whether the next call the copy serves (<see cref="ServesOneSample"/>, <see cref="ServesBatches"/>) reads it: it is built at the gate's current version, the gate is free and the span was never handed out.</summary>
        public bool IsCurrent(TrainingGate gate) => _copy is not null && !_exposed && !gate.IsHeld && Volatile.Read(ref _builtFor) == gate.Version;

        /// <summary>Called by the public Parameters getter: from now on Predict reads Parameters directly.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Expose() => _exposed = true;

        /// <summary>
        /// The copy, when it holds <paramref name="weights"/> (the layer's [rows][inputs] weights in Parameters) as they are
        /// now and it serves a pass of <paramref name="count"/> samples; false sends the caller to the direct path. May
        /// rebuild the copy first (see the class summary).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryCurrent(TrainingGate gate, ReadOnlySpan<float> weights, int count, out ReadOnlySpan<float> transposed)
        {
            transposed = default;
            if (!(count == 1 ? _servesOne : _servesBatches) || _exposed || gate.IsHeld) return false;
            long version = gate.Version;
            if (Volatile.Read(ref _builtFor) == version)
            {
                transposed = _copy!.Span;  // allocated whenever it serves a kind of call
                return true;
            }
            return TryRebuild(weights, version, count, out transposed);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private bool TryRebuild(ReadOnlySpan<float> weights, long version, int count, out ReadOnlySpan<float> transposed)
        {
            transposed = default;
            if (Volatile.Read(ref _nonFiniteAt) == version) return false;
            if (_staleFor != version)
            {
                _staleFor = version;  // the count starts again at each version: RebuildAfter samples at one version
                _staleCalls = 0;
            }
            _staleCalls += count;  // samples, not calls: a chunk of 64 rows saves what 64 Predicts would
            if (_staleCalls < RebuildAfter || !Monitor.TryEnter(_copy!)) return false;
            try
            {
                if (_exposed) return false;
                if (Volatile.Read(ref _builtFor) != version)
                {
                    if (!Guard.AllFinite(weights))
                    {
                        Volatile.Write(ref _nonFiniteAt, version);
                        return false;
                    }
                    Transpose(weights, _copy!.Span, _inputs, _rows);
                    Volatile.Write(ref _builtFor, version);
                }
            }
            finally
            {
                Monitor.Exit(_copy!);
            }
            transposed = _copy!.Span;
            return true;
        }

        /// <summary>
        /// Wᵀ[i][j] = W[j][i] packed in panels of P = <see cref="PanelWidth"/>(<paramref name="rows"/>) outputs: output j of
        /// input i at ⌊j / P⌋·P·inputs + i·P + j mod P, so that one pass over P outputs reads one contiguous block (with
        /// P = rows, a plain [inputs][rows] transpose). In 16 × 16 tiles, so both sides are read and written a cache line at a time.
        /// </summary>
        public static void Transpose(ReadOnlySpan<float> weights, Span<float> transposed, int inputs, int rows)
        {
            const int Tile = 16;
            Check.Layer(weights.Length, inputs, rows);
            Check.Layer(transposed.Length, inputs, rows);
            int panel = PanelWidth(rows);
            ref float w = ref MemoryMarshal.GetReference(weights);
            ref float t = ref MemoryMarshal.GetReference(transposed);
            for (int j0 = 0; j0 < rows; j0 += Tile)
            {
                int jEnd = Math.Min(j0 + Tile, rows);
                for (int i0 = 0; i0 < inputs; i0 += Tile)
                {
                    int iEnd = Math.Min(i0 + Tile, inputs);
                    for (int j = j0; j < jEnd; j++)
                    {
                        ref float row = ref Unsafe.Add(ref w, j * inputs);
                        ref float column = ref Unsafe.Add(ref t, (j - j % panel) * inputs + j % panel);  // output j of input 0
                        for (int i = i0; i < iEnd; i++) Unsafe.Add(ref column, i * panel) = Unsafe.Add(ref row, i);
                    }
                }
            }
        }

        /// <summary>
        /// The outputs per panel of the copy for a layer of <paramref name="rows"/> outputs on this machine: 128 where the
        /// one-sample kernel takes 512-bit vectors (eight accumulators of 16); 16 where it takes 256-bit vectors (one sample
        /// reads four panels at once) and on AVX2 for batches (two registers: the width of the six-sample block); 32 for
        /// batches with 512-bit vectors and no one-sample kernel (the width of the eight-sample block); else all of them
        /// (no packing). Every packed width has a batch kernel (<see cref="HasBatchKernel"/>).
        /// </summary>
        public static int PanelWidth(int rows)
        {
            int width = Width(rows);
            if (width == 512) return 128;
            if (width == 256) return 16;
            if (!HasBatchKernel(rows)) return rows;
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated) return 32;
#endif
            return 16;
        }

        /// <summary>The vector width in bits of the one-sample kernel for <paramref name="rows"/> outputs here: 512 (rows a multiple of 128), 256 (of 64), or 0 for none.</summary>
        internal static int Width(int rows)
        {
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated && rows % 128 == 0) return 512;
            if (Vector256.IsHardwareAccelerated && rows % 64 == 0) return 256;
#endif
            return 0;
        }

        /// <summary>Whether batches of <paramref name="rows"/> outputs have a block kernel here: 512-bit vectors and outputs in blocks of 32, or 256-bit vectors and blocks of 16.</summary>
        internal static bool HasBatchKernel(int rows)
        {
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated) return rows % 32 == 0;
            return Vector256.IsHardwareAccelerated && rows % 16 == 0;
#else
            return false;
#endif
        }
    }
}
