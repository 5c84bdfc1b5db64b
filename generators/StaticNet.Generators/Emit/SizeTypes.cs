using System.Collections.Generic;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// The size structs (N64, N32, …) the generated code passes to the library's kernels, recorded as the emitters
    /// write each call, so the file declares exactly the sizes it uses and says which layers use each.
    /// </summary>
    internal sealed class SizeTypes
    {
        private readonly SortedDictionary<int, SortedSet<int>> _used = new SortedDictionary<int, SortedSet<int>>();

        /// <summary>The struct for layer <paramref name="l"/>'s input size <paramref name="n"/>, recorded as used.</summary>
        public string Inputs(int l, int n)
        {
            if (!_used.TryGetValue(n, out SortedSet<int>? layers)) _used[n] = layers = new SortedSet<int>();
            layers.Add(l);
            return Name(n);
        }

        public static string Name(int n) => "N" + NetworkLayout.Int(n);

        /// <summary>The structs recorded so far, smallest size first.</summary>
        public IEnumerable<int> Sizes => _used.Keys;

        public void Emit(SourceWriter writer)
        {
            if (_used.Count == 0) return;
            writer.WriteLine();
            writer.WriteLine("// The sizes the library's kernels are compiled for: each struct makes Value a constant for the JIT.");
            foreach (KeyValuePair<int, SortedSet<int>> size in _used)
            {
                var layers = new List<string>();
                foreach (int l in size.Value) layers.Add(NetworkLayout.Int(l));
                string users = (layers.Count == 1 ? "layer " : "layers ") + string.Join(", ", layers);
                writer.WriteLine("private struct " + Name(size.Key) + " : SN::Kernels.IFixedLength { public int Value => " + NetworkLayout.Int(size.Key) + "; }  // inputs of " + users);
            }
        }
    }
}
