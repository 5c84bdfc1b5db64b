using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Backpropagation: for a batch, Backpropagate carries the output layer's δ down through every layer (one section per
    /// layer: δ_{l−1} = W_lᵀ·δ_l, then ⊙ f'(z_{l−1})); for TrainStep's one sample, each layer's backpropagation is fused
    /// with its SGD step, W_l read for δ_{l−1} just before it changes.
    /// </summary>
    internal static class BackwardEmitter
    {
        public static void EmitBackpropagate(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>Carries the output layer's δ back through every layer, for count samples whose a and δ rows are given.</summary>");
            writer.OpenBlock("private void Backpropagate(" + Code.ReadOnlySpan + " a, " + Code.Span + " d, " + (layout.HasDropout ? Code.ReadOnlySpan + " masks, " : "") + "int count"
                + (layout.HasDropout ? ", bool training" : "") + ")");
            writer.WriteLine(Code.ReadOnlySpan + " p = " + layout.Parameters + ";");
            for (int l = layout.LayerCount; l >= 2; l--)
            {
                LayerSpec below = layout.Layer(l - 1);
                string ln = NetworkLayout.Int(l), lp = NetworkLayout.Int(l - 1), a = NetworkLayout.A(l - 1);
                writer.WriteLine();
                writer.WriteLine("// Into layer " + lp + " · δ" + lp + " = (W" + ln + "ᵀ·δ" + ln + ")" + DerivativeFactor(below, lp) + (below.Dropout > 0f ? ", ⊙ the dropout mask when training" : ""));
                writer.WriteLine(Code.Dense + ".Backward<" + layout.SizeTypes.Inputs(l, layout.Sizes[l - 1]) + ">(" + layout.WeightsOf(l, "p") + ", d.Slice(" + NetworkLayout.A(l)
                    + "), ScratchSize, d.Slice(" + a + "), ScratchSize, count);");
                string rows = "a.Slice(" + a + "), d.Slice(" + a + "), ScratchSize, count, " + NetworkLayout.Int(below.Size);
                EmitDerivative(writer, below, rows, "masks.Slice(" + a + ")", "training");
            }
            writer.CloseBlock();
        }

        /// <summary>
        /// TrainStep's sections, output layer first: δ_{l−1} = W_lᵀ·δ_l with W_l as it was, then W_l ← W_l − η·δ_l·a_{l−1}ᵀ
        /// and b_l ← b_l − η·δ_l, then δ_{l−1} ⊙= f'(z_{l−1}); layer 1 only steps. Works on TrainStep's views x, a{l}, d{l}.
        /// </summary>
        public static void EmitTrainStepLayers(SourceWriter writer, NetworkLayout layout)
        {
            for (int l = layout.LayerCount; l >= 1; l--)
            {
                LayerSpec layer = layout.Layer(l);
                string ln = NetworkLayout.Int(l), lp = NetworkLayout.Int(l - 1), aPrev = NetworkLayout.Activations(l - 1);
                string update = "W" + ln + " ← W" + ln + " − η·δ" + ln + "·" + aPrev + "ᵀ, b" + ln + " ← b" + ln + " − η·δ" + ln;
                // A ReLU layer's inactive units (relu' = 0) and a dropped unit have δ = 0: their rows need no step.
                string skip = layer.Activation == ActivationKind.ReLU || layer.Dropout > 0f ? "true" : "false";
                string skipNote = skip == "true" ? " (rows with δ = 0, " + (layer.Activation == ActivationKind.ReLU ? "inactive units" : "dropped units") + ", are left as they are)" : "";
                string size = layout.SizeTypes.Inputs(l, layout.Sizes[l - 1]);
                writer.WriteLine();
                if (l == 1)
                {
                    writer.WriteLine("// Layer 1 · " + update + skipNote);
                    writer.WriteLine(Code.Dense + ".Step<" + size + ">(" + layout.WeightsOf(1, "p") + ", " + layout.BiasesOf(1, "p") + ", x, d1, learningRate, skipZeroDeltas: " + skip + ");");
                    continue;
                }
                LayerSpec below = layout.Layer(l - 1);
                writer.WriteLine("// Layer " + ln + " · δ" + lp + " = W" + ln + "ᵀ·δ" + ln + " with W" + ln + " as it was, then " + update + skipNote);
                writer.WriteLine(Code.Dense + ".BackwardAndStep<" + size + ">(" + layout.WeightsOf(l, "p") + ", " + layout.BiasesOf(l, "p") + ", " + aPrev + ", d" + ln + ", d" + lp
                    + ", learningRate, skipZeroDeltas: " + skip + ");");
                if (below.Activation != ActivationKind.Identity) writer.WriteLine("// δ" + lp + " ⊙=" + DerivativeFactor(below, lp).Substring(2) + (below.Dropout > 0f ? ", through dropout" : ""));
                else if (below.Dropout > 0f) writer.WriteLine("// δ" + lp + " ⊙= the dropout mask");
                string masks = "new " + Code.ReadOnlySpan + "(_masks, " + NetworkLayout.A(l - 1) + ", " + NetworkLayout.Int(below.Size) + ")";
                EmitDerivative(writer, below, aPrev + ", d" + lp, masks, training: null, comment: false);
            }
        }

        /// <summary>" ⊙ relu'(z1), relu'(z) = 1 if z > 0, else 0", or "" for the identity.</summary>
        private static string DerivativeFactor(LayerSpec layer, string l)
            => layer.Activation == ActivationKind.Identity ? "" : " ⊙ " + ActivationMath.DerivativeName(layer) + "(z" + l + "), " + ActivationMath.DerivativeMath(layer);

        /// <summary>
        /// δ ⊙= f'(z) over <paramref name="rows"/> ("a…, d…, stride, count, size", or "a, d" for one sample's row); for a layer with dropout, through its masks
        /// (only when <paramref name="training"/> says so, if given: without dropout the plain derivative).
        /// </summary>
        private static void EmitDerivative(SourceWriter writer, LayerSpec layer, string rows, string masks, string? training, bool comment = true)
        {
            string kernel = ActivationMath.KernelName(layer), alpha = ActivationMath.AlphaArgument(layer);
            bool identity = layer.Activation == ActivationKind.Identity;
            string plain = identity ? "" : Code.Derivatives + "." + kernel + "(" + rows + alpha + ");";
            if (layer.Dropout <= 0f)
            {
                if (!identity) writer.WriteLine(plain);
                return;
            }
            float keep = 1f - layer.Dropout;
            // A dropped unit passes no gradient; a kept one was scaled by 1/keep, so f' is taken at a·keep, the activation before it.
            string dRows = rows.Substring(rows.IndexOf(", ", System.StringComparison.Ordinal) + 2);
            string throughDropout = identity
                ? Code.Derivatives + ".Dropout(" + masks + ", " + dRows + ");"
                : Code.Derivatives + "." + kernel + "(" + rows + alpha + ", " + masks + ", keep: " + NetworkLayout.FloatLiteral(keep) + ");";
            if (comment) writer.WriteLine("// through dropout: a dropped unit passes no gradient; a kept one was scaled by 1/(1 − p), so f' is taken at a·(1 − p)");
            if (training is null)
            {
                writer.WriteLine(throughDropout);
                return;
            }
            writer.WriteLine("if (" + training + ") " + throughDropout);
            if (!identity) writer.WriteLine("else " + plain);
        }
    }
}
