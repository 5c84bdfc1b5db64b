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
    }
}
