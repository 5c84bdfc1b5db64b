using System;
using System.Globalization;

namespace StaticNet
{
    /// <summary>One Dense layer as declared: its neuron count, activation, the activation's α and its dropout probability.</summary>
    public sealed class LayerInfo : IEquatable<LayerInfo>
    {
        /// <summary>A layer of <paramref name="size"/> neurons.</summary>
        /// <param name="size">Neurons (outputs) of the layer, at least 1.</param>
        /// <param name="activation">The activation applied to z = W·a + b.</param>
        /// <param name="alpha">LeakyReLU's slope or ELU's α; ignored (0) for the others.</param>
        /// <param name="dropout">The probability of dropping a unit while training, in [0, 1).</param>
        public LayerInfo(int size, Activation activation, float alpha = 0f, float dropout = 0f)
        {
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A layer needs at least one neuron.");
            if (!Enum.IsDefined(typeof(Activation), activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not an activation.");
            if (!(dropout >= 0f && dropout < 1f)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Must be in [0, 1).");
            if (float.IsNaN(alpha) || float.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Must be finite.");
            Size = size;
            Activation = activation;
            Alpha = activation is Activation.LeakyReLU or Activation.ELU ? alpha : 0f;
            Dropout = dropout;
        }

        /// <summary>Neurons (outputs) of the layer.</summary>
        public int Size { get; }

        /// <summary>The activation applied to z = W·a + b.</summary>
        public Activation Activation { get; }

        /// <summary>LeakyReLU's slope or ELU's α; 0 for the other activations.</summary>
        public float Alpha { get; }

        /// <summary>The probability of dropping a unit while training (0: no dropout).</summary>
        public float Dropout { get; }

        /// <inheritdoc/>
        public bool Equals(LayerInfo? other)
            => other is not null && Size == other.Size && Activation == other.Activation && Alpha.Equals(other.Alpha) && Dropout.Equals(other.Dropout);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as LayerInfo);

        /// <inheritdoc/>
        public override int GetHashCode() => unchecked(((Size * 31 + (int)Activation) * 31 + Alpha.GetHashCode()) * 31 + Dropout.GetHashCode());

        /// <summary>"Dense(32, ReLU)", with α and dropout where they apply: "Dense(8, LeakyReLU, α = 0.1, dropout 0.2)".</summary>
        public override string ToString()
        {
            string alpha = Activation is Activation.LeakyReLU or Activation.ELU ? ", α = " + Alpha.ToString("R", CultureInfo.InvariantCulture) : "";
            string dropout = Dropout > 0f ? ", dropout " + Dropout.ToString("R", CultureInfo.InvariantCulture) : "";
            return "Dense(" + Size.ToString(CultureInfo.InvariantCulture) + ", " + Activation + alpha + dropout + ")";
        }
    }
}
