using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace StaticNet
{
    /// <summary>
    /// A network's declaration as data: its input size, its Dense layers in order and its loss, with where each
    /// layer's weights and biases lie in the parameter vector. Generated networks expose theirs
    /// (<see cref="INetwork.Architecture"/>); file formats, the ONNX export and the gradient check read it.
    /// </summary>
    public sealed class NetworkArchitecture : IEquatable<NetworkArchitecture>
    {
        private readonly LayerInfo[] _layers;
        private readonly int[] _weightOffsets, _biasOffsets;

        /// <summary>An architecture of <paramref name="layers"/> (at least one) over <paramref name="inputSize"/> inputs.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the parameters would not fit one array.</exception>
        public NetworkArchitecture(int inputSize, Loss loss, params LayerInfo[] layers)
        {
            if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "A network needs at least one input.");
            if (!Enum.IsDefined(typeof(Loss), loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not a loss.");
            if (layers is null) throw new ArgumentNullException(nameof(layers));
            if (layers.Length == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
            _layers = (LayerInfo[])layers.Clone();
            _weightOffsets = new int[_layers.Length];
            _biasOffsets = new int[_layers.Length];
            long offset = 0;
            int inputs = inputSize;
            for (int l = 0; l < _layers.Length; l++)
            {
                LayerInfo layer = _layers[l] ?? throw new ArgumentNullException(nameof(layers), $"Layer {l} is null.");
                _weightOffsets[l] = (int)Math.Min(offset, int.MaxValue);
                offset += (long)layer.Size * inputs;
                _biasOffsets[l] = (int)Math.Min(offset, int.MaxValue);
                offset += layer.Size;
                inputs = layer.Size;
            }
            if (offset > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(layers), offset, "The parameters would not fit one array.");
            InputSize = inputSize;
            Loss = loss;
            ParameterCount = (int)offset;
            Layers = new ReadOnlyCollection<LayerInfo>(_layers);
        }

        /// <summary>Values per input.</summary>
        public int InputSize { get; }

        /// <summary>Values per output: the last layer's size.</summary>
        public int OutputSize => _layers[_layers.Length - 1].Size;

        /// <summary>The Dense layers in order; the last is the output layer.</summary>
        public IReadOnlyList<LayerInfo> Layers { get; }

        /// <summary>The loss the network minimises.</summary>
        public Loss Loss { get; }

        /// <summary>Weights and biases in all layers.</summary>
        public int ParameterCount { get; }

        /// <summary>Inputs of layer <paramref name="layer"/> (0-based): the input size for the first, else the size of the one below.</summary>
        public int InputsOf(int layer) => layer == 0 ? InputSize : _layers[layer - 1].Size;

        /// <summary>Where layer <paramref name="layer"/>'s (0-based) weights [size × inputs] start in the parameter vector.</summary>
        public int WeightOffset(int layer) => _weightOffsets[layer];

        /// <summary>Where layer <paramref name="layer"/>'s (0-based) biases [size] start in the parameter vector.</summary>
        public int BiasOffset(int layer) => _biasOffsets[layer];

        /// <inheritdoc/>
        public bool Equals(NetworkArchitecture? other)
        {
            if (other is null || InputSize != other.InputSize || Loss != other.Loss || _layers.Length != other._layers.Length) return false;
            for (int l = 0; l < _layers.Length; l++)
            {
                if (!_layers[l].Equals(other._layers[l])) return false;
            }
            return true;
        }

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as NetworkArchitecture);

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            int hash = InputSize * 31 + (int)Loss;
            foreach (LayerInfo layer in _layers) hash = unchecked(hash * 31 + layer.GetHashCode());
            return hash;
        }

        /// <summary>"Input(64) → Dense(32, ReLU) → Dense(10, Softmax), loss CrossEntropy".</summary>
        public override string ToString()
        {
            var text = new StringBuilder("Input(").Append(InputSize.ToString(CultureInfo.InvariantCulture)).Append(')');
            foreach (LayerInfo layer in _layers) text.Append(" → ").Append(layer);
            return text.Append(", loss ").Append(Loss).ToString();
        }
    }
}
