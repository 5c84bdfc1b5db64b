using System.Globalization;

namespace StaticNet.Serialization
{
    /// <summary>
    /// How PyTorch names the parameters of an <c>nn.Sequential</c> of <c>nn.Linear</c> and activation modules:
    /// "&lt;index&gt;.weight" and "&lt;index&gt;.bias", the index counting every module. StaticNet writes each
    /// non-Identity activation as a module of its own (so Tanh between two layers puts them at 0 and 2, an Identity
    /// layer adds nothing), and reads any increasing indices behind any common prefix ("model.0.weight").
    /// </summary>
    internal static class TensorNames
    {
        public const string WeightSuffix = ".weight";
        public const string BiasSuffix = ".bias";

        /// <summary>The module index of each layer's nn.Linear in the nn.Sequential StaticNet writes.</summary>
        public static int[] LinearIndices(NetworkArchitecture architecture)
        {
            var indices = new int[architecture.Layers.Count];
            int module = 0;
            for (int l = 0; l < indices.Length; l++)
            {
                indices[l] = module++;
                if (architecture.Layers[l].Activation != Activation.Identity) module++;   // the activation's own module
            }
            return indices;
        }

        public static string Weight(int index) => index.ToString(CultureInfo.InvariantCulture) + WeightSuffix;

        public static string Bias(int index) => index.ToString(CultureInfo.InvariantCulture) + BiasSuffix;

        /// <summary>
        /// Splits "model.2.weight" into prefix "model.", index 2 and weight (true) or bias (false). The index is written
        /// as PyTorch writes it (decimal, no sign, no leading zero, at most 9 digits), so no two names mean one tensor.
        /// </summary>
        public static bool TryParse(string name, out string prefix, out int index, out bool isWeight)
        {
            prefix = "";
            index = -1;
            isWeight = name.EndsWith(WeightSuffix, System.StringComparison.Ordinal);
            if (!isWeight && !name.EndsWith(BiasSuffix, System.StringComparison.Ordinal)) return false;
            int end = name.Length - (isWeight ? WeightSuffix.Length : BiasSuffix.Length);
            int start = end;
            while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9') start--;
            int digits = end - start;
            if (digits == 0 || digits > 9 || (digits > 1 && name[start] == '0')) return false;
            if (start > 0 && name[start - 1] != '.') return false;   // "layer3.weight" is a named module, not a Sequential's index
            index = int.Parse(name.Substring(start, digits), NumberStyles.None, CultureInfo.InvariantCulture);
            prefix = name.Substring(0, start);
            return true;
        }
    }
}
