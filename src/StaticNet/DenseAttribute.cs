using System;

namespace StaticNet
{
    /// <summary>
    /// Declares one fully connected layer: z = W·a_prev + b, a = f(z). Layers run in the order
    /// their attributes appear in source; the last one is the network's output.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DenseAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="size">Number of neurons, at least 1.</param>
        /// <param name="activation">The activation function f.</param>
        public DenseAttribute(int size, Activation activation = Activation.Identity)
        {
            Size = size;
            Activation = activation;
        }

        /// <summary>Number of neurons.</summary>
        public int Size { get; }

        /// <summary>The activation function f.</summary>
        public Activation Activation { get; }

        /// <summary>
        /// The activation's parameter: the negative slope of <see cref="Activation.LeakyReLU"/>
        /// (default 0.01, must be ≥ 0) or the α of <see cref="Activation.ELU"/> (default 1, must be &gt; 0).
        /// Unset (NaN) means the activation's default; other activations take no α.
        /// </summary>
        public float Alpha { get; set; } = float.NaN;

        /// <summary>
        /// Dropout probability p in [0, 1) applied to this layer's outputs while training (inverted
        /// dropout: kept units are scaled by 1/(1 − p), so nothing changes at prediction time). Not
        /// allowed on the output layer. Default 0: no dropout.
        /// </summary>
        public float Dropout { get; set; }

        /// <summary>How this layer's weights are drawn; overrides <see cref="NetworkAttribute.Initialization"/>.</summary>
        public Initialization Initialization { get; set; } = Initialization.Default;
    }
}
