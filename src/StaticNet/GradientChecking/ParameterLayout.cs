using System.Globalization;

namespace StaticNet
{
    /// <summary>Where a parameter index lies in a network's vector: its layer, unit and input, and its name (W2[1, 3], b1[0]).</summary>
    internal static class ParameterLayout
    {
        /// <summary>The (0-based) layer whose weights or biases hold parameter <paramref name="parameter"/>.</summary>
        public static int LayerOf(NetworkArchitecture architecture, int parameter)
        {
            int layer = architecture.Layers.Count - 1;
            while (layer > 0 && architecture.WeightOffset(layer) > parameter) layer--;
            return layer;
        }

        /// <summary>The unit j a parameter of <paramref name="layer"/> feeds, and its input k (−1 for a bias b[j]).</summary>
        public static (int Unit, int Input) UnitAndInput(NetworkArchitecture architecture, int layer, int parameter)
        {
            int biases = architecture.BiasOffset(layer);
            if (parameter >= biases) return (parameter - biases, -1);
            int index = parameter - architecture.WeightOffset(layer), inputs = architecture.InputsOf(layer);
            return (index / inputs, index % inputs);
        }

        /// <summary>"W2[1, 3]" (row 1, column 3 of layer 2's weights) or "b1[0]": layers counted from 1, rows and columns from 0.</summary>
        public static string Name(NetworkArchitecture architecture, int parameter)
        {
            int layer = LayerOf(architecture, parameter);
            (int unit, int input) = UnitAndInput(architecture, layer, parameter);
            string number = (layer + 1).ToString(CultureInfo.InvariantCulture), row = unit.ToString(CultureInfo.InvariantCulture);
            return input < 0 ? "b" + number + "[" + row + "]" : "W" + number + "[" + row + ", " + input.ToString(CultureInfo.InvariantCulture) + "]";
        }
    }
}
