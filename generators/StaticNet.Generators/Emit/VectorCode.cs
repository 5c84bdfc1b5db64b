namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// The two vector operations every layer is made of, as call sites: a dot product (forward pass)
    /// and y += s·x (backprop, gradients, update). Long vectors call a generated fixed-size SIMD
    /// kernel; vectors shorter than <see cref="NetworkLayout.KernelThreshold"/> are written out term by term.
    /// </summary>
    internal static class VectorCode
    {
        /// <summary>Σ_i w[wOffset + i]·x[xOffset + i] for i &lt; n (a null offset: the span starts at 0).</summary>
        public static string Dot(string w, string? wOffset, string x, string? xOffset, int n)
        {
            if (n >= NetworkLayout.KernelThreshold)
            {
                return NetworkLayout.Dot(n) + "(" + Slice(w, wOffset, n) + ", " + Slice(x, xOffset, n) + ")";
            }
            var terms = new string[n];
            for (int i = 0; i < n; i++) terms[i] = w + "[" + Index(wOffset, i) + "] * " + x + "[" + Index(xOffset, i) + "]";
            return string.Join(" + ", terms);
        }

        /// <summary>y[yOffset + i] += s·x[xOffset + i] for i &lt; n (a null offset: the span starts at 0).</summary>
        public static void MulAdd(SourceWriter writer, string s, string x, string? xOffset, string y, string? yOffset, int n)
        {
            if (n >= NetworkLayout.KernelThreshold)
            {
                writer.WriteLine(NetworkLayout.MulAdd(n) + "(" + s + ", " + Slice(x, xOffset, n) + ", " + Slice(y, yOffset, n) + ");");
                return;
            }
            for (int i = 0; i < n; i++)
            {
                writer.WriteLine(y + "[" + Index(yOffset, i) + "] += " + s + " * " + x + "[" + Index(xOffset, i) + "];");
            }
        }

        private static string Slice(string span, string? offset, int n)
            => offset is null ? span : span + ".Slice(" + offset + ", " + NetworkLayout.Int(n) + ")";

        /// <summary>"offset", "offset + 1", …</summary>
        public static string Index(string? offset, int i)
            => offset is null ? NetworkLayout.Int(i) : i == 0 ? offset : offset + " + " + NetworkLayout.Int(i);

        /// <summary>Where row j of layer l's weight matrix starts: "W1 + 64 * j" (or "W1 + j" for one input).</summary>
        public static string Row(int l, int inputs, string j)
            => NetworkLayout.W(l) + " + " + (inputs == 1 ? j : NetworkLayout.Int(inputs) + " * " + j);
    }
}
