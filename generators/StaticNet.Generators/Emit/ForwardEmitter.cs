using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// The forward pass: Forward runs ForwardLayer1 … ForwardLayerL in order, and each layer's method is its section —
    /// z = W·a_prev + b by the library's Dense.Forward, compiled for the layer's input size, then a = f(z) over each
    /// sample's row, then dropout when training. Threads that share layer 1 by rows call ForwardLayer1 for theirs. A long
    /// first layer's inference pass, ForwardPredict, reads W1's transposed copy instead.
    /// </summary>
    internal static class ForwardEmitter
    {
        public static void Emit(SourceWriter writer, NetworkLayout layout)
        {
            string parameters = Code.ReadOnlySpan + " x, int count, " + Code.Span + " a"
                + (layout.HasSoftmaxOutput ? ", " + Code.Span + " " + layout.Logits : "")
                + (layout.HasDropout ? ", " + Code.Span + " masks, bool training" : "");
            writer.WriteLine("/// <summary>The forward pass of count samples (inputs x, row by row) into every layer's activations a" + (layout.HasDropout ? ", with dropout when training" : "") + ".</summary>");
            writer.OpenBlock("private void Forward(" + parameters + ")");
            for (int l = 1; l <= layout.LayerCount; l++) writer.WriteLine("ForwardLayer" + NetworkLayout.Int(l) + "(" + Signature(layout, l).Arguments + ");");
            writer.CloseBlock();
            if (layout.HasTransposedFirstLayer)
            {
                writer.WriteLine();
                EmitPredict(writer, layout);
            }
            for (int l = 1; l <= layout.LayerCount; l++)
            {
                writer.WriteLine();
                EmitLayer(writer, layout, l);
            }
        }

        /// <summary>
        /// What ForwardLayer{l} takes, and what Forward passes it: only what it reads — x (layer 1, with the range of its
        /// rows when threads share them; Forward passes all of them), the logits (a softmax output), the masks (dropout).
        /// The arguments name Forward's count and dropout state unless a caller passes its own (one sample, no dropout).
        /// </summary>
        internal static (string Parameters, string Arguments) Signature(NetworkLayout layout, int l, string count = "count", string dropoutState = "masks, training")
        {
            bool first = l == 1, logits = l == layout.LayerCount && layout.HasSoftmaxOutput, dropout = layout.Layer(l).Dropout > 0f;
            bool rows = first && layout.SplitsFirstLayerByRows;
            string parameters = (first ? Code.ReadOnlySpan + " x, " : "") + "int count, " + Code.Span + " a" + (logits ? ", " + Code.Span + " " + layout.Logits : "")
                + (dropout ? ", " + Code.Span + " masks, bool training" : "") + (rows ? ", int rowStart, int rowEnd" : "");
            string arguments = (first ? "x, " : "") + count + ", a" + (logits ? ", " + layout.Logits : "") + (dropout ? ", " + dropoutState : "")
                + (rows ? ", 0, " + NetworkLayout.Int(layout.Sizes[1]) : "");
            return (parameters, arguments);
        }

        /// <summary>a = f(z) of layer l over rows first … last − 1 of count samples: the softmax over the logits into a, or an element-wise activation in place.</summary>
        private static void EmitActivation(SourceWriter writer, NetworkLayout layout, int l, string count, string first, string last)
        {
            LayerSpec layer = layout.Layer(l);
            string ln = NetworkLayout.Int(l), a = "a.Slice(" + NetworkLayout.A(l) + ")";
            string aName = "a" + ln, zName = "z" + ln;
            if (layer.Activation == ActivationKind.Softmax)
            {
                writer.WriteLine("// " + ActivationMath.ForwardMath(layer, aName, zName) + ": subtracting the max keeps every e^z ≤ 1");
                writer.WriteLine(Code.Activations + ".Softmax(" + layout.Logits + ", OutputSize, " + a + ", ScratchSize, " + count + ", OutputSize);");
            }
            else if (layer.Activation != ActivationKind.Identity)
            {
                writer.WriteLine("// " + ActivationMath.ForwardMath(layer, aName, zName) + ", over each sample's row in place");
                writer.WriteLine(Code.Activations + "." + ActivationMath.KernelName(layer) + "(" + a + ", ScratchSize, " + count + ", " + first + ", " + last + ActivationMath.AlphaArgument(layer) + ");");
            }
        }

        /// <summary>
        /// The inference pass (Predict, Classify and their batches) where layer 1 keeps W1 transposed
        /// (NetworkLayout.HasTransposedFirstLayer): layer 1 from the copy while it is current and serves count samples on
        /// this machine, the layers above as Forward runs them; Forward itself otherwise.
        /// </summary>
        private static void EmitPredict(SourceWriter writer, NetworkLayout layout)
        {
            string logits = layout.HasSoftmaxOutput ? ", " + Code.Span + " " + layout.Logits : "";
            string rows = NetworkLayout.Int(layout.Sizes[1]);
            writer.WriteLine("/// <summary>The forward pass of count samples for inference: layer 1 from W1ᵀ while that copy holds W1 as it is and serves count samples here (SN::Kernels.TransposedWeights), else Forward.</summary>");
            writer.OpenBlock("private void ForwardPredict(" + Code.ReadOnlySpan + " x, int count, " + Code.Span + " a" + logits + ")");
            writer.WriteLine(Code.ReadOnlySpan + " p = " + layout.Parameters + ";");
            writer.OpenBlock("if (!_w1Transposed.TryCurrent(_gate, " + layout.WeightsOf(1, "p") + ", count, out " + Code.ReadOnlySpan + " w1t))");
            writer.WriteLine("Forward(" + PublicApiEmitter.ForwardArguments(layout, "x", "count", "a", layout.Logits, "false") + ");");
            writer.WriteLine("return;");
            writer.CloseBlock();
            writer.WriteLine("// z1 = W1·x + b1 = b1 + Σ_i x_i·(row i of W1ᵀ): x_i broadcast times a row of W1ᵀ, one linear stream and no sums across lanes");
            writer.WriteLine("// (a row whose x_i is 0, in a batch 0 in every sample of a block, adds 0 to every sum: the kernel skips it)");
            writer.WriteLine(Code.Dense + ".ForwardTransposed(w1t, " + layout.BiasesOf(1, "p") + ", x, InputSize, a.Slice(" + NetworkLayout.A(1) + "), ScratchSize, count);");
            EmitActivation(writer, layout, 1, "count", "0", rows);
            for (int l = 2; l <= layout.LayerCount; l++)
            {
                writer.WriteLine("ForwardLayer" + NetworkLayout.Int(l) + "(" + Signature(layout, l, "count", "default, training: false").Arguments + ");");
            }
            writer.CloseBlock();
        }

        private static void EmitLayer(SourceWriter writer, NetworkLayout layout, int l)
        {
            LayerSpec layer = layout.Layer(l);
            string ln = NetworkLayout.Int(l), rows = NetworkLayout.Int(layer.Size);
            bool rowRange = l == 1 && layout.SplitsFirstLayerByRows, softmax = layer.Activation == ActivationKind.Softmax;
            string first = rowRange ? "rowStart" : "0", last = rowRange ? "rowEnd" : rows;
            string a = "a.Slice(" + NetworkLayout.A(l) + ")";
            writer.WriteLine("/// <summary>Layer " + ln + " of the forward pass: " + layout.Describe(l) + (rowRange ? ", rows rowStart … rowEnd − 1 of it" : "") + ".</summary>");
            writer.OpenBlock("private void ForwardLayer" + ln + "(" + Signature(layout, l).Parameters + ")");
            writer.WriteLine(Code.ReadOnlySpan + " p = " + layout.Parameters + ";");
            writer.WriteLine("// z" + ln + " = W" + ln + "·" + NetworkLayout.Activations(l - 1) + " + b" + ln);
            string input = l == 1 ? "x, InputSize" : "a.Slice(" + NetworkLayout.A(l - 1) + "), ScratchSize";
            string z = softmax ? layout.Logits + ", OutputSize" : a + ", ScratchSize";
            writer.WriteLine(Code.Dense + ".Forward<" + layout.SizeTypes.Inputs(l, layout.Sizes[l - 1]) + ">(" + layout.WeightsOf(l, "p") + ", " + layout.BiasesOf(l, "p") + ", "
                + input + ", " + z + ", count, " + first + ", " + last + ");");
            EmitActivation(writer, layout, l, "count", first, last);
            if (layer.Dropout > 0f)
            {
                float keep = 1f - layer.Dropout;
                writer.WriteLine("// Dropout p = " + NetworkLayout.Float(layer.Dropout) + " when training: keep a unit with probability " + NetworkLayout.Float(keep)
                    + " and scale it by 1/" + NetworkLayout.Float(keep) + ", so E[a] is unchanged and prediction needs no dropout");
                writer.WriteLine("if (training) SN::Kernels.Dropout.Apply(ref _dropoutRandom, " + a + ", masks.Slice(" + NetworkLayout.A(l) + "), ScratchSize, count, " + rows + ", "
                    + NetworkLayout.FloatLiteral(layer.Dropout) + ");");
            }
            writer.CloseBlock();
        }
    }
}
