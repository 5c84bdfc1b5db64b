using System;
using System.ComponentModel;

namespace StaticNet.Training
{
    /// <summary>
    /// Takes the optimizer step on a range of parameters whose gradients are complete. A network's gradient
    /// pass (<see cref="IParallelTrainableNetwork.ComputeGradientRows"/>) hands it each range as soon as it has
    /// finished it — a tile of weight rows, then their biases — so the step reads those gradients while they
    /// are still in the L1 cache, instead of in a separate pass over every parameter after the batch.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IParameterRangeUpdate
    {
        /// <summary>
        /// Updates parameters <paramref name="start"/> … start + gradients.Length − 1 from their complete
        /// <paramref name="gradients"/> (the slice of the gradient buffer the pass just wrote).
        /// </summary>
        void Apply(int start, ReadOnlySpan<float> gradients);

        /// <summary>
        /// η when the step is plain SGD, θ ← θ − η·g (no momentum, weight decay or L1), and 0 for every other step.
        /// A gradient pass may then take that step itself on the weight rows as it finishes each sum, instead of
        /// storing the gradient for <see cref="Apply"/> to read back; it reports NaN or ∞ in those sums with
        /// <see cref="ReportNonFinite"/>.
        /// </summary>
        float PlainSgdLearningRate { get; }

        /// <summary>A gradient pass that took the plain SGD step itself found a NaN or infinite gradient.</summary>
        void ReportNonFinite();
    }
}
