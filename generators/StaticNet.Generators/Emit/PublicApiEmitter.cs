using StaticNet.Generators.Model;
using static StaticNet.Generators.Emit.NetworkEmitter;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Writes the members users call: Parameters, Predict, ComputeLoss, AccumulateGradients,
    /// TrainStep, Classify, Train and Evaluate. Each checks its arguments before touching anything.
    /// </summary>
    internal static class PublicApiEmitter
    {
        /// <summary>
        /// On the single-sample entry points of networks with kernels: inlined into a caller's loop (dynamic PGO
        /// does that), the method's own kernels no longer fit the JIT's inlining budget and become calls
        /// (measured: 64-32-10 TrainStep 1.55× slower). Straight-line tiny networks have no kernels and stay inlinable.
        /// </summary>
        private const string NotInlined = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]  // keeps its kernels inlined (see the JIT's inlining budget)";

        private const string Report = "global::StaticNet.Training.TrainingReport";
        private const string Options = "global::StaticNet.Training.TrainingOptions";
        private const string Evaluation = "global::StaticNet.Training.EvaluationResult";
        private const string Trainer = "global::StaticNet.Training.Trainer";
        private const string Labels = "global::System.ReadOnlySpan<int>";

        public static void Emit(SourceWriter writer, NetworkLayout layout)
        {
            int last = layout.LayerCount;
            string output = "a.Slice(" + NetworkLayout.A(last) + ", OutputSize)";
            string lossInput = layout.LossArguments(output, layout.Logits);

            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// All weights and biases as one vector: for each layer, its weights [out × in] row-major (the layout of");
            writer.WriteLine("/// PyTorch's nn.Linear.weight), then its biases [out]. Writable: load or adjust parameters through it.");
            writer.WriteLine("/// </summary>");
            writer.WriteLine("public " + Span + " Parameters => " + layout.Parameters + ";");
            writer.WriteLine();

            writer.WriteLine("/// <summary>Runs the network on one input. Allocation-free, and safe to call from many threads while nobody trains.</summary>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span's length is not InputSize or OutputSize.</exception>");
            writer.WriteLine(GeneratedCode);
            if (!layout.IsUnrolled) writer.WriteLine(NotInlined);
            writer.OpenBlock("public void Predict(" + ReadOnlySpan + " input, " + Span + " output)");
            writer.WriteLine(Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(Guard + ".Length(output.Length, OutputSize, nameof(output));");
            if (layout.IsUnrolled)
            {
                UnrolledEmitter.EmitForward(writer, layout);
                writer.WriteLine();
                int k = 0;
                foreach (string y in UnrolledEmitter.Outputs(layout)) writer.WriteLine("output[" + NetworkLayout.Int(k++) + "] = " + y + ";");
            }
            else
            {
                EmitStackScratch(writer, layout);
                writer.WriteLine("Forward(" + ForwardArguments(layout, "input", "1", "a", layout.Logits, "false") + ");");
                writer.WriteLine(output + ".CopyTo(output);");
            }
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine("/// <summary>The predicted class: the index of the largest output, or for a single Sigmoid output 1 when it is ≥ 0.5, else 0. Allocation-free and thread-safe like Predict.</summary>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The input's length is not InputSize.</exception>");
            writer.WriteLine(GeneratedCode);
            if (!layout.IsUnrolled) writer.WriteLine(NotInlined);
            writer.OpenBlock("public int Classify(" + ReadOnlySpan + " input)");
            writer.WriteLine(Guard + ".Length(input.Length, InputSize, nameof(input));");
            EmitStackScratch(writer, layout);
            writer.WriteLine("Forward(" + ForwardArguments(layout, "input", "1", "a", layout.Logits, "false") + ");");
            writer.WriteLine("return global::StaticNet.Training.Metrics.Classify(" + output + ", global::StaticNet.Activation." + layout.Layer(last).Activation + ");");
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine("/// <summary>The loss on one sample, without changing anything. Allocation-free and thread-safe like Predict.</summary>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span's length is not InputSize or OutputSize.</exception>");
            writer.WriteLine(GeneratedCode);
            if (!layout.IsUnrolled) writer.WriteLine(NotInlined);
            writer.OpenBlock("public float ComputeLoss(" + ReadOnlySpan + " input, " + ReadOnlySpan + " target)");
            writer.WriteLine(Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(Guard + ".Length(target.Length, OutputSize, nameof(target));");
            if (layout.IsUnrolled)
            {
                UnrolledEmitter.EmitForward(writer, layout);
                writer.WriteLine();
                UnrolledEmitter.EmitLoss(writer, layout);
                writer.WriteLine("return loss;");
            }
            else
            {
                EmitStackScratch(writer, layout);
                writer.WriteLine("Forward(" + ForwardArguments(layout, "input", "1", "a", layout.Logits, "false") + ");");
                writer.WriteLine("return LossOf(" + lossInput + ", target);");
            }
            writer.CloseBlock();
            writer.WriteLine();

            string trainingOutput = layout.ArraySlice("_activations", NetworkLayout.A(last), "OutputSize");
            string trainingLossInput = layout.LossArguments(trainingOutput, "new " + ReadOnlySpan + "(_logits, 0, OutputSize)");
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Adds ∂L/∂θ for one sample into <paramref name=\"gradients\"/> (same layout as <see cref=\"Parameters\"/>) and returns the");
            writer.WriteLine("/// loss: the exact gradient of <see cref=\"ComputeLoss\"/>" + (layout.HasDropout ? " (no dropout)" : "") + ". Uses the training scratch: one call at a time with");
            writer.WriteLine("/// Train and TrainStep on this network.");
            writer.WriteLine("/// </summary>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span's length is not InputSize, OutputSize or ParameterCount, the input or target holds NaN or ±∞, or the target is not one the loss can mean (" + TargetDomain(layout) + ").</exception>");
            writer.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">Train, TrainStep or AccumulateGradients is running on this network (another thread, or Train's progress callback).</exception>");
            writer.WriteLine(GeneratedCode);
            if (!layout.IsUnrolled) writer.WriteLine(NotInlined);
            writer.OpenBlock("public float AccumulateGradients(" + ReadOnlySpan + " input, " + ReadOnlySpan + " target, " + Span + " gradients)");
            writer.WriteLine(Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(Guard + ".Length(target.Length, OutputSize, nameof(target));");
            writer.WriteLine(Guard + ".Length(gradients.Length, ParameterCount, nameof(gradients));");
            writer.WriteLine(Guard + ".Finite(input, nameof(input));");
            writer.WriteLine(TargetCheck(layout));
            OpenGate(writer, "AccumulateGradients");
            writer.WriteLine("Forward(" + ForwardArguments(layout, "input", "1", layout.ArraySpan("_activations"), "_logits", "false") + ");");
            writer.WriteLine("float loss = LossOf(" + trainingLossInput + ", target);");
            writer.WriteLine("OutputDelta(" + trainingOutput + ", target, 1f, " + layout.ArraySlice("_deltas", NetworkLayout.A(last), "OutputSize") + ");");
            if (last > 1) writer.WriteLine("Backpropagate(" + BackpropagateArguments(layout, layout.ArraySpan("_activations"), layout.ArraySpan("_deltas"), "_masks", "1", "false") + ");");
            writer.WriteLine("AccumulateBatchGradients(input, " + layout.ArraySpan("_activations") + ", " + layout.ArraySpan("_deltas") + ", 1, gradients, 0, 1, false, null);");
            writer.WriteLine("return loss;");
            CloseGate(writer);
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// One step of plain stochastic gradient descent on one sample, θ ← θ − η·∂L/∂θ" + (layout.HasDropout ? " (with dropout)" : "") + ". Returns the loss");
            writer.WriteLine("/// before the step. Bad arguments throw before anything is written; a loss that overflows anyway skips the");
            writer.WriteLine("/// update and is returned as it is. Allocation-free; uses the training scratch: one call at a time with Train");
            writer.WriteLine("/// and AccumulateGradients on this network.");
            writer.WriteLine("/// </summary>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">A span's length is not InputSize or OutputSize, the input or target holds NaN or ±∞, or the target is not one the loss can mean (" + TargetDomain(layout) + ").</exception>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is NaN, ±∞ or negative.</exception>");
            writer.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">Train, TrainStep or AccumulateGradients is running on this network (another thread, or Train's progress callback).</exception>");
            writer.WriteLine(GeneratedCode);
            if (!layout.IsUnrolled) writer.WriteLine(NotInlined);
            writer.OpenBlock("public float TrainStep(" + ReadOnlySpan + " input, " + ReadOnlySpan + " target, float learningRate)");
            writer.WriteLine(Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(Guard + ".Length(target.Length, OutputSize, nameof(target));");
            writer.WriteLine(Guard + ".Finite(input, nameof(input));");
            writer.WriteLine(TargetCheck(layout));
            writer.WriteLine(Guard + ".LearningRate(learningRate, nameof(learningRate));");
            OpenGate(writer, "TrainStep");
            if (layout.IsUnrolled)
            {
                UnrolledEmitter.EmitForward(writer, layout);
                writer.WriteLine();
                UnrolledEmitter.EmitLoss(writer, layout);
                writer.WriteLine("if (!global::StaticNet.NetMath.IsFinite(loss)) return loss;  // nothing to learn from, and nothing to spoil");
                UnrolledEmitter.EmitBackwardAndUpdate(writer, layout);
                writer.WriteLine("return loss;");
                CloseGate(writer);
                writer.CloseBlock();
                writer.WriteLine();
                EmitTrainingEntryPoints(writer);
                return;
            }
            // The input copied onto a cache line: the forward pass and the update then read each 512-bit chunk of it
            // from one line, not two (measured: 784-128-10 TrainStep 6.4 → 5.5 µs, the copy included).
            writer.WriteLine("input.CopyTo(_input.Span);  // onto a cache line, so that each 512-bit load of it reads one line, not two");
            writer.WriteLine(ReadOnlySpan + " x = _input.Span;");
            writer.WriteLine("Forward(" + ForwardArguments(layout, "x", "1", layout.ArraySpan("_activations"), "_logits", "true") + ");");
            writer.WriteLine("float loss = LossOf(" + trainingLossInput + ", target);");
            writer.WriteLine("if (!global::StaticNet.NetMath.IsFinite(loss)) return loss;  // nothing to learn from, and nothing to spoil");
            writer.WriteLine("OutputDelta(" + trainingOutput + ", target, 1f, " + layout.ArraySlice("_deltas", NetworkLayout.A(last), "OutputSize") + ");");
            writer.WriteLine(Span + " p = " + layout.Parameters + ";");
            for (int l = 1; l < last; l++)
            {
                writer.WriteLine(ReadOnlySpan + " " + NetworkLayout.Activations(l) + " = " + layout.ArraySlice("_activations", NetworkLayout.A(l), NetworkLayout.Int(layout.Sizes[l])) + ";");
            }
            for (int l = 1; l <= last; l++)
            {
                writer.WriteLine(Span + " " + NetworkLayout.Deltas(l) + " = " + layout.ArraySlice("_deltas", NetworkLayout.A(l), NetworkLayout.Int(layout.Sizes[l])) + ";");
            }
            for (int l = last; l >= 1; l--)
            {
                writer.WriteLine();
                LayerEmitter.EmitBackwardAndUpdate(writer, layout, l);
            }
            writer.WriteLine("return loss;");
            CloseGate(writer);
            writer.CloseBlock();
            writer.WriteLine();

            EmitTrainingEntryPoints(writer);
        }

        private static void EmitTrainingEntryPoints(SourceWriter writer)
        {
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Trains on a data set: <paramref name=\"inputs\"/> holds n rows of InputSize values, <paramref name=\"targets\"/> n rows of OutputSize.");
            writer.WriteLine("/// Epochs, batch size, optimizer, schedule, regularisation, validation and early stopping come from <paramref name=\"options\"/>,");
            writer.WriteLine("/// read once when the call starts. Returns with finite parameters, those the report names; docs/training-behaviour.md says");
            writer.WriteLine("/// what happens when a run diverges, is cancelled or its progress callback throws (the exception propagates).");
            writer.WriteLine("/// </summary>");
            EmitTrainExceptions(writer);
            writer.WriteLine(GeneratedCode);
            writer.WriteLine("public " + Report + " Train(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, " + Options + " options)");
            writer.WriteLine("    => " + Trainer + ".Train(this, inputs, targets, options);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Trains with a separate validation set (monitored by early stopping and reported per epoch).</summary>");
            EmitTrainExceptions(writer);
            writer.WriteLine(GeneratedCode);
            writer.WriteLine("public " + Report + " Train(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, " + ReadOnlySpan + " validationInputs, " + ReadOnlySpan + " validationTargets, " + Options + " options)");
            writer.WriteLine("    => " + Trainer + ".Train(this, inputs, targets, validationInputs, validationTargets, options);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Trains a classifier on class labels (0 … classes − 1), one per input row; targets are built without allocating.</summary>");
            EmitTrainExceptions(writer);
            writer.WriteLine(GeneratedCode);
            writer.WriteLine("public " + Report + " Train(" + ReadOnlySpan + " inputs, " + Labels + " labels, " + Options + " options)");
            writer.WriteLine("    => " + Trainer + ".Train(this, inputs, labels, options);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Trains a classifier on class labels with a separate, labelled validation set.</summary>");
            EmitTrainExceptions(writer);
            writer.WriteLine(GeneratedCode);
            writer.WriteLine("public " + Report + " Train(" + ReadOnlySpan + " inputs, " + Labels + " labels, " + ReadOnlySpan + " validationInputs, " + Labels + " validationLabels, " + Options + " options)");
            writer.WriteLine("    => " + Trainer + ".Train(this, inputs, labels, validationInputs, validationLabels, options);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Mean loss (and accuracy, for classifiers) on a data set, without changing the network.</summary>");
            writer.WriteLine(GeneratedCode);
            writer.WriteLine("public " + Evaluation + " Evaluate(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets) => " + Trainer + ".Evaluate(this, inputs, targets);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Mean loss and accuracy of a classifier on labelled data, without changing the network.</summary>");
            writer.WriteLine(GeneratedCode);
            writer.WriteLine("public " + Evaluation + " Evaluate(" + ReadOnlySpan + " inputs, " + Labels + " labels) => " + Trainer + ".Evaluate(this, inputs, labels);");
        }

        /// <summary>The exceptions every Train overload documents.</summary>
        private static void EmitTrainExceptions(SourceWriter writer)
        {
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">An option is out of range, or the data has the wrong length, holds NaN or ±∞,");
            writer.WriteLine("/// or targets or labels the loss cannot mean (the message names the row and column); the network is unchanged.</exception>");
            writer.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">Train, TrainStep or AccumulateGradients is already running on this network");
            writer.WriteLine("/// (another thread, or this call's progress callback), or a parameter is NaN or ±∞; the network is unchanged.</exception>");
        }

        /// <summary>The check that the target is one the network's loss can mean (StaticNet.Guard.Target).</summary>
        private static string TargetCheck(NetworkLayout layout)
            => Guard + ".Target(target, global::StaticNet.Loss." + layout.Spec.Loss + ", nameof(target));";

        /// <summary>The targets the loss can mean, for the exception docs.</summary>
        private static string TargetDomain(NetworkLayout layout) => layout.Spec.Loss switch
        {
            LossKind.CrossEntropy => "probabilities in [0, 1] summing to 1",
            LossKind.BinaryCrossEntropy => "probabilities in [0, 1]",
            _ => "any finite values",
        };

        /// <summary>
        /// Takes the network's training gate (StaticNet.Training.TrainingGate) once the arguments are checked: a second
        /// training call while this one runs throws instead of sharing the training scratch. The try/finally releases it
        /// on every return.
        /// </summary>
        private static void OpenGate(SourceWriter writer, string operation)
        {
            writer.WriteLine("_gate.Enter(\"" + operation + "\");  // one training call at a time: they share the training scratch");
            writer.OpenBlock("try");
        }

        private static void CloseGate(SourceWriter writer)
        {
            writer.CloseBlock();
            writer.OpenBlock("finally");
            writer.WriteLine("_gate.Exit();");
            writer.CloseBlock();
        }

        /// <summary>Stack buffers for one sample's activations (and logits): what keeps Predict thread-safe.</summary>
        private static void EmitStackScratch(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine(Span + " a = stackalloc float[ScratchSize];");
            if (layout.HasSoftmaxOutput) writer.WriteLine(Span + " " + layout.Logits + " = stackalloc float[OutputSize];");
        }
    }
}
