using System.Linq;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Writes the per-layer sections of the generated methods: the forward pass (and dropout),
    /// backpropagation of δ into the previous layer, gradient accumulation and the SGD update. Each
    /// section opens with a comment that states its math. Batched sections run the weight row j in
    /// the outer loop and the samples s of the batch in the inner one, so each row is read once per batch.
    /// </summary>
    internal static class LayerEmitter
    {
        private const string NetMath = "global::StaticNet.NetMath";
        private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
        private const string Span = "global::System.Span<float>";
        internal const string BlockSplit = "global::StaticNet.Training.BlockSplit.Start";

        /// <summary>Bytes of weight rows kept in L1 while a batch streams past (half of a 32 KB L1, the rest for the samples).</summary>
        private const int RowTileBytes = 16 * 1024;

        /// <summary>
        /// z = W·a_prev + b, a = f(z) for layer l and samples 0..count, reading parameters from span p.
        /// Samples go four at a time through Dot{n}x4, so each chunk of a weight row is loaded once for
        /// four samples; for layers too large for L1, rows are taken a tile at a time.
        /// </summary>
        public static void EmitForward(SourceWriter writer, NetworkLayout layout, int l)
        {
            LayerSpec layer = layout.Layer(l);
            int inputs = layout.Sizes[l - 1], outputs = layer.Size;
            string ln = NetworkLayout.Int(l), prev = NetworkLayout.Activations(l - 1), n = NetworkLayout.Int(inputs);
            bool softmax = layer.Activation == ActivationKind.Softmax;
            string? vectorised = ActivationMath.VectorFunction(layer);
            bool kernel = inputs >= NetworkLayout.KernelThreshold;
            // Layer 1 of a network whose threads share it by rows computes rows rowStart … rowEnd − 1 only.
            bool rowRange = l == 1 && layout.SplitsFirstLayerByRows;
            string rowFirst = rowRange ? "rowStart" : "0", rowLast = rowRange ? "rowEnd" : NetworkLayout.Int(outputs);

            void Store(string s, string weightedSum, string j = "j")
            {
                if (softmax)
                {
                    writer.WriteLine(layout.Logits + "[OutputSize * " + s + " + " + j + "] = p[" + NetworkLayout.B(l) + " + " + j + "] + " + weightedSum + ";");
                }
                else if (vectorised is not null)
                {
                    writer.WriteLine("a[" + NetworkLayout.ScratchRow(l, s) + " + " + j + "] = p[" + NetworkLayout.B(l) + " + " + j + "] + " + weightedSum + ";");
                }
                else
                {
                    writer.WriteLine("float z = p[" + NetworkLayout.B(l) + " + " + j + "] + " + weightedSum + ";");
                    writer.WriteLine("a[" + NetworkLayout.ScratchRow(l, s) + " + " + j + "] = " + ActivationMath.Forward(layer, "z") + ";");
                }
            }

            writer.WriteLine("// Layer " + ln + " · " + layout.Describe(l) + " · z = W" + ln + "·" + prev + " + b" + ln + ", " + ActivationMath.ForwardMath(layer));
            int tile = RowTile(inputs, outputs);
            string rows = tile < outputs ? "for (int j = j0; j < j1; j++)" : "for (int j = " + rowFirst + "; j < " + rowLast + "; j++)";
            if (tile < outputs)
            {
                writer.OpenBlock("for (int j0 = " + rowFirst + "; j0 < " + rowLast + "; j0 += " + NetworkLayout.Int(tile) + ")  // a tile of rows of W" + ln + " stays in L1 while the batch streams past");
                writer.WriteLine("int j1 = global::System.Math.Min(j0 + " + NetworkLayout.Int(tile) + ", " + rowLast + ");");
            }
            else if (kernel)
            {
                writer.OpenBlock();
            }
            if (kernel) writer.WriteLine("int s = 0;");
            if (kernel)
            {
                string[] quad = Samples4();
                writer.OpenBlock("for (; s + 3 < count; s += 4)  // four samples per pass over each row");
                for (int q = 0; q < 4; q++) writer.WriteLine(ReadOnlySpan + " x" + q + " = " + PreviousSpan(l) + ".Slice(" + PreviousRow(l, quad[q]) + ", " + n + ");");
                string rowEnd = tile < outputs ? "j1" : rowLast;
                writer.WriteLine("int j = " + (tile < outputs ? "j0" : rowFirst) + ";");
                writer.OpenBlock("for (; j + 3 < " + rowEnd + "; j += 4)  // four rows × four samples: sixteen sums per pass");
                writer.WriteLine(NetworkLayout.Dot(inputs) + "Block(p.Slice(" + VectorCode.Row(l, inputs, "j") + ", " + NetworkLayout.Int(4 * inputs) + "), x0, x1, x2, x3, block);");
                if ((softmax || vectorised is not null) && layout.Target.HasVectorIntrinsics)
                {
                    // z = b + W·x for a sample's four rows in one vector: block holds each sample's four sums together.
                    const string V128 = "global::System.Runtime.Intrinsics.Vector128", Ref = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";
                    writer.WriteLine("var bias = " + V128 + ".LoadUnsafe(ref " + Ref + "(p.Slice(" + NetworkLayout.B(l) + " + j, 4)));");
                    for (int q = 0; q < 4; q++)
                    {
                        string sample = q == 0 ? "s" : "(s + " + NetworkLayout.Int(q) + ")";
                        string target = softmax ? layout.Logits + ".Slice(OutputSize * " + sample + " + j, 4)" : "a.Slice(" + NetworkLayout.ScratchRow(l, sample) + " + j, 4)";
                        writer.WriteLine(V128 + ".StoreUnsafe(" + V128 + ".LoadUnsafe(ref " + Ref + "(block), " + NetworkLayout.Int(4 * q) + ") + bias, ref " + Ref + "(" + target + "));");
                    }
                }
                else
                {
                    writer.OpenBlock("for (int q = 0; q < 4; q++)");
                    writer.OpenBlock("for (int r = 0; r < 4; r++)");
                    Store("(s + q)", "block[4 * q + r]", "j + r");
                    writer.CloseBlock();
                    writer.CloseBlock();
                }
                writer.CloseBlock();
                writer.OpenBlock("for (; j < " + rowEnd + "; j++)");
                writer.WriteLine(NetworkLayout.Dot(inputs) + "x4(p.Slice(" + VectorCode.Row(l, inputs, "j") + ", " + n + "), x0, x1, x2, x3, out float dot0, out float dot1, out float dot2, out float dot3);");
                for (int q = 0; q < 4; q++)
                {
                    if (vectorised is null && !softmax) writer.OpenBlock();
                    Store(quad[q], "dot" + NetworkLayout.Int(q));
                    if (vectorised is null && !softmax) writer.CloseBlock();
                }
                writer.CloseBlock();
                writer.CloseBlock();
            }
            if (kernel && outputs >= 4)
            {
                string rowEnd = tile < outputs ? "j1" : rowLast;
                writer.OpenBlock("for (; s < count; s++)  // one sample: four rows per pass over it");
                writer.WriteLine(ReadOnlySpan + " xs = " + PreviousSpan(l) + ".Slice(" + PreviousRow(l, "s") + ", " + n + ");");
                writer.WriteLine("int j = " + (tile < outputs ? "j0" : rowFirst) + ";");
                writer.OpenBlock("for (; j + 3 < " + rowEnd + "; j += 4)");
                writer.WriteLine(NetworkLayout.Dot(inputs) + "Rows4(p.Slice(" + VectorCode.Row(l, inputs, "j") + ", " + NetworkLayout.Int(4 * inputs) + "), xs, out float dot0, out float dot1, out float dot2, out float dot3);");
                for (int r = 0; r < 4; r++)
                {
                    if (vectorised is null && !softmax) writer.OpenBlock();
                    Store("s", "dot" + NetworkLayout.Int(r), r == 0 ? "j" : "j + " + NetworkLayout.Int(r));
                    if (vectorised is null && !softmax) writer.CloseBlock();
                }
                writer.CloseBlock();
                if (outputs % 4 != 0)
                {
                    writer.OpenBlock("for (; j < " + rowEnd + "; j++)");
                    Store("s", NetworkLayout.Dot(inputs) + "(p.Slice(" + VectorCode.Row(l, inputs, "j") + ", " + n + "), xs)");
                    writer.CloseBlock();
                }
                writer.CloseBlock();
            }
            else
            {
                writer.OpenBlock(kernel ? "for (; s < count; s++)" : "for (int s = 0; s < count; s++)");
                if (kernel) writer.WriteLine(ReadOnlySpan + " xs = " + PreviousSpan(l) + ".Slice(" + PreviousRow(l, "s") + ", " + n + ");");
                writer.OpenBlock(rows);
                Store("s", kernel
                    ? NetworkLayout.Dot(inputs) + "(p.Slice(" + VectorCode.Row(l, inputs, "j") + ", " + n + "), xs)"
                    : VectorCode.Dot("p", VectorCode.Row(l, inputs, "j"), PreviousSpan(l), PreviousRow(l, "s"), inputs));
                writer.CloseBlock();
                writer.CloseBlock();
            }
            if (kernel || tile < outputs) writer.CloseBlock();

            if (softmax)
            {
                writer.WriteLine("// a = e^(z − max z) / Σ e^(z − max z), vectorised; subtracting the max keeps every e^z ≤ 1");
                writer.WriteLine("for (int s = 0; s < count; s++) global::StaticNet.VectorMath.Softmax(" + layout.Logits + ".Slice(OutputSize * s, OutputSize), a.Slice(" + NetworkLayout.ScratchRow(l, "s") + ", OutputSize));");
            }
            else if (vectorised is not null)
            {
                writer.WriteLine("// a = f(z) for each sample's whole row at once, vectorised (the loops above stored z)");
                writer.WriteLine(rowRange
                    ? "for (int s = 0; s < count; s++) " + vectorised + "(a.Slice(" + NetworkLayout.ScratchRow(l, "s") + " + rowStart, rowEnd - rowStart));"
                    : "for (int s = 0; s < count; s++) " + vectorised + "(a.Slice(" + NetworkLayout.ScratchRow(l, "s") + ", " + NetworkLayout.Int(outputs) + "));");
            }
            if (layer.Dropout > 0f) EmitDropout(writer, l, layer);
        }

        /// <summary>How many rows of a layer's weights fit the L1 budget (a multiple of 4, at least 4).</summary>
        private static int RowTile(int inputs, int outputs)
        {
            int rows = RowTileBytes / (4 * inputs) / 4 * 4;
            return rows < 4 ? 4 : rows >= outputs ? outputs : rows;
        }

        /// <summary>Inverted dropout on layer l's activations, in training only; the mask is kept for backprop.</summary>
        private static void EmitDropout(SourceWriter writer, int l, LayerSpec layer)
        {
            float keep = 1f - layer.Dropout;
            writer.OpenBlock("if (training)");
            writer.WriteLine("// Dropout p = " + NetworkLayout.Float(layer.Dropout) + ": keep a unit with probability " + NetworkLayout.Float(keep)
                + " and scale it by 1/" + NetworkLayout.Float(keep) + ", so E[a] is unchanged and prediction needs no dropout");
            writer.OpenBlock("for (int s = 0; s < count; s++)");
            writer.OpenBlock("for (int j = 0; j < " + NetworkLayout.Int(layer.Size) + "; j++)");
            writer.WriteLine("int at = " + NetworkLayout.ScratchRow(l, "s") + " + j;");
            writer.WriteLine("masks[at] = _dropoutRandom.NextSingle() < " + NetworkLayout.FloatLiteral(layer.Dropout) + " ? 0f : " + NetworkLayout.FloatLiteral(1f / keep) + ";");
            writer.WriteLine("a[at] *= masks[at];");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.CloseBlock();
        }

        /// <summary>δ_{l−1} = (W_lᵀ·δ_l) ⊙ f'(z_{l−1}) for samples 0..count, using W_l as it was in the forward pass.</summary>
        public static void EmitBackpropagate(SourceWriter writer, NetworkLayout layout, int l)
        {
            LayerSpec below = layout.Layer(l - 1);
            int inputs = layout.Sizes[l - 1];
            string ln = NetworkLayout.Int(l), lp = NetworkLayout.Int(l - 1);
            string derivativeName = ActivationMath.DerivativeName(below);

            writer.WriteLine("// Backpropagate into layer " + lp + " · δ" + lp + " = (W" + ln + "ᵀ·δ" + ln + ")"
                + (below.Activation == ActivationKind.Identity ? "" : " ⊙ " + derivativeName + "(z" + lp + "), " + ActivationMath.DerivativeMath(below))
                + (below.Dropout > 0f ? ", ⊙ the dropout mask when training" : ""));
            writer.WriteLine("for (int s = 0; s < count; s++) d.Slice(" + NetworkLayout.ScratchRow(l - 1, "s") + ", " + NetworkLayout.Int(inputs) + ").Clear();");
            string outputs = NetworkLayout.Int(layout.Sizes[l]);
            bool blocked = inputs >= NetworkLayout.KernelThreshold;
            if (blocked)
            {
                writer.OpenBlock();
                writer.WriteLine("int j = 0;");
                writer.OpenBlock("for (; j + 3 < " + outputs + "; j += 4)  // four rows of W" + ln + " per pass over δ" + lp + "[s]");
                for (int q = 0; q < 4; q++)
                {
                    writer.WriteLine(ReadOnlySpan + " w" + q + " = p.Slice(" + VectorCode.Row(l, inputs, q == 0 ? "j" : "(j + " + q + ")") + ", " + NetworkLayout.Int(inputs) + ");");
                }
                writer.OpenBlock("for (int s = 0; s < count; s++)");
                writer.WriteLine("int row = " + NetworkLayout.ScratchRow(l, "s") + " + j;");
                writer.WriteLine("// δ" + lp + "[s] += Σ_q δ" + ln + "[s, j + q]·(row j + q of W" + ln + ")");
                writer.WriteLine(NetworkLayout.MulAdd(inputs) + "x4(d[row], w0, d[row + 1], w1, d[row + 2], w2, d[row + 3], w3, d.Slice(" + NetworkLayout.ScratchRow(l - 1, "s") + ", " + NetworkLayout.Int(inputs) + "));");
                writer.CloseBlock();
                writer.CloseBlock();
            }
            writer.OpenBlock(blocked ? "for (; j < " + outputs + "; j++)" : "for (int j = 0; j < " + outputs + "; j++)");
            (string w, string? wOffset) = WeightRow(writer, l, inputs, ReadOnlySpan);
            writer.OpenBlock("for (int s = 0; s < count; s++)");
            writer.WriteLine("// δ" + lp + "[s] += δ" + ln + "[s, j]·(row j of W" + ln + ")");
            VectorCode.MulAdd(writer, "d[" + NetworkLayout.ScratchRow(l, "s") + " + j]", w, wOffset, "d", NetworkLayout.ScratchRow(l - 1, "s"), inputs);
            writer.CloseBlock();
            writer.CloseBlock();
            if (blocked) writer.CloseBlock();

            string? derivative = ActivationMath.Derivative(below, "a[at]");
            if (below.Dropout > 0f)
            {
                float keep = 1f - below.Dropout;
                string? beforeDropout = ActivationMath.Derivative(below, "aBefore");
                writer.OpenBlock("if (training)");
                EmitPerUnit(writer, l - 1, inputs, beforeDropout is null
                    ? new[] { "d[at] *= masks[at];" }
                    : new[]
                    {
                        "float aBefore = a[at] * " + NetworkLayout.FloatLiteral(keep) + ";  // the activation before dropout scaled it",
                        "d[at] *= masks[at] * " + ActivationMath.Parenthesize(beforeDropout) + ";",
                    });
                writer.CloseBlock();
                if (derivative is not null)
                {
                    writer.OpenBlock("else");
                    EmitPerUnit(writer, l - 1, inputs, new[] { "d[at] *= " + derivative + ";" });
                    writer.CloseBlock();
                }
            }
            else if (derivative is not null)
            {
                writer.OpenBlock("for (int s = 0; s < count; s++)");
                EmitDerivativeProduct(writer, layout, below, "a", "d", NetworkLayout.ScratchRow(l - 1, "s"), inputs);
                writer.CloseBlock();
            }
        }

        /// <summary>
        /// d[start + i] *= f'(a[start + i]) for i &lt; size: whole Vector&lt;float&gt;s first where the target has SIMD,
        /// then one unit at a time, each unit with the same arithmetic.
        /// </summary>
        private static void EmitDerivativeProduct(SourceWriter writer, NetworkLayout layout, LayerSpec layer, string a, string d, string start, int size)
        {
            string At(string i) => start == "0" ? i : start + " + " + i;
            string scalar = ActivationMath.Derivative(layer, a + "[" + At("i") + "]")!;
            string count = NetworkLayout.Int(size);
            writer.WriteLine("// δ ⊙= " + ActivationMath.DerivativeMath(layer) + ", unit by unit");
            if (!layout.Target.HasVectorIntrinsics)
            {
                writer.WriteLine("for (int i = 0; i < " + count + "; i++) " + d + "[" + At("i") + "] *= " + scalar + ";");
                return;
            }
            const string V = "global::System.Numerics.Vector<float>";
            writer.OpenBlock();
            writer.WriteLine("int i = 0;");
            writer.OpenBlock("for (; i <= " + count + " - " + V + ".Count; i += " + V + ".Count)  // a SIMD vector of units at a time");
            writer.WriteLine("var av = new " + V + "(" + a + ".Slice(" + At("i") + "));");
            writer.WriteLine("(new " + V + "(" + d + ".Slice(" + At("i") + ")) * " + ActivationMath.VectorDerivative(layer, "av") + ").CopyTo(" + d + ".Slice(" + At("i") + "));");
            writer.CloseBlock();
            writer.WriteLine("for (; i < " + count + "; i++) " + d + "[" + At("i") + "] *= " + scalar + ";");
            writer.CloseBlock();
        }

        private static void EmitPerUnit(SourceWriter writer, int l, int size, string[] body)
        {
            writer.OpenBlock("for (int s = 0; s < count; s++)");
            writer.OpenBlock("for (int i = 0; i < " + NetworkLayout.Int(size) + "; i++)");
            writer.WriteLine("int at = " + NetworkLayout.ScratchRow(l, "s") + " + i;");
            foreach (string line in body) writer.WriteLine(line);
            writer.CloseBlock();
            writer.CloseBlock();
        }

        /// <summary>
        /// ∂L/∂W_l += Σ_s δ_l[s]·a_{l−1}[s]ᵀ and ∂L/∂b_l += Σ_s δ_l[s], into span g, for the rows of part
        /// <c>part</c> of <c>parts</c> (blocks of four rows, so every row takes the same path whatever the split:
        /// threads can share the rows and the sums do not change). With <c>clear</c> the sums start from zero; with an
        /// <c>update</c>, each tile of weight rows is handed to the optimizer as soon as its sums are complete, and
        /// the part's biases after the last tile. Layers with kernels sum four rows at a time over all samples in
        /// registers (Outer{n}Rows4), so no gradient row is cleared, reloaded or stored more than once; when the update
        /// is plain SGD they subtract η·Σ from the weight rows instead of storing Σ, and only the biases are handed over.
        /// </summary>
        public static void EmitGradient(SourceWriter writer, NetworkLayout layout, int l)
        {
            int inputs = layout.Sizes[l - 1], outputs = layout.Sizes[l];
            string ln = NetworkLayout.Int(l), prev = NetworkLayout.Activations(l - 1), n = NetworkLayout.Int(inputs), size = NetworkLayout.Int(outputs);
            bool kernel = StepsWeightsInPlace(layout, l);
            writer.WriteLine("// Layer " + ln + " gradients · ∂L/∂W" + ln + " += Σ_s δ" + ln + "[s]·" + prev + "[s]ᵀ, ∂L/∂b" + ln + " += Σ_s δ" + ln + "[s]");
            writer.OpenBlock();
            writer.WriteLine("int rowStart = " + BlockSplit + "(" + size + ", part, parts), rowEnd = " + BlockSplit + "(" + size + ", part + 1, parts);");
            int tile = RowTile(inputs, outputs);
            bool tiled = tile < outputs;
            string first = tiled ? "j0" : "rowStart", last = tiled ? "j1" : "rowEnd";
            string firstWeight = NetworkLayout.W(l) + " + " + n + " * " + first, rowsLength = n + " * (" + last + " - " + first + ")";
            string rowGradient = n + " * (j - " + first + ")";
            if (kernel)
            {
                EmitBiasGradients(writer, layout, l);
                // Plain SGD's step needs nothing but the finished sum, so the kernels take it themselves on the weight
                // rows: the gradient is neither stored nor read back. Any other step gets each range from update.Apply.
                writer.WriteLine("float rate = clear && update != null ? update.PlainSgdLearningRate : 0f;");
                writer.WriteLine("bool finite = true;  // whether every sum the kernels stepped with was finite");
            }
            else writer.WriteLine("if (clear) g.Slice(" + NetworkLayout.B(l) + " + rowStart, rowEnd - rowStart).Clear();");
            if (tiled)
            {
                writer.OpenBlock("for (int j0 = rowStart; j0 < rowEnd; j0 += " + NetworkLayout.Int(tile) + ")  // a tile of gradient rows stays in L1 for the optimizer step");
                writer.WriteLine("int j1 = global::System.Math.Min(j0 + " + NetworkLayout.Int(tile) + ", rowEnd);");
            }
            if (kernel)
            {
                writer.WriteLine("// The rows' gradients, or with plain SGD the weight rows themselves");
                writer.WriteLine(Span + " rows = rate != 0f ? " + layout.ParameterSlice(firstWeight, rowsLength) + " : g.Slice(" + firstWeight + ", " + rowsLength + ");");
                // Each kernel reads δ[s, j…] and the row below for every sample: spans that end at the last sample's row.
                bool input = l == 1;
                string xSpan = PreviousSpan(l) + ".Slice(" + (input ? "0" : NetworkLayout.A(l - 1)) + ", " + (input ? "InputSize" : "ScratchSize") + " * (count - 1) + " + n + ")";
                string xStride = input ? "InputSize" : "ScratchSize";
                string Deltas(int rows) => "d.Slice(" + NetworkLayout.A(l) + " + j, ScratchSize * (count - 1) + " + NetworkLayout.Int(rows) + "), ScratchSize";
                writer.WriteLine(ReadOnlySpan + " below = " + xSpan + ";");
                writer.WriteLine("int j = " + first + ";");
                writer.OpenBlock("for (; j + 3 < " + last + "; j += 4)  // four gradient rows at a time, every sample streaming past");
                writer.WriteLine("finite &= " + NetworkLayout.Outer(inputs) + "Rows4(" + Deltas(4) + ", below, " + xStride + ", count, rows.Slice(" + rowGradient + ", " + NetworkLayout.Int(4 * inputs) + "), clear, rate);");
                writer.CloseBlock();
                writer.WriteLine("for (; j < " + last + "; j++) finite &= " + NetworkLayout.Outer(inputs) + "(" + Deltas(1) + ", below, " + xStride + ", count, rows.Slice(" + rowGradient + ", " + n + "), clear, rate);");
                writer.WriteLine("if (update != null && rate == 0f) update.Apply(" + firstWeight + ", rows);  // these rows' sums are complete");
            }
            else
            {
                writer.WriteLine(Span + " rowGradients = g.Slice(" + firstWeight + ", " + rowsLength + ");");
                writer.WriteLine("if (clear) rowGradients.Clear();");
                writer.OpenBlock("for (int s = 0; s < count; s++)");
                writer.OpenBlock(tiled ? "for (int j = j0; j < j1; j++)" : "for (int j = rowStart; j < rowEnd; j++)");
                writer.WriteLine("float delta = d[" + NetworkLayout.ScratchRow(l, "s") + " + j];");
                VectorCode.MulAdd(writer, "delta", PreviousSpan(l), PreviousRow(l, "s"), "rowGradients", rowGradient, inputs);
                writer.WriteLine("g[" + NetworkLayout.B(l) + " + j] += delta;");
                writer.CloseBlock();
                writer.CloseBlock();
                writer.WriteLine("if (update != null) update.Apply(" + firstWeight + ", rowGradients);  // these rows' sums are complete");
            }
            if (tiled) writer.CloseBlock();
            if (kernel) writer.WriteLine("if (!finite) update.ReportNonFinite();  // only a kernel that stepped can say false: update is set");
            writer.WriteLine("if (update != null) update.Apply(" + NetworkLayout.B(l) + " + rowStart, g.Slice(" + NetworkLayout.B(l) + " + rowStart, rowEnd - rowStart));");
            writer.CloseBlock();
        }

        /// <summary>
        /// Whether layer l's weight gradients are summed by the Outer kernels, which can take plain SGD's step on the
        /// weight rows themselves (so the layer's gradient code reads _parameters).
        /// </summary>
        public static bool StepsWeightsInPlace(NetworkLayout layout, int l) => layout.Sizes[l - 1] >= NetworkLayout.KernelThreshold;

        /// <summary>
        /// ∂L/∂b_l = (clear ? 0 : g) + Σ_s δ_l[s] for the part's rows: the samples in order, a SIMD vector of rows at a
        /// time (δ[s] is contiguous in the rows), so each bias sums exactly as it would one at a time.
        /// </summary>
        private static void EmitBiasGradients(SourceWriter writer, NetworkLayout layout, int l)
        {
            string b = NetworkLayout.B(l), a = NetworkLayout.A(l);
            const string V = "global::System.Numerics.Vector<float>";
            writer.OpenBlock();
            writer.WriteLine("int jb = rowStart;");
            if (layout.Target.HasVectorIntrinsics)
            {
                writer.OpenBlock("for (; jb <= rowEnd - " + V + ".Count; jb += " + V + ".Count)  // a SIMD vector of biases at a time");
                writer.WriteLine("var sum = clear ? " + V + ".Zero : new " + V + "(g.Slice(" + b + " + jb));");
                writer.WriteLine("for (int s = 0; s < count; s++) sum += new " + V + "(d.Slice(ScratchSize * s + " + a + " + jb));");
                writer.WriteLine("sum.CopyTo(g.Slice(" + b + " + jb));");
                writer.CloseBlock();
            }
            writer.OpenBlock("for (; jb < rowEnd; jb++)");
            writer.WriteLine("float sum = clear ? 0f : g[" + b + " + jb];");
            writer.WriteLine("for (int s = 0; s < count; s++) sum += d[ScratchSize * s + " + a + " + jb];");
            writer.WriteLine("g[" + b + " + jb] = sum;");
            writer.CloseBlock();
            writer.CloseBlock();
        }

        /// <summary>
        /// One sample's SGD step for layer l fused with backpropagation into layer l − 1, row by row: row j
        /// of W_l is read for δ_{l−1} just before it changes, so each row passes through the cache once.
        /// Works on the views x/a{l} and d{l} of TrainStep.
        /// </summary>
        public static void EmitBackwardAndUpdate(SourceWriter writer, NetworkLayout layout, int l)
        {
            int inputs = layout.Sizes[l - 1];
            string n = NetworkLayout.Int(l), lp = NetworkLayout.Int(l - 1), d = NetworkLayout.Deltas(l), aPrev = NetworkLayout.Activations(l - 1);
            string dPrev = NetworkLayout.Deltas(l - 1);
            bool backpropagate = l > 1;
            LayerSpec? below = backpropagate ? layout.Layer(l - 1) : null;

            string update = "W" + n + " ← W" + n + " − η·δ" + n + "·" + aPrev + "ᵀ, b" + n + " ← b" + n + " − η·δ" + n;
            writer.WriteLine(backpropagate
                ? "// Layer " + n + " · δ" + lp + " = (W" + n + "ᵀ·δ" + n + ")" + (below!.Activation == ActivationKind.Identity ? "" : " ⊙ " + ActivationMath.DerivativeName(below) + "(z" + lp + ")") + " with W" + n + " as it was, then " + update
                : "// Layer " + n + " · " + update);
            if (backpropagate) writer.WriteLine(dPrev + ".Clear();");
            LayerSpec layer = layout.Layer(l);
            int outputs = layout.Sizes[l];
            bool kernel = inputs >= NetworkLayout.KernelThreshold;

            // Row j's update, after its δ contribution: θ ← θ − η·δ_j·a_prev (skipped when δ_j = 0).
            void Update(string j, bool passBack)
            {
                if (layer.Activation == ActivationKind.ReLU || layer.Dropout > 0f)
                {
                    // Typically half of a ReLU layer is inactive (relu' = 0) and a dropped unit's δ is 0 too:
                    // skipping those rows halves the update's memory traffic and changes no result.
                    writer.WriteLine("if (" + d + "[" + j + "] == 0f) continue;  // " + (layer.Activation == ActivationKind.ReLU ? "an inactive unit (relu' = 0)" : "a dropped unit")
                        + (layer.Activation == ActivationKind.ReLU && layer.Dropout > 0f ? " or a dropped one" : "") + (passBack ? " passes nothing back and" : "") + " leaves its row as it is");
                }
                writer.WriteLine("float step = learningRate * " + d + "[" + j + "];");
                string row = VectorCode.Row(l, inputs, j);
                if (kernel)
                {
                    writer.WriteLine("global::System.Span<float> w = p.Slice(" + row + ", " + NetworkLayout.Int(inputs) + ");  // row " + j + " of W" + n);
                    if (passBack) VectorCode.MulAdd(writer, d + "[" + j + "]", "w", null, dPrev, null, inputs);
                    VectorCode.MulAdd(writer, "-step", aPrev, null, "w", null, inputs);
                }
                else
                {
                    if (passBack) VectorCode.MulAdd(writer, d + "[" + j + "]", "p", row, dPrev, null, inputs);
                    VectorCode.MulAdd(writer, "-step", aPrev, null, "p", row, inputs);
                }
                writer.WriteLine("p[" + NetworkLayout.B(l) + " + " + j + "] -= step;");
            }

            if (backpropagate && kernel && outputs >= 4)
            {
                // Four rows per pass over δ_{l−1}: it is loaded and stored once for four rows instead of once per row.
                writer.OpenBlock();
                writer.WriteLine("int j = 0;");
                writer.OpenBlock("for (; j + 3 < " + NetworkLayout.Int(outputs) + "; j += 4)");
                writer.WriteLine("// δ" + lp + " += Σ_q δ" + n + "[j + q]·(row j + q of W" + n + "), before those rows change");
                string Row(int q) => "p.Slice(" + VectorCode.Row(l, inputs, q == 0 ? "j" : "(j + " + NetworkLayout.Int(q) + ")") + ", " + NetworkLayout.Int(inputs) + ")";
                writer.WriteLine(NetworkLayout.MulAdd(inputs) + "x4(" + string.Join(", ", Enumerable.Range(0, 4).Select(q => d + "[j" + (q == 0 ? "" : " + " + NetworkLayout.Int(q)) + "], " + Row(q))) + ", " + dPrev + ");");
                writer.OpenBlock("for (int r = j; r < j + 4; r++)");
                Update("r", passBack: false);
                writer.CloseBlock();
                writer.CloseBlock();
                if (outputs % 4 != 0)
                {
                    writer.OpenBlock("for (; j < " + NetworkLayout.Int(outputs) + "; j++)");
                    Update("j", passBack: true);
                    writer.CloseBlock();
                }
                writer.CloseBlock();
            }
            else
            {
                writer.OpenBlock("for (int j = 0; j < " + NetworkLayout.Int(outputs) + "; j++)");
                Update("j", backpropagate);
                writer.CloseBlock();
            }
            if (!backpropagate) return;

            string count = NetworkLayout.Int(inputs);
            string? derivative = ActivationMath.Derivative(below!, aPrev + "[i]");
            if (below!.Dropout > 0f)
            {
                string? beforeDropout = ActivationMath.Derivative(below, "(" + aPrev + "[i] * " + NetworkLayout.FloatLiteral(1f - below.Dropout) + ")");
                writer.WriteLine("// dropout: a dropped unit passes no gradient; a kept one was scaled by 1/(1 − p)");
                writer.WriteLine("for (int i = 0; i < " + count + "; i++) " + dPrev + "[i] *= _masks[" + NetworkLayout.A(l - 1) + " + i]" + (beforeDropout is null ? "" : " * " + ActivationMath.Parenthesize(beforeDropout)) + ";");
            }
            else if (derivative is not null)
            {
                EmitDerivativeProduct(writer, layout, below, aPrev, dPrev, "0", inputs);
            }
        }

        /// <summary>
        /// Row j of layer l's weights (or of their gradient): hoisted into a span when a kernel will take it,
        /// else indexed straight from the parameter vector term by term.
        /// </summary>
        private static (string Span, string? Offset) WeightRow(SourceWriter writer, int l, int inputs, string spanType, string source = "p", string name = "w")
        {
            string row = VectorCode.Row(l, inputs, "j");
            if (inputs < NetworkLayout.KernelThreshold) return (source, row);
            writer.WriteLine(spanType + " " + name + " = " + source + ".Slice(" + row + ", " + NetworkLayout.Int(inputs) + ");  // row j of W" + NetworkLayout.Int(l));
            return (name, null);
        }

        /// <summary>The span holding the previous layer's activations: the input x for layer 1, else the scratch a.</summary>
        private static string PreviousSpan(int l) => l == 1 ? "x" : "a";

        private static string PreviousRow(int l, string s) => l == 1 ? "InputSize * " + s : NetworkLayout.ScratchRow(l - 1, s);

        /// <summary>The four samples a blocked kernel takes: s, s + 1, s + 2, s + 3 (parenthesised for use in products).</summary>
        private static string[] Samples4() => new[] { "s", "(s + 1)", "(s + 2)", "(s + 3)" };
    }
}
