using System;

namespace StaticNet
{
    /// <summary>
    /// Every layer's pre-activations (and the hidden layers' activations) recomputed in double from an architecture, a
    /// parameter vector and one input: what the gradient check needs to pick each parameter's step (the activation it
    /// multiplies) and to see ReLU-family units near their kink. The output layer's activation (Softmax, say) is not
    /// computed: nothing reads it.
    /// </summary>
    internal sealed class DoubleForwardPass
    {
        private readonly double[][] _z, _a, _magnitude;

        public DoubleForwardPass(NetworkArchitecture architecture, ReadOnlySpan<float> parameters, ReadOnlySpan<float> input)
        {
            Architecture = architecture;
            Parameters = ToDouble(parameters);
            Input = ToDouble(input);
            int layers = architecture.Layers.Count;
            _z = new double[layers][]; _a = new double[layers][]; _magnitude = new double[layers][];
            for (int l = 0; l < layers; l++)
            {
                int size = architecture.Layers[l].Size;
                _z[l] = new double[size]; _a[l] = new double[size]; _magnitude[l] = new double[size];
                Layer(l, Below(l), _z[l], _a[l], _magnitude[l]);
            }
        }

        public NetworkArchitecture Architecture { get; }

        public double[] Parameters { get; }

        public double[] Input { get; }

        /// <summary>The values layer <paramref name="layer"/> (0-based) reads: the input, or the activations of the layer below.</summary>
        public double[] Below(int layer) => layer == 0 ? Input : _a[layer - 1];

        /// <summary>z = W·a + b of layer <paramref name="layer"/>.</summary>
        public double[] PreActivations(int layer) => _z[layer];

        /// <summary>f(z) of hidden layer <paramref name="layer"/> (the output layer's are not computed).</summary>
        public double[] Activations(int layer) => _a[layer];

        /// <summary>|b| + Σ|w·a| of each unit of layer <paramref name="layer"/>: what the float rounding of its z scales with.</summary>
        public double[] Magnitudes(int layer) => _magnitude[layer];

        /// <summary>
        /// z = W·a + b of one layer from <paramref name="below"/>, and a = f(z) below the output layer; with
        /// <paramref name="magnitude"/>, also |b| + Σ|w·a|.
        /// </summary>
        public void Layer(int layer, double[] below, double[] z, double[] a, double[]? magnitude)
        {
            LayerInfo info = Architecture.Layers[layer];
            bool hidden = layer < Architecture.Layers.Count - 1;
            int inputs = Architecture.InputsOf(layer), weights = Architecture.WeightOffset(layer), biases = Architecture.BiasOffset(layer);
            for (int j = 0; j < z.Length; j++)
            {
                double sum = Parameters[biases + j], size = Math.Abs(sum);
                for (int k = 0; k < inputs; k++)
                {
                    double term = Parameters[weights + j * inputs + k] * below[k];
                    sum += term;
                    size += Math.Abs(term);
                }
                z[j] = sum;
                if (hidden) a[j] = Activate(info, sum);
                if (magnitude is not null) magnitude[j] = size;
            }
        }

        /// <summary>A hidden layer's activation (Softmax is only ever the output layer's, which this pass leaves out).</summary>
        public static double Activate(LayerInfo layer, double z) => layer.Activation switch
        {
            Activation.Identity => z,
            Activation.Sigmoid => 1.0 / (1.0 + Math.Exp(-z)),
            Activation.Tanh => Math.Tanh(z),
            Activation.ReLU => z > 0 ? z : 0.0,
            Activation.LeakyReLU => z > 0 ? z : layer.Alpha * z,
            Activation.ELU => z > 0 ? z : layer.Alpha * (Math.Exp(z) - 1.0),
            _ => throw new NotSupportedException($"{layer.Activation} in a hidden layer."),
        };

        private static double[] ToDouble(ReadOnlySpan<float> values)
        {
            var result = new double[values.Length];
            for (int i = 0; i < values.Length; i++) result[i] = values[i];
            return result;
        }
    }
}
