using System;
using System.ComponentModel;

namespace StaticNet.Training
{
    /// <summary>
    /// What the shared training loop (<see cref="Trainer"/>) needs from a generated network. Every
    /// network implements it explicitly; users call the generated Train, Evaluate and Classify instead.
    /// All per-element work (forward, backward, gradients, optimizer updates) is generated with fixed
    /// sizes; the loop only orders it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface ITrainableNetwork
    {
        /// <summary>Values per input row.</summary>
        int InputSize { get; }

        /// <summary>Values per output (and target) row.</summary>
        int OutputSize { get; }

        /// <summary>Length of <see cref="Parameters"/>.</summary>
        int ParameterCount { get; }

        /// <summary>The loss the network was declared with.</summary>
        Loss Loss { get; }

        /// <summary>All weights and biases.</summary>
        Span<float> Parameters { get; }

        /// <summary>Grows the training scratch to hold <paramref name="count"/> samples (allocates only when it must).</summary>
        void EnsureBatchCapacity(int count);

        /// <summary>Restarts the dropout masks' random sequence, for reproducible runs.</summary>
        void SeedDropout(int seed);

        /// <summary>
        /// Forward and backward pass over rows <paramref name="start"/> … start + count − 1 of a batch at once,
        /// adding <paramref name="scale"/>·Σ ∂L/∂θ into <paramref name="gradients"/>. With
        /// <paramref name="training"/>, dropout is applied. Returns Σ loss; <paramref name="score"/> gets Σ
        /// per-sample accuracy. Disjoint slices use disjoint scratch rows, so they may run on different
        /// threads at once when <see cref="CanTrainInParallel"/> (each with its own gradient buffer).
        /// </summary>
        float AccumulateSlice(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int start, int count, float scale, Span<float> gradients, bool training, out float score);

        /// <summary>False when training draws from shared state (dropout's random sequence), so slices must run one at a time.</summary>
        bool CanTrainInParallel { get; }

        /// <summary>Forward pass only over <paramref name="count"/> rows: returns Σ loss; <paramref name="score"/> gets Σ accuracy.</summary>
        float EvaluateBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, out float score);

        /// <summary>One SGD (optionally momentum/Nesterov) update of every parameter.</summary>
        void ApplySgd(ReadOnlySpan<float> gradients, Span<float> velocity, in SgdStep step);

        /// <summary>One Adam/AdamW update of every parameter.</summary>
        void ApplyAdam(ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment, in AdamStep step);
    }
}
