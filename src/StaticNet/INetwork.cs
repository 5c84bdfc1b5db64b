using System;

namespace StaticNet
{
    /// <summary>
    /// What every generated network is, whatever its class: its sizes and parameters, its description, and the
    /// single-sample operations. Library code (the trainer, serialisation, <c>GradientCheck</c>) and users' code
    /// hold "any network" through it without reflection. The generated class implements it; its own members
    /// (constants, Train, Classify, …) say more.
    /// </summary>
    public interface INetwork
    {
        /// <summary>Values <see cref="Predict"/> reads.</summary>
        int InputSize { get; }

        /// <summary>Values <see cref="Predict"/> writes.</summary>
        int OutputSize { get; }

        /// <summary>Number of weights and biases, the length of <see cref="Parameters"/>.</summary>
        int ParameterCount { get; }

        /// <summary>The declared layers, activations and loss.</summary>
        NetworkArchitecture Architecture { get; }

        /// <summary>
        /// All weights and biases as one vector: for each layer, its weights [out × in] row-major (the layout of
        /// PyTorch's nn.Linear.weight), then its biases [out]. Writable.
        /// </summary>
        Span<float> Parameters { get; }

        /// <summary>Runs the network on one input. Allocation-free, and safe to call from many threads while nobody trains.</summary>
        void Predict(ReadOnlySpan<float> input, Span<float> output);

        /// <summary>The loss on one sample, without changing anything.</summary>
        float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

        /// <summary>Adds ∂L/∂θ for one sample into <paramref name="gradients"/> (same layout as <see cref="Parameters"/>) and returns the loss.</summary>
        float AccumulateGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradients);
    }
}
