using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Writes the per-layer sections of the generated methods: the forward pass, backpropagation of
    /// δ into the previous layer, gradient accumulation and the SGD update. Each section opens with
    /// a comment that states its math.
    /// </summary>
    internal static class LayerEmitter
    {
        private const string NetMath = "global::StaticNet.NetMath";

        /// <summary>z = W·a_prev + b, a = f(z) for layer l, reading parameters from span p.</summary>
        public static void EmitForward(SourceWriter writer, NetworkLayout layout, int l)
        {
            LayerSpec layer = layout.Layer(l);
            int inputs = layout.Sizes[l - 1];
            string count = NetworkLayout.Int(layer.Size);
            string prev = NetworkLayout.Activations(l - 1), a = NetworkLayout.Activations(l);
            string weightedSum = "p[" + NetworkLayout.B(l) + " + j] + " + VectorCode.Dot("p", VectorCode.Row(l, inputs, "j"), prev, inputs);

            writer.WriteLine("// Layer " + NetworkLayout.Int(l) + " · " + layout.Describe(l) + " · z = W" + NetworkLayout.Int(l) + "·" + prev + " + b" + NetworkLayout.Int(l) + ", " + ActivationMath.ForwardMath(layer));
            if (layer.Activation != ActivationKind.Softmax)
            {
                writer.OpenBlock("for (int j = 0; j < " + count + "; j++)");
                writer.WriteLine("float z = " + weightedSum + ";");
                writer.WriteLine(a + "[j] = " + ActivationMath.Forward(layer, "z") + ";");
                writer.CloseBlock();
                return;
            }

            string z = layout.Logits;
            writer.WriteLine("for (int j = 0; j < " + count + "; j++) " + z + "[j] = " + weightedSum + ";");
            writer.WriteLine("float max = " + z + "[0];  // subtracting the largest logit keeps every e^z ≤ 1");
            writer.WriteLine("for (int j = 1; j < " + count + "; j++) max = global::System.Math.Max(max, " + z + "[j]);");
            writer.WriteLine("float sum = 0f;");
            writer.OpenBlock("for (int j = 0; j < " + count + "; j++)");
            writer.WriteLine(a + "[j] = " + NetMath + ".Exp(" + z + "[j] - max);");
            writer.WriteLine("sum += " + a + "[j];");
            writer.CloseBlock();
            writer.WriteLine("float inverseSum = 1f / sum;");
            writer.WriteLine("for (int j = 0; j < " + count + "; j++) " + a + "[j] *= inverseSum;");
        }

        /// <summary>δ_{l−1} = (W_lᵀ·δ_l) ⊙ f'(z_{l−1}), using W_l as it was in the forward pass.</summary>
        public static void EmitBackpropagate(SourceWriter writer, NetworkLayout layout, int l)
        {
            LayerSpec below = layout.Layer(l - 1);
            int inputs = layout.Sizes[l - 1];
            string d = NetworkLayout.Deltas(l), dPrev = NetworkLayout.Deltas(l - 1), aPrev = NetworkLayout.Activations(l - 1);
            string derivativeName = ActivationMath.DerivativeName(below);

            writer.WriteLine("// Backpropagate into layer " + NetworkLayout.Int(l - 1) + " · δ" + NetworkLayout.Int(l - 1) + " = (W" + NetworkLayout.Int(l) + "ᵀ·δ" + NetworkLayout.Int(l) + ")"
                + (below.Activation == ActivationKind.Identity ? "" : " ⊙ " + derivativeName + "(z" + NetworkLayout.Int(l - 1) + "), " + ActivationMath.DerivativeMath(below)));
            writer.WriteLine(dPrev + ".Clear();");
            writer.OpenBlock("for (int j = 0; j < " + NetworkLayout.Int(layout.Sizes[l]) + "; j++)");
            writer.WriteLine("// δ" + NetworkLayout.Int(l - 1) + " += δ" + NetworkLayout.Int(l) + "[j]·(row j of W" + NetworkLayout.Int(l) + ")");
            VectorCode.MulAdd(writer, d + "[j]", "p", VectorCode.Row(l, inputs, "j"), dPrev, null, inputs);
            writer.CloseBlock();
            string? derivative = ActivationMath.Derivative(below, aPrev + "[i]");
            if (derivative is not null)
            {
                writer.WriteLine("for (int i = 0; i < " + NetworkLayout.Int(inputs) + "; i++) " + dPrev + "[i] *= " + derivative + ";");
            }
        }

        /// <summary>∂L/∂W_l += δ_l·a_{l−1}ᵀ and ∂L/∂b_l += δ_l, into span g.</summary>
        public static void EmitGradient(SourceWriter writer, NetworkLayout layout, int l)
        {
            int inputs = layout.Sizes[l - 1];
            string n = NetworkLayout.Int(l), d = NetworkLayout.Deltas(l), aPrev = NetworkLayout.Activations(l - 1);
            writer.WriteLine("// Layer " + n + " gradients · ∂L/∂W" + n + " += δ" + n + "·" + aPrev + "ᵀ, ∂L/∂b" + n + " += δ" + n);
            writer.OpenBlock("for (int j = 0; j < " + NetworkLayout.Int(layout.Sizes[l]) + "; j++)");
            VectorCode.MulAdd(writer, d + "[j]", aPrev, null, "g", VectorCode.Row(l, inputs, "j"), inputs);
            writer.WriteLine("g[" + NetworkLayout.B(l) + " + j] += " + d + "[j];");
            writer.CloseBlock();
        }

        /// <summary>Plain SGD: W_l ← W_l − η·δ_l·a_{l−1}ᵀ, b_l ← b_l − η·δ_l, on span p.</summary>
        public static void EmitUpdate(SourceWriter writer, NetworkLayout layout, int l)
        {
            int inputs = layout.Sizes[l - 1];
            string n = NetworkLayout.Int(l), d = NetworkLayout.Deltas(l), aPrev = NetworkLayout.Activations(l - 1);
            writer.WriteLine("// Layer " + n + " update · W" + n + " ← W" + n + " − η·δ" + n + "·" + aPrev + "ᵀ, b" + n + " ← b" + n + " − η·δ" + n);
            writer.OpenBlock("for (int j = 0; j < " + NetworkLayout.Int(layout.Sizes[l]) + "; j++)");
            writer.WriteLine("float step = learningRate * " + d + "[j];");
            VectorCode.MulAdd(writer, "-step", aPrev, null, "p", VectorCode.Row(l, inputs, "j"), inputs);
            writer.WriteLine("p[" + NetworkLayout.B(l) + " + j] -= step;");
            writer.CloseBlock();
        }
    }
}
