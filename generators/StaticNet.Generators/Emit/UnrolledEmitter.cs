using System.Collections.Generic;
using System.Linq;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// For tiny networks (<see cref="NetworkLayout.IsUnrolled"/>), Predict, ComputeLoss and TrainStep as
    /// straight-line code in locals: every activation a named float, every parameter a constant index —
    /// no loops, no scratch, nothing for the JIT to keep in memory. It is also the most literal form of
    /// the math: each line is one neuron or one weight.
    /// </summary>
    internal static class UnrolledEmitter
    {
        /// <summary>Writes x0… and the forward pass into locals a1_0…; for a softmax output also z{L}_k and the log-sum-exp pieces.</summary>
        public static void EmitForward(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("float[] p = _parameters;");
            writer.WriteLine("_ = p[ParameterCount - 1];  // one range check up front; the constant indices below need none");
            writer.WriteLine("float " + string.Join(", ", Enumerable.Range(0, layout.Sizes[0]).Select(i => "x" + NetworkLayout.Int(i) + " = input[" + NetworkLayout.Int(i) + "]")) + ";");
            for (int l = 1; l <= layout.LayerCount; l++)
            {
                LayerSpec layer = layout.Layer(l);
                writer.WriteLine();
                writer.WriteLine("// Layer " + NetworkLayout.Int(l) + " · " + layout.Describe(l) + " · z = W" + NetworkLayout.Int(l) + "·" + NetworkLayout.Activations(l - 1) + " + b" + NetworkLayout.Int(l) + ", " + ActivationMath.ForwardMath(layer));
                if (InLanes(layer))
                {
                    EmitInLanes(writer, layout, l);
                    continue;
                }
                for (int j = 0; j < layer.Size; j++)
                {
                    string z = WeightedSum(layout, l, j);
                    if (layer.Activation == ActivationKind.Softmax)
                    {
                        writer.WriteLine("float " + Logit(layout, j) + " = " + z + ";");
                    }
                    else
                    {
                        writer.WriteLine("float " + A(l, j) + " = " + Apply(layer, z) + ";");
                    }
                }
                if (layer.Activation == ActivationKind.Softmax) EmitSoftmax(writer, layout);
            }
        }

        /// <summary>The loss of the output locals against target, into local "loss".</summary>
        public static void EmitLoss(SourceWriter writer, NetworkLayout layout)
        {
            int n = layout.OutputSize, last = layout.LayerCount;
            string count = NetworkLayout.Int(n) + "f";
            IEnumerable<int> outputs = Enumerable.Range(0, n);
            switch (layout.Spec.Loss)
            {
                case LossKind.MeanSquaredError:
                    writer.WriteLine("// L = (1/n)·Σ (y − t)²");
                    writer.WriteLine("float loss = " + Mean(string.Join(" + ", outputs.Select(k => Square("(" + A(last, k) + " - target[" + NetworkLayout.Int(k) + "])"))), n) + ";");
                    break;
                case LossKind.BinaryCrossEntropy:
                    writer.WriteLine("// L = −(1/n)·Σ [t·log y + (1 − t)·log(1 − y)], each log clamped at −100 as in nn.BCELoss");
                    writer.WriteLine("float loss = -" + Mean(string.Join(" + ", outputs.Select(k =>
                        "target[" + NetworkLayout.Int(k) + "] * Sys::Math.Max(" + Code.NetMath + ".Log(" + A(last, k) + "), -100f) + (1f - target[" + NetworkLayout.Int(k) + "]) * Sys::Math.Max(" + Code.NetMath + ".Log(1f - " + A(last, k) + "), -100f)")), n, parenthesize: true) + ";");
                    break;
                default:
                    writer.WriteLine("// L = −Σ t·log softmax(z) = Σ t·(log Σ e^z − z)");
                    writer.WriteLine("float logSumExp = max + " + Code.NetMath + ".Log(sum);");
                    writer.WriteLine("float loss = " + string.Join(" + ", outputs.Select(k => "target[" + NetworkLayout.Int(k) + "] * (logSumExp - " + Logit(layout, k) + ")")) + ";");
                    break;
            }
        }

        /// <summary>δ for every layer (output first, using the weights before any update), then the SGD update of every parameter.</summary>
        public static void EmitBackwardAndUpdate(SourceWriter writer, NetworkLayout layout)
        {
            int last = layout.LayerCount, n = layout.OutputSize;
            LayerSpec output = layout.Layer(last);
            string count = NetworkLayout.Int(n) + "f";
            writer.WriteLine();
            switch (layout.Spec.Loss)
            {
                case LossKind.CrossEntropy:
                    writer.WriteLine("// Output error, softmax and cross-entropy fused: δ = y·Σt − t");
                    writer.WriteLine("float targetSum = " + string.Join(" + ", Enumerable.Range(0, n).Select(k => "target[" + NetworkLayout.Int(k) + "]")) + ";");
                    for (int k = 0; k < n; k++) writer.WriteLine("float " + D(last, k) + " = " + A(last, k) + " * targetSum - target[" + NetworkLayout.Int(k) + "];");
                    break;
                case LossKind.BinaryCrossEntropy:
                    writer.WriteLine("// Output error, sigmoid and binary cross-entropy fused: δ = (y − t)/n");
                    for (int k = 0; k < n; k++) writer.WriteLine("float " + D(last, k) + " = (" + A(last, k) + " - target[" + NetworkLayout.Int(k) + "])" + (n == 1 ? "" : " / " + count) + ";");
                    break;
                default:
                    if (output.Activation == ActivationKind.Softmax)
                    {
                        writer.WriteLine("// Output error: g = ∂L/∂y = (2/n)(y − t); through softmax δ_j = y_j·(g_j − Σ_k g_k·y_k)");
                        for (int k = 0; k < n; k++) writer.WriteLine("float g" + NetworkLayout.Int(k) + " = " + TwoOverN(n) + " * (" + A(last, k) + " - target[" + NetworkLayout.Int(k) + "]);");
                        writer.WriteLine("float gy = " + string.Join(" + ", Enumerable.Range(0, n).Select(k => "g" + NetworkLayout.Int(k) + " * " + A(last, k))) + ";");
                        for (int k = 0; k < n; k++) writer.WriteLine("float " + D(last, k) + " = " + A(last, k) + " * (g" + NetworkLayout.Int(k) + " - gy);");
                    }
                    else
                    {
                        writer.WriteLine("// Output error: ∂L/∂y = (2/n)(y − t), δ = ∂L/∂y ⊙ " + ActivationMath.DerivativeName(output) + "(z), " + ActivationMath.DerivativeMath(output, "y"));
                        for (int k = 0; k < n; k++)
                        {
                            string? derivative = ActivationMath.Derivative(output, A(last, k));
                            writer.WriteLine("float " + D(last, k) + " = " + TwoOverN(n) + " * (" + A(last, k) + " - target[" + NetworkLayout.Int(k) + "])" + (derivative is null ? "" : " * " + ActivationMath.Parenthesize(derivative)) + ";");
                        }
                    }
                    break;
            }

            for (int l = last; l >= 2; l--)
            {
                LayerSpec below = layout.Layer(l - 1);
                string ln = NetworkLayout.Int(l), lp = NetworkLayout.Int(l - 1);
                writer.WriteLine();
                writer.WriteLine("// Backpropagate into layer " + lp + " · δ" + lp + " = (W" + ln + "ᵀ·δ" + ln + ")"
                    + (below.Activation == ActivationKind.Identity ? "" : " ⊙ " + ActivationMath.DerivativeName(below) + "(z" + lp + "), " + ActivationMath.DerivativeMath(below)) + " (W" + ln + " before its update)");
                for (int i = 0; i < layout.Sizes[l - 1]; i++)
                {
                    string sum = string.Join(" + ", Enumerable.Range(0, layout.Sizes[l]).Select(j => "p[" + NetworkLayout.Int(layout.WeightOffset(l) + j * layout.Sizes[l - 1] + i) + "] * " + D(l, j)));
                    string? derivative = ActivationMath.Derivative(below, A(l - 1, i));
                    writer.WriteLine("float " + D(l - 1, i) + " = " + (derivative is null ? sum : "(" + sum + ") * " + ActivationMath.Parenthesize(derivative)) + ";");
                }
            }

            for (int l = last; l >= 1; l--)
            {
                string ln = NetworkLayout.Int(l);
                writer.WriteLine();
                writer.WriteLine("// Layer " + ln + " update · W" + ln + " ← W" + ln + " − η·δ" + ln + "·" + NetworkLayout.Activations(l - 1) + "ᵀ, b" + ln + " ← b" + ln + " − η·δ" + ln);
                for (int j = 0; j < layout.Sizes[l]; j++)
                {
                    // Neuron j's step, then its weights and bias: as few lines as fit.
                    string step = "step" + ln + "_" + NetworkLayout.Int(j);
                    var statements = new List<string> { "float " + step + " = learningRate * " + D(l, j) + ";" };
                    for (int i = 0; i < layout.Sizes[l - 1]; i++)
                    {
                        statements.Add("p[" + NetworkLayout.Int(layout.WeightOffset(l) + j * layout.Sizes[l - 1] + i) + "] -= " + step + " * " + Previous(l, i) + ";");
                    }
                    statements.Add("p[" + NetworkLayout.Int(layout.BiasOffset(l) + j) + "] -= " + step + ";");
                    var line = new System.Text.StringBuilder();
                    foreach (string statement in statements)
                    {
                        if (line.Length > 0 && line.Length + 1 + statement.Length > 120)
                        {
                            writer.WriteLine(line.ToString());
                            line.Clear();
                        }
                        if (line.Length > 0) line.Append(' ');
                        line.Append(statement);
                    }
                    writer.WriteLine(line.ToString());
                }
            }
        }

        /// <summary>The output locals, for copying to the output span or taking the arg-max.</summary>
        public static IEnumerable<string> Outputs(NetworkLayout layout) => Enumerable.Range(0, layout.OutputSize).Select(k => A(layout.LayerCount, k));

        private static void EmitSoftmax(SourceWriter writer, NetworkLayout layout)
        {
            int n = layout.OutputSize, last = layout.LayerCount;
            writer.WriteLine("// softmax: e^(z − max z) / Σ e^(z − max z); subtracting the max keeps every e^z ≤ 1");
            string max = Logit(layout, 0);
            for (int k = 1; k < n; k++) max = "Sys::Math.Max(" + max + ", " + Logit(layout, k) + ")";
            writer.WriteLine("float max = " + max + ";");
            for (int k = 0; k < n; k++) writer.WriteLine("float e" + NetworkLayout.Int(k) + " = " + Code.NetMath + ".Exp(" + Logit(layout, k) + " - max);");
            writer.WriteLine("float sum = " + string.Join(" + ", Enumerable.Range(0, n).Select(k => "e" + NetworkLayout.Int(k))) + ";");
            for (int k = 0; k < n; k++) writer.WriteLine("float " + A(last, k) + " = e" + NetworkLayout.Int(k) + " / sum;");
        }

        private static string WeightedSum(NetworkLayout layout, int l, int j)
        {
            int inputs = layout.Sizes[l - 1];
            var terms = new List<string> { "p[" + NetworkLayout.Int(layout.BiasOffset(l) + j) + "]" };
            for (int i = 0; i < inputs; i++) terms.Add("p[" + NetworkLayout.Int(layout.WeightOffset(l) + j * inputs + i) + "] * " + Previous(l, i));
            return string.Join(" + ", terms);
        }

        /// <summary>
        /// Tanh and sigmoid layers of two or more neurons go four neurons at a time through one vector evaluation
        /// (SN::VectorMath.Tanh/Sigmoid of four values) rather than a C-library call per neuron.
        /// </summary>
        private static bool InLanes(LayerSpec layer) => layer.Size >= 2 && layer.Activation is ActivationKind.Tanh or ActivationKind.Sigmoid;

        private static void EmitInLanes(SourceWriter writer, NetworkLayout layout, int l)
        {
            LayerSpec layer = layout.Layer(l);
            string function = "SN::VectorMath." + (layer.Activation == ActivationKind.Tanh ? "Tanh" : "Sigmoid");
            string Z(int j) => "z" + NetworkLayout.Int(l) + "_" + NetworkLayout.Int(j);
            for (int j = 0; j < layer.Size; j++) writer.WriteLine("float " + Z(j) + " = " + WeightedSum(layout, l, j) + ";");
            for (int first = 0; first < layer.Size; first += 4)
            {
                int width = System.Math.Min(4, layer.Size - first);
                var sums = Enumerable.Range(first, 4).Select(j => j < layer.Size ? Z(j) : "0f");
                var outputs = Enumerable.Range(first, 4).Select(j => j < layer.Size ? "out float " + A(l, j) : "out _");
                writer.WriteLine(function + "(" + string.Join(", ", sums) + ", " + string.Join(", ", outputs) + ");  // "
                    + (width == 4 ? "four neurons in one vector evaluation" : NetworkLayout.Int(width) + " neuron" + (width == 1 ? "" : "s") + " in one vector evaluation (the other lanes unused)"));
            }
        }

        private static string Apply(LayerSpec layer, string z) => layer.Activation switch
        {
            ActivationKind.Identity => z,
            ActivationKind.Sigmoid => Code.NetMath + ".Sigmoid(" + z + ")",
            ActivationKind.Tanh => Code.NetMath + ".Tanh(" + z + ")",
            // The piecewise ones need z twice: a tiny helper takes it once rather than repeating the sum.
            ActivationKind.ReLU => Code.NetMath + ".ReLU(" + z + ")",
            ActivationKind.LeakyReLU => Code.NetMath + ".LeakyReLU(" + z + ", " + NetworkLayout.FloatLiteral(layer.Alpha) + ")",
            _ => Code.NetMath + ".Elu(" + z + ", " + NetworkLayout.FloatLiteral(layer.Alpha) + ")",
        };

        private static string Square(string e) => e + " * " + e;

        /// <summary>(1/n)·Σ as code: the sum itself for one output (no division by 1).</summary>
        private static string Mean(string sum, int n, bool parenthesize = false)
            => n == 1 ? (parenthesize ? "(" + sum + ")" : sum) : "(" + sum + ") / " + NetworkLayout.Int(n) + "f";

        /// <summary>2/n as code: "2f" for one output, else "(2f / nf)".</summary>
        private static string TwoOverN(int n) => n == 1 ? "2f" : "(2f / " + NetworkLayout.Int(n) + "f)";

        private static string Previous(int l, int i) => l == 1 ? "x" + NetworkLayout.Int(i) : A(l - 1, i);

        private static string A(int l, int j) => "a" + NetworkLayout.Int(l) + "_" + NetworkLayout.Int(j);

        private static string D(int l, int j) => "d" + NetworkLayout.Int(l) + "_" + NetworkLayout.Int(j);

        private static string Logit(NetworkLayout layout, int k) => "z" + NetworkLayout.Int(layout.LayerCount) + "_" + NetworkLayout.Int(k);
    }
}
