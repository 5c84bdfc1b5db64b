using System.Collections.Generic;
using System.Linq;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Explain mode ([Network(Explain = true)]): the whole network as plain scalar C# for a learner to read and step
    /// through. One method, RunSample, holds the algorithm for one sample from top to bottom — forward pass, loss,
    /// output error, backpropagation, gradients — every neuron, weight and gradient a named local; the public members
    /// call it (TrainStep then takes the step θ ← θ − η·g), and the training loop's hooks run it sample by sample. No
    /// vector types, no library kernels: the same arithmetic the fast code does, written out.
    /// </summary>
    internal static class ExplainEmitter
    {
        public static string Emit(NetworkSpec spec)
        {
            var layout = new NetworkLayout(spec);
            var writer = new SourceWriter();
            NetworkEmitter.EmitHeader(writer, layout, "// Explain mode: every step written out in plain C#, one named value per neuron, weight and gradient (RunSample).");
            NetworkEmitter.OpenClass(writer, spec, Code.Trainable);
            EmitStorage(writer, layout);
            writer.WriteLine();
            EmitPublicMembers(writer, layout);
            writer.WriteLine();
            EmitRunSample(writer, layout);
            writer.WriteLine();
            EmitHooks(writer, layout);
            NetworkEmitter.CloseClass(writer, spec);
            return writer.ToString();
        }

        private static void EmitStorage(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>Number of values <see cref=\"Predict\"/> reads.</summary>");
            writer.WriteLine("public const int InputSize = " + NetworkLayout.Int(layout.Sizes[0]) + ";");
            writer.WriteLine("/// <summary>Number of values <see cref=\"Predict\"/> writes.</summary>");
            writer.WriteLine("public const int OutputSize = " + NetworkLayout.Int(layout.OutputSize) + ";");
            writer.WriteLine("/// <summary>Number of weights and biases, the length of <see cref=\"Parameters\"/>.</summary>");
            writer.WriteLine("public const int ParameterCount = " + NetworkLayout.Int(layout.ParameterCount) + ";");
            StorageEmitter.EmitArchitecture(writer, layout);
            writer.WriteLine();
            writer.WriteLine("// Where each layer's weights (W) and biases (B) start in the parameter vector.");
            for (int l = 1; l <= layout.LayerCount; l++)
            {
                writer.WriteLine("private const int " + NetworkLayout.W(l) + " = " + NetworkLayout.Int(layout.WeightOffset(l)) + ", " + NetworkLayout.B(l) + " = "
                    + NetworkLayout.Int(layout.BiasOffset(l)) + ";");
            }
            writer.WriteLine();
            writer.WriteLine("private readonly float[] _parameters = new float[ParameterCount];");
            writer.WriteLine("private readonly SN::Training.TrainingGate _gate = new SN::Training.TrainingGate();  // one training call at a time");
            writer.WriteLine();
            StorageEmitter.EmitConstructors(writer, layout);
        }

        private static void EmitPublicMembers(SourceWriter writer, NetworkLayout layout)
        {
            string input = Code.ReadOnlySpan + " input", span = Code.Span;
            writer.WriteLine("/// <summary>All weights and biases: for each layer, its weights [out × in] row-major (PyTorch's nn.Linear.weight), then its biases.</summary>");
            writer.WriteLine("public " + span + " Parameters => _parameters;");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Runs the network on one input (thread-safe, allocation-free).</summary>");
            writer.WriteLine(PublicApiEmitter.PredictException);
            writer.OpenBlock("public void Predict(" + input + ", " + span + " output)");
            writer.WriteLine(Code.Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(Code.Guard + ".Length(output.Length, OutputSize, nameof(output));");
            writer.WriteLine("RunSample(input, default, output, default, 0f);");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("/// <summary>Predict for n rows at once: <paramref name=\"inputs\"/> holds n rows of InputSize, <paramref name=\"outputs\"/> gets n rows of OutputSize.</summary>");
            writer.WriteLine(PublicApiEmitter.PredictBatchException);
            writer.OpenBlock("public void PredictBatch(" + Code.ReadOnlySpan + " inputs, " + span + " outputs)");
            writer.WriteLine("int n = " + Code.Guard + ".BatchRows(inputs.Length, InputSize, outputs.Length, OutputSize, nameof(inputs), nameof(outputs));");
            writer.WriteLine("for (int s = 0; s < n; s++) RunSample(inputs.Slice(InputSize * s, InputSize), default, outputs.Slice(OutputSize * s, OutputSize), default, 0f);");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("/// <summary>" + PublicApiEmitter.ClassifySummary(layout) + "</summary>");
            writer.WriteLine(PublicApiEmitter.ClassifyException);
            writer.OpenBlock("public int Classify(" + input + ")");
            writer.WriteLine(Code.Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(span + " y = stackalloc float[OutputSize];");
            writer.WriteLine("RunSample(input, default, y, default, 0f);");
            writer.WriteLine("return " + PublicApiEmitter.ClassOf(layout, "y") + ";");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("/// <summary>Classify for n rows at once: <paramref name=\"classes\"/> gets one class per row.</summary>");
            writer.WriteLine(PublicApiEmitter.ClassifyBatchException);
            writer.OpenBlock("public void ClassifyBatch(" + Code.ReadOnlySpan + " inputs, Sys::Span<int> classes)");
            writer.WriteLine("int n = " + Code.Guard + ".BatchRows(inputs.Length, InputSize, classes.Length, 1, nameof(inputs), nameof(classes));");
            writer.WriteLine(span + " y = stackalloc float[OutputSize];");
            writer.OpenBlock("for (int s = 0; s < n; s++)");
            writer.WriteLine("RunSample(inputs.Slice(InputSize * s, InputSize), default, y, default, 0f);");
            writer.WriteLine("classes[s] = " + PublicApiEmitter.ClassOf(layout, "y") + ";");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("/// <summary>The loss on one sample, without changing anything.</summary>");
            writer.WriteLine(PublicApiEmitter.ComputeLossException);
            writer.OpenBlock("public float ComputeLoss(" + input + ", " + Code.ReadOnlySpan + " target)");
            PublicApiEmitter.WriteLossChecks(writer, layout);
            writer.WriteLine("return RunSample(input, target, default, default, 0f);");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("/// <summary>Adds ∂L/∂θ for one sample into <paramref name=\"gradients\"/> (the layout of Parameters) and returns the loss.</summary>");
            PublicApiEmitter.WriteTrainingExceptions(writer, learningRate: false);
            writer.OpenBlock("public float AccumulateGradients(" + input + ", " + Code.ReadOnlySpan + " target, " + span + " gradients)");
            PublicApiEmitter.OpenTrainingCall(writer, layout, "AccumulateGradients", gradients: true, learningRate: false);
            writer.WriteLine("return RunSample(input, target, default, gradients, 1f);");
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine("/// <summary>One step of stochastic gradient descent on one sample, θ ← θ − η·∂L/∂θ; returns the loss before the step.</summary>");
            PublicApiEmitter.WriteTrainingExceptions(writer, learningRate: true);
            writer.OpenBlock("public float TrainStep(" + input + ", " + Code.ReadOnlySpan + " target, float learningRate)");
            PublicApiEmitter.OpenTrainingCall(writer, layout, "TrainStep", gradients: false, learningRate: true);
            writer.WriteLine(span + " g = stackalloc float[ParameterCount];  // ∂L/∂θ, every parameter's");
            writer.WriteLine("float loss = RunSample(input, target, default, g, 1f);");
            writer.WriteLine("if (!" + Code.NetMath + ".IsFinite(loss)) return loss;  // nothing to learn from, and nothing to spoil");
            writer.WriteLine("// Gradient descent: each parameter moves against its gradient, θ ← θ − η·∂L/∂θ");
            writer.WriteLine("for (int i = 0; i < ParameterCount; i++) _parameters[i] -= learningRate * g[i];");
            writer.WriteLine("return loss;");
            writer.CloseBlock();
            writer.WriteLine();
            PublicApiEmitter.EmitTrainingEntryPoints(writer, layout.IsClassifier);
            writer.WriteLine();
            PublicApiEmitter.EmitPersistence(writer);
        }

        /// <summary>The algorithm for one sample, every quantity a named local.</summary>
        private static void EmitRunSample(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// One sample through the whole algorithm: the forward pass (into <paramref name=\"output\"/> unless it is empty), then, given a");
            writer.WriteLine("/// <paramref name=\"target\"/>, the loss it returns, then, given <paramref name=\"gradients\"/>, backpropagation: each parameter's");
            writer.WriteLine("/// ∂L/∂θ times <paramref name=\"scale\"/> added into gradients[θ's index].");
            writer.WriteLine("/// </summary>");
            writer.OpenBlock("private float RunSample(" + Code.ReadOnlySpan + " input, " + Code.ReadOnlySpan + " target, " + Code.Span + " output, " + Code.Span + " gradients, float scale)");
            writer.WriteLine("float[] p = _parameters;");
            writer.WriteLine();
            writer.WriteLine("// ── Forward pass: each layer computes z = W·a_prev + b for every neuron, then a = f(z) ──");
            writer.WriteLine("float " + string.Join(", ", Enumerable.Range(0, layout.Sizes[0]).Select(i => X(i) + " = input[" + NetworkLayout.Int(i) + "]")) + ";");
            for (int l = 1; l <= layout.LayerCount; l++) EmitForwardLayer(writer, layout, l);
            int last = layout.LayerCount, n = layout.OutputSize;
            writer.WriteLine("if (!output.IsEmpty)");
            writer.OpenBlock();
            for (int k = 0; k < n; k++) writer.WriteLine("output[" + NetworkLayout.Int(k) + "] = " + A(last, k) + ";");
            writer.CloseBlock();
            writer.WriteLine("if (target.IsEmpty) return 0f;");
            writer.WriteLine();
            EmitLoss(writer, layout);
            writer.WriteLine("if (gradients.IsEmpty) return loss;");
            writer.WriteLine();
            EmitOutputError(writer, layout);
            for (int l = last; l >= 2; l--) EmitBackpropagation(writer, layout, l);
            writer.WriteLine();
            writer.WriteLine("// ── Gradients: ∂L/∂w = δ·(the input the weight multiplies), ∂L/∂b = δ, each added into gradients (times scale) ──");
            for (int l = last; l >= 1; l--) EmitGradients(writer, layout, l);
            writer.WriteLine("return loss;");
            writer.CloseBlock();
        }

        private static void EmitForwardLayer(SourceWriter writer, NetworkLayout layout, int l)
        {
            LayerSpec layer = layout.Layer(l);
            string ln = NetworkLayout.Int(l);
            int inputs = layout.Sizes[l - 1];
            writer.WriteLine();
            writer.WriteLine("// Layer " + ln + " · " + layout.Describe(l) + " · z" + ln + " = W" + ln + "·" + NetworkLayout.Activations(l - 1) + " + b" + ln + ", "
                + ActivationMath.ForwardMath(layer, "a" + ln, "z" + ln));
            for (int j = 0; j < layer.Size; j++)
            {
                var names = Enumerable.Range(0, inputs).Select(i => Weight(l, j, i) + " = p[" + NetworkLayout.Int(layout.WeightOffset(l) + j * inputs + i) + "]").ToList();
                names.Add(Bias(l, j) + " = p[" + NetworkLayout.Int(layout.BiasOffset(l) + j) + "]");
                writer.WriteLine("float " + string.Join(", ", names) + ";");
                writer.WriteLine("float " + Z(l, j) + " = " + string.Join(" + ", Enumerable.Range(0, inputs).Select(i => Weight(l, j, i) + " * " + Below(l, i))) + " + " + Bias(l, j) + ";");
                if (layer.Activation != ActivationKind.Softmax) writer.WriteLine("float " + A(l, j) + " = " + ActivationMath.Forward(layer, Z(l, j)) + ";");
            }
            if (layer.Activation != ActivationKind.Softmax) return;
            writer.WriteLine("// softmax: a_k = e^(z_k − max z) / Σ_j e^(z_j − max z); subtracting the max keeps every e^z ≤ 1");
            string max = Z(l, 0);
            for (int k = 1; k < layer.Size; k++) max = "Sys::Math.Max(" + max + ", " + Z(l, k) + ")";
            writer.WriteLine("float max = " + max + ";");
            for (int k = 0; k < layer.Size; k++) writer.WriteLine("float " + E(k) + " = " + Code.NetMath + ".Exp(" + Z(l, k) + " - max);");
            writer.WriteLine("float sum = " + string.Join(" + ", Enumerable.Range(0, layer.Size).Select(E)) + ";");
            for (int k = 0; k < layer.Size; k++) writer.WriteLine("float " + A(l, k) + " = " + E(k) + " / sum;");
        }

        private static void EmitLoss(SourceWriter writer, NetworkLayout layout)
        {
            int last = layout.LayerCount, n = layout.OutputSize;
            IEnumerable<int> outputs = Enumerable.Range(0, n);
            string T(int k) => "target[" + NetworkLayout.Int(k) + "]";
            string Mean(string sum) => n == 1 ? sum : "(" + sum + ") / " + NetworkLayout.Int(n) + "f";
            switch (layout.Spec.Loss)
            {
                case LossKind.MeanSquaredError:
                    writer.WriteLine("// ── Loss: L = (1/n)·Σ_k (a_k − t_k)², mean squared error as nn.MSELoss ──");
                    writer.WriteLine("float loss = " + Mean(string.Join(" + ", outputs.Select(k => "(" + A(last, k) + " - " + T(k) + ") * (" + A(last, k) + " - " + T(k) + ")"))) + ";");
                    break;
                case LossKind.BinaryCrossEntropy:
                    writer.WriteLine("// ── Loss: L = −(1/n)·Σ_k [t_k·log a_k + (1 − t_k)·log(1 − a_k)], each log held at −100 as nn.BCELoss does ──");
                    writer.WriteLine("float loss = -(" + string.Join(" + ", outputs.Select(k =>
                        T(k) + " * Sys::Math.Max(" + Code.NetMath + ".Log(" + A(last, k) + "), -100f) + (1f - " + T(k) + ") * Sys::Math.Max(" + Code.NetMath + ".Log(1f - " + A(last, k) + "), -100f)"))
                        + ")" + (n == 1 ? "" : " / " + NetworkLayout.Int(n) + "f") + ";");
                    break;
                default:
                    writer.WriteLine("// ── Loss: L = −Σ_k t_k·log a_k = Σ_k t_k·(log Σ_j e^z_j − z_k), cross-entropy as nn.CrossEntropyLoss on the logits ──");
                    writer.WriteLine("float logSumExp = max + " + Code.NetMath + ".Log(sum);");
                    writer.WriteLine("float loss = " + string.Join(" + ", outputs.Select(k => T(k) + " * (logSumExp - " + Z(last, k) + ")")) + ";");
                    break;
            }
        }

        private static void EmitOutputError(SourceWriter writer, NetworkLayout layout)
        {
            int last = layout.LayerCount, n = layout.OutputSize;
            LayerSpec output = layout.Layer(last);
            string T(int k) => "target[" + NetworkLayout.Int(k) + "]";
            string twoOverN = n == 1 ? "2f" : "(2f / " + NetworkLayout.Int(n) + "f)";
            string ln = NetworkLayout.Int(last);
            switch (layout.Spec.Loss)
            {
                case LossKind.CrossEntropy:
                    writer.WriteLine("// ── Output error δ" + ln + " = ∂L/∂z" + ln + ": through softmax and cross-entropy together it is a − t (times Σt, which is 1 for a distribution) ──");
                    writer.WriteLine("float targetSum = " + string.Join(" + ", Enumerable.Range(0, n).Select(T)) + ";");
                    for (int k = 0; k < n; k++) writer.WriteLine("float " + Delta(last, k) + " = " + A(last, k) + " * targetSum - " + T(k) + ";");
                    return;
                case LossKind.BinaryCrossEntropy:
                    writer.WriteLine("// ── Output error δ" + ln + " = ∂L/∂z" + ln + ": ∂L/∂a = (a − t)/(n·a(1 − a)) and σ'(z) = a(1 − a) cancel, leaving (a − t)/n ──");
                    for (int k = 0; k < n; k++) writer.WriteLine("float " + Delta(last, k) + " = (" + A(last, k) + " - " + T(k) + ")" + (n == 1 ? "" : " / " + NetworkLayout.Int(n) + "f") + ";");
                    return;
            }
            if (output.Activation == ActivationKind.Softmax)
            {
                writer.WriteLine("// ── Output error δ" + ln + " = ∂L/∂z" + ln + ": with g = ∂L/∂a = (2/n)(a − t) and ∂a_k/∂z_j = a_k(1[k = j] − a_j), δ_j = a_j·(g_j − Σ_k g_k·a_k) ──");
                for (int k = 0; k < n; k++) writer.WriteLine("float g" + NetworkLayout.Int(k) + " = " + twoOverN + " * (" + A(last, k) + " - " + T(k) + ");");
                writer.WriteLine("float ga = " + string.Join(" + ", Enumerable.Range(0, n).Select(k => "g" + NetworkLayout.Int(k) + " * " + A(last, k))) + ";");
                for (int k = 0; k < n; k++) writer.WriteLine("float " + Delta(last, k) + " = " + A(last, k) + " * (g" + NetworkLayout.Int(k) + " - ga);");
                return;
            }
            writer.WriteLine("// ── Output error δ" + ln + " = ∂L/∂z" + ln + " = ∂L/∂a · f'(z) (the chain rule), ∂L/∂a = (2/n)(a − t), " + ActivationMath.DerivativeMath(output) + " ──");
            for (int k = 0; k < n; k++)
            {
                string? derivative = ActivationMath.Derivative(output, A(last, k));
                writer.WriteLine("float " + Delta(last, k) + " = " + twoOverN + " * (" + A(last, k) + " - " + T(k) + ")" + (derivative is null ? "" : " * " + ActivationMath.Parenthesize(derivative)) + ";");
            }
        }

        /// <summary>δ_{l−1} from δ_l: each unit below collects the error of every unit it feeds, through the weight between them.</summary>
        private static void EmitBackpropagation(SourceWriter writer, NetworkLayout layout, int l)
        {
            LayerSpec below = layout.Layer(l - 1);
            string ln = NetworkLayout.Int(l), lp = NetworkLayout.Int(l - 1);
            writer.WriteLine();
            writer.WriteLine("// ── Backpropagation into layer " + lp + " (the chain rule): δ" + lp + " = (W" + ln + "ᵀ·δ" + ln + ")"
                + (below.Activation == ActivationKind.Identity ? "" : " ⊙ " + ActivationMath.DerivativeName(below) + "(z" + lp + "), " + ActivationMath.DerivativeMath(below)) + " ──");
            for (int i = 0; i < below.Size; i++)
            {
                string sum = string.Join(" + ", Enumerable.Range(0, layout.Sizes[l]).Select(j => Weight(l, j, i) + " * " + Delta(l, j)));
                string? derivative = ActivationMath.Derivative(below, A(l - 1, i));
                writer.WriteLine("float " + Delta(l - 1, i) + " = " + (derivative is null ? sum : "(" + sum + ") * " + ActivationMath.Parenthesize(derivative)) + ";");
            }
        }

        private static void EmitGradients(SourceWriter writer, NetworkLayout layout, int l)
        {
            int inputs = layout.Sizes[l - 1];
            string ln = NetworkLayout.Int(l);
            writer.WriteLine("// Layer " + ln + ": ∂L/∂w" + ln + "_j_i = δ" + ln + "_j·" + (l == 1 ? "x_i" : "a" + NetworkLayout.Int(l - 1) + "_i") + ", ∂L/∂b" + ln + "_j = δ" + ln + "_j");
            for (int j = 0; j < layout.Sizes[l]; j++)
            {
                for (int i = 0; i < inputs; i++)
                {
                    writer.WriteLine("gradients[" + NetworkLayout.Int(layout.WeightOffset(l) + j * inputs + i) + "] += scale * " + Delta(l, j) + " * " + Below(l, i) + ";  // ∂L/∂" + Weight(l, j, i));
                }
                writer.WriteLine("gradients[" + NetworkLayout.Int(layout.BiasOffset(l) + j) + "] += scale * " + Delta(l, j) + ";  // ∂L/∂" + Bias(l, j));
            }
        }

        /// <summary>The training loop's hooks: each sample of a batch through RunSample in turn.</summary>
        private static void EmitHooks(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("// ── The training loop's hooks (SN::Training.Trainer calls these; users call Train): each sample through RunSample in turn ──");
            writer.WriteLine();
            writer.WriteLine("int " + Code.Network + ".InputSize => InputSize;");
            writer.WriteLine("int " + Code.Network + ".OutputSize => OutputSize;");
            writer.WriteLine("int " + Code.Network + ".ParameterCount => ParameterCount;");
            writer.WriteLine("SN::NetworkArchitecture " + Code.Network + ".Architecture => Architecture;");
            writer.WriteLine("SN::Training.TrainingGate " + Code.Trainable + ".Gate => _gate;");
            writer.WriteLine(Code.Span + " " + Code.Trainable + ".ParameterMemory => _parameters;");
            writer.WriteLine();
            writer.WriteLine("void " + Code.Trainable + ".EnsureBatchCapacity(int count) { }  // RunSample keeps each sample's values in locals: there is no batch scratch");
            writer.WriteLine();
            writer.OpenBlock("float " + Code.Trainable + ".AccumulateSlice(" + Code.ReadOnlySpan + " inputs, " + Code.ReadOnlySpan + " targets, int start, int count, float scale, "
                + Code.Span + " gradients, bool training, out float score)");
            writer.WriteLine(Code.Guard + ".Slice(start, count, int.MaxValue, inputs.Length, InputSize, targets.Length, OutputSize);");
            writer.WriteLine(Code.Guard + ".Length(gradients.Length, ParameterCount, nameof(gradients));");
            EmitSampleLoop(writer, layout, "gradients, scale", "start", "start + count");
            writer.CloseBlock();
            writer.WriteLine();
            writer.OpenBlock("float " + Code.Trainable + ".EvaluateBatch(" + Code.ReadOnlySpan + " inputs, " + Code.ReadOnlySpan + " targets, int count, out float score)");
            writer.WriteLine(Code.Guard + ".Batch(count, inputs.Length, InputSize, targets.Length, OutputSize);");
            EmitSampleLoop(writer, layout, "default, 0f", "0", "count");
            writer.CloseBlock();
        }

        private static void EmitSampleLoop(SourceWriter writer, NetworkLayout layout, string gradients, string from, string to)
        {
            // Only a classifier's score reads the outputs: a regression's loop asks RunSample for none.
            if (layout.IsClassifier) writer.WriteLine(Code.Span + " y = stackalloc float[OutputSize];");
            writer.WriteLine("float loss = 0f;");
            writer.WriteLine("score = 0f;");
            writer.OpenBlock("for (int s = " + from + "; s < " + to + "; s++)");
            writer.WriteLine(Code.ReadOnlySpan + " target = targets.Slice(OutputSize * s, OutputSize);");
            writer.WriteLine("loss += RunSample(inputs.Slice(InputSize * s, InputSize), target, " + (layout.IsClassifier ? "y" : "default") + ", " + gradients + ");");
            if (layout.IsClassifier) writer.WriteLine("score += SN::Training.Metrics.Score(SN::Loss." + layout.Spec.Loss + ", y, target);");
            writer.CloseBlock();
            writer.WriteLine("return loss;");
        }

        private static string X(int i) => "x" + NetworkLayout.Int(i);

        private static string Z(int l, int j) => "z" + NetworkLayout.Int(l) + "_" + NetworkLayout.Int(j);

        private static string A(int l, int j) => "a" + NetworkLayout.Int(l) + "_" + NetworkLayout.Int(j);

        private static string E(int k) => "e" + NetworkLayout.Int(k);

        private static string Delta(int l, int j) => "delta" + NetworkLayout.Int(l) + "_" + NetworkLayout.Int(j);

        private static string Weight(int l, int j, int i) => "w" + NetworkLayout.Int(l) + "_" + NetworkLayout.Int(j) + "_" + NetworkLayout.Int(i);

        private static string Bias(int l, int j) => "b" + NetworkLayout.Int(l) + "_" + NetworkLayout.Int(j);

        /// <summary>The value weight w{l}_{j}_{i} multiplies: input x_i for layer 1, else a{l−1}_i.</summary>
        private static string Below(int l, int i) => l == 1 ? X(i) : A(l - 1, i);
    }
}
