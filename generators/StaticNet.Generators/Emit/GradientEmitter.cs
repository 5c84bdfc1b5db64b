namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// AccumulateBatchGradients: one section per layer, output layer first, each ∂L/∂W_l = Σ_s δ_l[s]·a_{l−1}[s]ᵀ and
    /// ∂L/∂b_l = Σ_s δ_l[s] by the library's Dense.Gradients, for a share of the rows, with the optimizer's step taken
    /// range by range as the sums are complete.
    /// </summary>
    internal static class GradientEmitter
    {
        public static void Emit(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Adds Σ_s ∂L/∂θ over count samples (inputs x, activations a, deltas d) into g (same layout as Parameters),");
            writer.WriteLine("/// for part <paramref name=\"part\"/> of <paramref name=\"parts\"/> of every layer's rows (0 of 1: all of them);");
            writer.WriteLine("/// with <paramref name=\"clear\"/> the sums start from zero, and an <paramref name=\"update\"/> gets each range of");
            writer.WriteLine("/// parameters as soon as its sums are complete (the optimizer step, fused into this pass) — or, when that step is");
            writer.WriteLine("/// plain SGD, the kernels take it on the weight rows themselves and hand over only the rest.");
            writer.WriteLine("/// </summary>");
            writer.OpenBlock("private void AccumulateBatchGradients(" + Code.ReadOnlySpan + " x, " + Code.ReadOnlySpan + " a, " + Code.ReadOnlySpan + " d, int count, "
                + Code.Span + " g, int part, int parts, bool clear, " + Code.RangeUpdate + " update)");
            writer.WriteLine(Code.Span + " p = " + layout.Parameters + ";");
            for (int l = layout.LayerCount; l >= 1; l--)
            {
                string ln = NetworkLayout.Int(l), prev = NetworkLayout.Activations(l - 1);
                string input = l == 1 ? "x, InputSize" : "a.Slice(" + NetworkLayout.A(l - 1) + "), ScratchSize";
                writer.WriteLine("// Layer " + ln + " · ∂L/∂W" + ln + " += Σ_s δ" + ln + "[s]·" + prev + "[s]ᵀ, ∂L/∂b" + ln + " += Σ_s δ" + ln + "[s]");
                writer.WriteLine(Code.Dense + ".Gradients<" + layout.SizeTypes.Inputs(l, layout.Sizes[l - 1]) + ">(" + input + ", d.Slice(" + NetworkLayout.A(l) + "), ScratchSize, count, p, g, "
                    + NetworkLayout.W(l) + ", " + NetworkLayout.B(l) + ", " + NetworkLayout.Int(layout.Sizes[l]) + ", part, parts, clear, update);");
            }
            writer.CloseBlock();
        }
    }
}
