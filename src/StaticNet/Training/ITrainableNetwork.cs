using System;
using System.ComponentModel;

namespace StaticNet.Training
{
    /// <summary>
    /// What the shared training loop (<see cref="Trainer"/>) needs from a generated network. Every network implements it
    /// explicitly; users call the generated Train, Evaluate and Classify instead. The network's passes are generated with
    /// fixed sizes and run the library's kernels; the loop only orders them, and applies the optimizer's step to
    /// <see cref="ParameterMemory"/> itself.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface ITrainableNetwork : INetwork
    {
        /// <summary>Taken by Train, TrainStep and AccumulateGradients while they run: one training call at a time.</summary>
        TrainingGate Gate { get; }

        /// <summary>
        /// The memory <see cref="INetwork.Parameters"/> returns, for the library's own readers and writers (the trainer,
        /// the file formats, GradientCheck), which write only under <see cref="Gate"/> or say so: taking it does not
        /// count as handing the span to user code, which gives up Predict's inference copy (TransposedWeights).
        /// </summary>
        Span<float> ParameterMemory { get; }

        /// <summary>Grows the training scratch to hold <paramref name="count"/> samples (allocates only when it must).</summary>
        void EnsureBatchCapacity(int count);

        /// <summary>
        /// Forward and backward pass over rows <paramref name="start"/> … start + count − 1 of a batch at once,
        /// adding <paramref name="scale"/>·Σ ∂L/∂θ into <paramref name="gradients"/>. With
        /// <paramref name="training"/>, dropout is applied. Returns Σ loss; <paramref name="score"/> gets Σ
        /// per-sample accuracy.
        /// </summary>
        float AccumulateSlice(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int start, int count, float scale, Span<float> gradients, bool training, out float score);

        /// <summary>
        /// Forward pass only over <paramref name="count"/> rows: returns Σ loss; <paramref name="score"/> gets Σ accuracy.
        /// Its activations are its own (not the training scratch), so it may run beside any other call: Evaluate relies on it.
        /// </summary>
        float EvaluateBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, out float score);
    }

    /// <summary>A network with dropout: its masks come from one random sequence, which a run restarts from its seed.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IDropoutTrainableNetwork : ITrainableNetwork
    {
        /// <summary>Restarts the dropout masks' random sequence, for reproducible runs.</summary>
        void SeedDropout(int seed);

        /// <summary>The dropout masks' random sequence where it stands: a checkpoint saves it and a resumed run puts it back.</summary>
        NetRandom DropoutRandom { get; set; }
    }

    /// <summary>
    /// A network whose mini-batch pass can be shared by threads (every generated network without dropout, whose
    /// masks come from one random sequence): <see cref="ITrainableNetwork.AccumulateSlice"/> taken apart into
    /// a pass split by samples and a gradient split by rows. Each sample and each gradient row is computed
    /// exactly as in the one-thread pass, so the sums are bit for bit the same however the work is split.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IParallelTrainableNetwork : ITrainableNetwork
    {
        /// <summary>
        /// Forward pass, output δ (times <paramref name="scale"/>) and backpropagation for rows
        /// <paramref name="start"/> … start + count − 1 of the batch, into their own rows of the scratch:
        /// disjoint ranges may run at once. Ranges should start at multiples of four (<see cref="BlockSplit"/>),
        /// so each sample goes through the same kernels as in the one-thread pass.
        /// </summary>
        void ForwardBackward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int start, int count, float scale);

        /// <summary>Σ loss over the batch's <paramref name="count"/> rows after <see cref="ForwardBackward"/> covered them; <paramref name="score"/> gets Σ accuracy.</summary>
        float LossOfBatch(ReadOnlySpan<float> targets, int count, out float score);

        /// <summary>
        /// Each loss (and accuracy, 0 for regressions) of samples <paramref name="start"/> … start + count − 1 after
        /// <see cref="ForwardBackward"/> covered them, into <paramref name="losses"/> and <paramref name="scores"/>
        /// (count each): threads share the batch's losses, and adding them up in sample order gives
        /// <see cref="LossOfBatch"/>'s bits.
        /// </summary>
        void SampleLosses(ReadOnlySpan<float> targets, int start, int count, Span<float> losses, Span<float> scores);

        /// <summary>
        /// Sets (does not add to) the gradient rows of part <paramref name="part"/> of <paramref name="parts"/> of
        /// every layer (<see cref="BlockSplit"/>) to Σ_s ∂L/∂θ over the batch's <paramref name="count"/> rows; different
        /// parts touch different gradient elements and may run at once. With an <paramref name="update"/>, each range of
        /// parameters is passed to it as soon as its gradients are complete (every parameter of the part exactly once),
        /// so the optimizer step runs while they are still in cache; when that step is plain SGD
        /// (<see cref="IParameterRangeUpdate.PlainSgdLearningRate"/>), weight rows the pass sums in registers are
        /// instead stepped there, θ ← θ − η·Σ, and neither stored in <paramref name="gradients"/> nor passed on. The pass
        /// reads no weights: updating them as it goes changes nothing it computes.
        /// </summary>
        void ComputeGradientRows(ReadOnlySpan<float> inputs, int count, int part, int parts, Span<float> gradients, IParameterRangeUpdate? update);
    }

    /// <summary>
    /// A parallel network whose layer 1 is hidden (two or more layers), so threads can also share layer 1's forward pass
    /// by rows: <see cref="ForwardFirstLayer"/>, then <see cref="ForwardBackwardAboveFirstLayer"/> by samples. Each thread
    /// then reads only the rows of W1 it also updates in <see cref="IParallelTrainableNetwork.ComputeGradientRows"/>,
    /// which keeps them in its own cache.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IRowSplitTrainableNetwork : IParallelTrainableNetwork
    {
        /// <summary>
        /// Layer 1's activations, rows of part <paramref name="part"/> of <paramref name="parts"/> (<see cref="BlockSplit"/>),
        /// for all the batch's <paramref name="count"/> samples; each row and sample is computed exactly as in the
        /// one-thread pass.
        /// </summary>
        void ForwardFirstLayer(ReadOnlySpan<float> inputs, int count, int part, int parts);

        /// <summary>
        /// <see cref="IParallelTrainableNetwork.ForwardBackward"/> for rows <paramref name="start"/> … start + count − 1 once
        /// <see cref="ForwardFirstLayer"/> has covered every row of layer 1: the layers above it, the output δ and backpropagation.
        /// </summary>
        void ForwardBackwardAboveFirstLayer(ReadOnlySpan<float> targets, int start, int count, float scale);
    }
}
