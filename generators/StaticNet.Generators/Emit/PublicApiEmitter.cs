using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Writes the members users call: Parameters, Predict, Classify, ComputeLoss, AccumulateGradients, TrainStep, Train,
    /// Evaluate, and the persistence calls (Save, Load, SaveSafetensors, LoadSafetensors, ExportOnnx). Each checks its
    /// arguments before touching anything.
    /// </summary>
    internal static class PublicApiEmitter
    {
        private const string Report = "SN::Training.TrainingReport";
        private const string Options = "SN::Training.TrainingOptions";
        private const string Evaluation = "SN::Training.EvaluationResult";
        private const string Trainer = "SN::Training.Trainer";

        public static void Emit(SourceWriter writer, NetworkLayout layout)
        {
            int last = layout.LayerCount;
            string output = "a.Slice(" + NetworkLayout.A(last) + ", OutputSize)";

            writer.WriteLine("/// <summary>All weights and biases, writable: per layer its weights [out × in] row-major (PyTorch's nn.Linear.weight), then its biases.</summary>");
            if (layout.HasTransposedFirstLayer)
            {
                // A span can be written at any later moment, unseen: once it is handed out, Predict stops using its copy of W1.
                writer.WriteLine("/// <remarks>Taking it makes prediction read W1 from here from then on, instead of from its transposed copy: writes through the span are seen by the next call.</remarks>");
                writer.WriteLine("public " + Code.Span + " Parameters { get { _w1Transposed.Expose(); return " + layout.Parameters + "; } }");
            }
            else
            {
                writer.WriteLine("public " + Code.Span + " Parameters => " + layout.Parameters + ";");
            }
            writer.WriteLine();

            writer.WriteLine("/// <summary>Runs the network on one input. Allocation-free, and safe to call from many threads while nobody trains.</summary>");
            writer.WriteLine(PredictException);
            if (!layout.IsUnrolled) writer.WriteLine(CompiledOptimizedAtOnce);
            writer.OpenBlock("public void Predict(" + Code.ReadOnlySpan + " input, " + Code.Span + " output)");
            writer.WriteLine(Code.Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(Code.Guard + ".Length(output.Length, OutputSize, nameof(output));");
            if (layout.IsUnrolled)
            {
                UnrolledEmitter.EmitForward(writer, layout);
                writer.WriteLine();
                int k = 0;
                foreach (string y in UnrolledEmitter.Outputs(layout)) writer.WriteLine("output[" + NetworkLayout.Int(k++) + "] = " + y + ";");
            }
            else
            {
                EmitScratch(writer, layout);
                writer.WriteLine(OneSampleForward(layout) + ";");
                writer.WriteLine(output + ".CopyTo(output);");
            }
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine("/// <summary>" + ClassifySummary(layout) + " Allocation-free and thread-safe like Predict.</summary>");
            writer.WriteLine(ClassifyException);
            writer.OpenBlock("public int Classify(" + Code.ReadOnlySpan + " input)");
            if (layout.IsUnrolled)
            {
                // Through Predict's own straight-line code, so that the class always agrees with Predict's output to the last bit.
                writer.WriteLine(Code.Span + " y = stackalloc float[OutputSize];");
                writer.WriteLine("Predict(input, y);");
                writer.WriteLine("return " + ClassOf(layout, "y") + ";");
            }
            else
            {
                writer.WriteLine(Code.Guard + ".Length(input.Length, InputSize, nameof(input));");
                EmitScratch(writer, layout);
                writer.WriteLine(OneSampleForward(layout) + ";");
                writer.WriteLine("return " + ClassOf(layout, output) + ";");
            }
            writer.CloseBlock();
            writer.WriteLine();

            EmitBatchInference(writer, layout);

            writer.WriteLine("/// <summary>The loss on one sample, without changing anything. Allocation-free and thread-safe like Predict.</summary>");
            writer.WriteLine(ComputeLossException);
            writer.OpenBlock("public float ComputeLoss(" + Code.ReadOnlySpan + " input, " + Code.ReadOnlySpan + " target)");
            WriteLossChecks(writer, layout);
            EmitScratch(writer, layout);
            writer.WriteLine("Forward(" + ForwardArguments(layout, "input", "1", "a", layout.Logits, "false") + ");");
            writer.WriteLine("return LossOf(" + layout.LossArguments(output, layout.Logits) + ", target);");
            writer.CloseBlock();
            writer.WriteLine();

            string activations = layout.ArraySpan("_activations"), deltas = layout.ArraySpan("_deltas");
            string trainingOutput = layout.ArraySlice("_activations", NetworkLayout.A(last), "OutputSize");
            string trainingLossInput = layout.LossArguments(trainingOutput, "new " + Code.ReadOnlySpan + "(_logits, 0, OutputSize)");
            string outputDelta = "OutputDelta(" + trainingOutput + ", target, 1f, " + layout.ArraySlice("_deltas", NetworkLayout.A(last), "OutputSize") + ");";
            writer.WriteLine("/// <summary>Adds ∂L/∂θ of one sample" + (layout.HasDropout ? " (no dropout)" : "") + " into <paramref name=\"gradients\"/> (the layout of Parameters); returns the loss.</summary>");
            WriteTrainingExceptions(writer, learningRate: false);
            writer.OpenBlock("public float AccumulateGradients(" + Code.ReadOnlySpan + " input, " + Code.ReadOnlySpan + " target, " + Code.Span + " gradients)");
            OpenTrainingCall(writer, layout, "AccumulateGradients", gradients: true, learningRate: false);
            writer.WriteLine("Forward(" + ForwardArguments(layout, "input", "1", activations, "_logits", "false") + ");");
            writer.WriteLine("float loss = LossOf(" + trainingLossInput + ", target);");
            writer.WriteLine(outputDelta);
            if (last > 1) writer.WriteLine("Backpropagate(" + BackpropagateArguments(layout, activations, deltas, "_masks", "1", "false") + ");");
            writer.WriteLine("AccumulateBatchGradients(input, " + activations + ", " + deltas + ", 1, gradients, 0, 1, false, null);");
            writer.WriteLine("return loss;");
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine("/// <summary>One SGD step on one sample" + (layout.HasDropout ? " (with dropout)" : "") + ", θ ← θ − η·∂L/∂θ; returns the loss before it (a non-finite loss skips the step).</summary>");
            WriteTrainingExceptions(writer, learningRate: true);
            if (!layout.IsUnrolled) writer.WriteLine(CompiledOptimizedAtOnce);
            writer.OpenBlock("public float TrainStep(" + Code.ReadOnlySpan + " input, " + Code.ReadOnlySpan + " target, float learningRate)");
            OpenTrainingCall(writer, layout, "TrainStep", gradients: false, learningRate: true);
            if (layout.IsUnrolled)
            {
                UnrolledEmitter.EmitForward(writer, layout);
                writer.WriteLine();
                UnrolledEmitter.EmitLoss(writer, layout);
                writer.WriteLine("if (!" + Code.NetMath + ".IsFinite(loss)) return loss;  // nothing to learn from, and nothing to spoil");
                UnrolledEmitter.EmitBackwardAndUpdate(writer, layout);
            }
            else
            {
                // The input copied onto a cache line: the forward pass and the update then read each 512-bit chunk of it from one line, not two.
                writer.WriteLine("input.CopyTo(_input.Span);  // onto a cache line, so that each 512-bit load of it reads one line, not two");
                writer.WriteLine(Code.ReadOnlySpan + " x = _input.Span;");
                writer.WriteLine("Forward(" + ForwardArguments(layout, "x", "1", activations, "_logits", "true") + ");");
                writer.WriteLine("float loss = LossOf(" + trainingLossInput + ", target);");
                writer.WriteLine("if (!" + Code.NetMath + ".IsFinite(loss)) return loss;  // nothing to learn from, and nothing to spoil");
                writer.WriteLine(outputDelta);
                writer.WriteLine(Code.Span + " p = " + layout.Parameters + ";");
                for (int l = 1; l < last; l++)
                {
                    writer.WriteLine(Code.ReadOnlySpan + " " + NetworkLayout.Activations(l) + " = " + layout.ArraySlice("_activations", NetworkLayout.A(l), NetworkLayout.Int(layout.Sizes[l])) + ";");
                }
                for (int l = 1; l <= last; l++)
                {
                    writer.WriteLine(Code.Span + " " + NetworkLayout.Deltas(l) + " = " + layout.ArraySlice("_deltas", NetworkLayout.A(l), NetworkLayout.Int(layout.Sizes[l])) + ";");
                }
                BackwardEmitter.EmitTrainStepLayers(writer, layout);
            }
            writer.WriteLine("return loss;");
            writer.CloseBlock();
            writer.WriteLine();
            EmitTrainingEntryPoints(writer, layout.IsClassifier);
            writer.WriteLine();
            EmitPersistence(writer);
        }

        /// <summary>The exceptions a training call documents: bad data, a call already running, and (for TrainStep) a bad rate.</summary>
        internal static void WriteTrainingExceptions(SourceWriter writer, bool learningRate)
        {
            writer.WriteException("Sys::ArgumentException", "A length does not match, or the input or target holds NaN, ±∞ or a value the loss cannot mean.");
            writer.WriteException("Sys::InvalidOperationException", "Another training call is running on this network.");
            if (learningRate) writer.WriteException("Sys::ArgumentOutOfRangeException", "The learning rate is negative, NaN or ±∞.");
        }

        /// <summary>The exceptions of Train: bad data or options, and a call already running or parameters already broken.</summary>
        private static void WriteTrainExceptions(SourceWriter writer)
        {
            writer.WriteException("Sys::ArgumentException", "Bad data or options (the message names them).");
            writer.WriteException("Sys::InvalidOperationException", "Another training call runs, or a parameter is not finite.");
        }

        /// <summary>
        /// The checks of AccumulateGradients and TrainStep (lengths, a finite input, targets the loss can mean, a usable rate),
        /// then the network's training gate (one training call at a time), held until the method returns.
        /// </summary>
        internal static void OpenTrainingCall(SourceWriter writer, NetworkLayout layout, string name, bool gradients, bool learningRate)
        {
            writer.WriteLine(Code.Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(Code.Guard + ".Length(target.Length, OutputSize, nameof(target));");
            if (gradients) writer.WriteLine(Code.Guard + ".Length(gradients.Length, ParameterCount, nameof(gradients));");
            writer.WriteLine(Code.Guard + ".Finite(input, nameof(input));");
            writer.WriteLine(Code.Guard + ".Target(target, SN::Loss." + layout.Spec.Loss + ", nameof(target));");
            if (learningRate) writer.WriteLine(Code.Guard + ".LearningRate(learningRate, nameof(learningRate));");
            writer.WriteLine("using var gate = _gate.Enter(\"" + name + "\");  // one training call at a time: they share the scratch and the parameters");
        }

        internal const string PredictException = "/// <exception cref=\"Sys::ArgumentException\">A span's length is not InputSize or OutputSize.</exception>";
        internal const string ClassifyException = "/// <exception cref=\"Sys::ArgumentException\">The input's length is not InputSize.</exception>";
        /// <summary>
        /// On the one-sample Predict and TrainStep of networks that call the kernels: dynamic PGO recompiles these short
        /// paths around the library's kernels less well than the JIT compiles them at once (docs/performance.md, sixth
        /// round), so they are compiled optimized straight away, as the library's own kernel loops are.
        /// </summary>
        private const string CompiledOptimizedAtOnce = "[Sys::Runtime.CompilerServices.MethodImpl((Sys::Runtime.CompilerServices.MethodImplOptions)512)]  // AggressiveOptimization";

        internal const string PredictBatchException = "/// <exception cref=\"Sys::ArgumentException\">The inputs are not whole rows, or the outputs not as many rows.</exception>";
        internal const string ClassifyBatchException = "/// <exception cref=\"Sys::ArgumentException\">The inputs are not whole rows, or there is not one class per row.</exception>";

        internal const string ComputeLossException = "/// <exception cref=\"Sys::ArgumentException\">A length does not match, or the target holds a value the loss cannot mean.</exception>";

        /// <summary>ComputeLoss's checks: the lengths, and targets the loss can mean (as training checks them).</summary>
        internal static void WriteLossChecks(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine(Code.Guard + ".Length(input.Length, InputSize, nameof(input));");
            writer.WriteLine(Code.Guard + ".Length(target.Length, OutputSize, nameof(target));");
            writer.WriteLine(Code.Guard + ".Target(target, SN::Loss." + layout.Spec.Loss + ", nameof(target));");
        }

        /// <summary>A single sigmoid output is a yes/no answer; every other output layer is read by its largest value.</summary>
        internal static bool IsYesNo(NetworkLayout layout)
            => layout.Sizes[layout.LayerCount] == 1 && layout.Layer(layout.LayerCount).Activation == ActivationKind.Sigmoid;

        /// <summary>The class of an output row: class 1 at σ ≥ 0.5 for a yes/no network, else the arg-max.</summary>
        internal static string ClassOf(NetworkLayout layout, string output)
            => IsYesNo(layout) ? "(" + output + "[0] >= 0.5f ? 1 : 0)" : "SN::Training.Metrics.ArgMax(" + output + ")";

        /// <summary>The summary of Classify: what "the predicted class" means for this output layer.</summary>
        internal static string ClassifySummary(NetworkLayout layout)
            => IsYesNo(layout) ? "The predicted class: 1 when the sigmoid output is at least 0.5, else 0." : "The index of the largest output: the predicted class.";

        /// <summary>Predict's and Classify's forward pass of their input: the inference pass of one sample.</summary>
        private static string OneSampleForward(NetworkLayout layout) => InferenceForward(layout, "input", "1", layout.TransposesForOneSample);

        /// <summary>
        /// The inference pass of count samples: through ForwardPredict where the copy of W1 serves these calls
        /// (<paramref name="transposed"/>), else Forward without dropout.
        /// </summary>
        private static string InferenceForward(NetworkLayout layout, string input, string count, bool transposed)
            => transposed
                ? "ForwardPredict(" + input + ", " + count + ", a" + (layout.HasSoftmaxOutput ? ", " + layout.Logits : "") + ")"
                : "Forward(" + ForwardArguments(layout, input, count, "a", layout.Logits, "false") + ")";

        /// <summary>The argument list of a Forward call: "input, 1, a, z, training: false".</summary>
        internal static string ForwardArguments(NetworkLayout layout, string input, string count, string scratch, string logits, string training, string masks = "_masks")
        {
            string arguments = input + ", " + count + ", " + scratch;
            if (layout.HasSoftmaxOutput) arguments += ", " + logits;
            if (layout.HasDropout) arguments += ", " + (training == "false" ? "default" : masks) + ", training: " + training;
            return arguments;
        }

        /// <summary>The argument list of a Backpropagate call.</summary>
        internal static string BackpropagateArguments(NetworkLayout layout, string scratch, string deltas, string masks, string count, string training)
            => layout.HasDropout
                ? scratch + ", " + deltas + ", " + (training == "false" ? "default" : masks) + ", " + count + ", training: " + training
                : scratch + ", " + deltas + ", " + count;

        internal static void EmitTrainingEntryPoints(SourceWriter writer, bool classifier)
        {
            writer.WriteLine("/// <summary>Trains on n rows of inputs and targets, as <paramref name=\"options\"/> say (read once; docs/training-behaviour.md).</summary>");
            WriteTrainExceptions(writer);
            writer.WriteLine("public " + Report + " Train(" + Code.ReadOnlySpan + " inputs, " + Code.ReadOnlySpan + " targets, " + Options + " options)");
            writer.WriteLine("    => " + Trainer + ".Train(this, inputs, targets, options);");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Trains with a separate validation set (monitored by early stopping and reported per epoch).</summary>");
            WriteTrainExceptions(writer);
            writer.WriteLine("public " + Report + " Train(" + Code.ReadOnlySpan + " inputs, " + Code.ReadOnlySpan + " targets, " + Code.ReadOnlySpan + " validationInputs, "
                + Code.ReadOnlySpan + " validationTargets, " + Options + " options)");
            writer.WriteLine("    => " + Trainer + ".Train(this, inputs, targets, validationInputs, validationTargets, options);");
            writer.WriteLine();
            // Class labels only for classifiers: a regression has no classes to take them as.
            if (classifier)
            {
                writer.WriteLine("/// <summary>Trains a classifier on class labels (0 … classes − 1), one per input row.</summary>");
                WriteTrainExceptions(writer);
                writer.WriteLine("public " + Report + " Train(" + Code.ReadOnlySpan + " inputs, " + Code.Labels + " labels, " + Options + " options)");
                writer.WriteLine("    => " + Trainer + ".Train(this, inputs, labels, options);");
                writer.WriteLine();
                writer.WriteLine("/// <summary>Trains a classifier on class labels with a separate, labelled validation set.</summary>");
                WriteTrainExceptions(writer);
                writer.WriteLine("public " + Report + " Train(" + Code.ReadOnlySpan + " inputs, " + Code.Labels + " labels, " + Code.ReadOnlySpan + " validationInputs, "
                    + Code.Labels + " validationLabels, " + Options + " options)");
                writer.WriteLine("    => " + Trainer + ".Train(this, inputs, labels, validationInputs, validationLabels, options);");
                writer.WriteLine();
            }
            writer.WriteLine("/// <summary>Mean loss (and accuracy, for classifiers) on a data set, without changing the network.</summary>");
            writer.WriteLine("public " + Evaluation + " Evaluate(" + Code.ReadOnlySpan + " inputs, " + Code.ReadOnlySpan + " targets) => " + Trainer + ".Evaluate(this, inputs, targets);");
            if (!classifier) return;
            writer.WriteLine();
            writer.WriteLine("/// <summary>Mean loss and accuracy of a classifier on labelled data, without changing the network.</summary>");
            writer.WriteLine("public " + Evaluation + " Evaluate(" + Code.ReadOnlySpan + " inputs, " + Code.Labels + " labels) => " + Trainer + ".Evaluate(this, inputs, labels);");
        }

        /// <summary>
        /// PredictBatch and ClassifyBatch: the rows go through the batched forward pass a chunk at a time (blocks of four
        /// samples × four rows, each weight row read once per chunk), its activations on the stack, so the calls stay
        /// allocation-free and thread-safe like Predict.
        /// </summary>
        private static void EmitBatchInference(SourceWriter writer, NetworkLayout layout)
        {
            string output = "a.Slice(ScratchSize * s + " + NetworkLayout.A(layout.LayerCount) + ", OutputSize)";
            writer.WriteLine("/// <summary>Predict for n rows at once (n rows of InputSize in, of OutputSize out), allocation-free and thread-safe.</summary>");
            writer.WriteLine(PredictBatchException);
            writer.OpenBlock("public void PredictBatch(" + Code.ReadOnlySpan + " inputs, " + Code.Span + " outputs)");
            writer.WriteLine("int n = " + Code.Guard + ".BatchRows(inputs.Length, InputSize, outputs.Length, OutputSize, nameof(inputs), nameof(outputs));");
            // Tiny networks' straight-line Predict is faster than any batch pass: row by row through it.
            if (layout.IsUnrolled) writer.WriteLine("for (int s = 0; s < n; s++) Predict(inputs.Slice(InputSize * s, InputSize), outputs.Slice(OutputSize * s, OutputSize));");
            else EmitBatchChunks(writer, layout, body: "outputs.Slice(OutputSize * (first + s), OutputSize)", copy: true, output);
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine("/// <summary>Classify for n rows at once, one class per row, allocation-free and thread-safe.</summary>");
            writer.WriteLine(ClassifyBatchException);
            writer.OpenBlock("public void ClassifyBatch(" + Code.ReadOnlySpan + " inputs, Sys::Span<int> classes)");
            writer.WriteLine("int n = " + Code.Guard + ".BatchRows(inputs.Length, InputSize, classes.Length, 1, nameof(inputs), nameof(classes));");
            if (layout.IsUnrolled) writer.WriteLine("for (int s = 0; s < n; s++) classes[s] = Classify(inputs.Slice(InputSize * s, InputSize));");
            else EmitBatchChunks(writer, layout, body: "classes[first + s]", copy: false, output);
            writer.CloseBlock();
            writer.WriteLine();
        }

        private static void EmitBatchChunks(SourceWriter writer, NetworkLayout layout, string body, bool copy, string output)
        {
            string chunk = NetworkLayout.Int(layout.PredictChunk);
            writer.WriteLine("// " + chunk + " rows at a time: their activations " + (layout.ScratchOnStack ? "on the stack" : "in rented scratch") + ", every weight row read once per " + chunk + " rows");
            // Sized for the rows there are: the runtime clears what it gives, and a few rows should not pay for a whole chunk.
            writer.WriteLine("int rows = Sys::Math.Min(n, " + chunk + ");");
            EmitScratch(writer, layout, "rows");
            writer.OpenBlock("for (int first = 0; first < n; first += " + chunk + ")");
            writer.WriteLine("int count = Sys::Math.Min(" + chunk + ", n - first);");
            writer.WriteLine(InferenceForward(layout, "inputs.Slice(InputSize * first, InputSize * count)", "count", layout.TransposesForBatches) + ";");
            writer.WriteLine(copy
                ? "for (int s = 0; s < count; s++) " + output + ".CopyTo(" + body + ");"
                : "for (int s = 0; s < count; s++) " + body + " = " + ClassOf(layout, output) + ";");
            writer.CloseBlock();
        }

        /// <summary>
        /// Save/Load (.snet), SaveSafetensors/LoadSafetensors and ExportOnnx, each for a Stream and a path: one-line calls
        /// into SN::Serialization, which does the work for any INetwork and whose documentation (summary, exceptions) each
        /// member inherits. Checkpoints are the library's extension methods on INetwork (SN::CheckpointExtensions).
        /// </summary>
        internal static void EmitPersistence(SourceWriter writer)
        {
            var members = new[] { ("Save", "ModelFile.Save"), ("Load", "ModelFile.Load"), ("SaveSafetensors", "Safetensors.Save"), ("LoadSafetensors", "Safetensors.Load"), ("ExportOnnx", "Onnx.Export") };
            writer.WriteLine("// Persistence (docs/formats.md): .snet, safetensors for PyTorch, ONNX for ONNX Runtime; each member is documented where it is implemented.");
            foreach ((string name, string target) in members)
            {
                writer.WriteLine("/// <inheritdoc cref=\"SN::Serialization." + target + "(SN::INetwork, Sys::IO.Stream)\"/>");
                writer.WriteLine("public void " + name + "(Sys::IO.Stream stream) => SN::Serialization." + target + "(this, stream);");
                writer.WriteLine("/// <inheritdoc cref=\"SN::Serialization." + target + "(SN::INetwork, string)\"/>");
                writer.WriteLine("public void " + name + "(string path) => SN::Serialization." + target + "(this, path);");
            }
        }

        /// <summary>
        /// Buffers for <paramref name="rows"/> samples' activations a (and logits) owned by the call, which is what keeps
        /// Predict and its kin thread-safe: on the stack, or rented from the shared pool when one sample's would not fit there.
        /// </summary>
        internal static void EmitScratch(SourceWriter writer, NetworkLayout layout, string rows = "1")
        {
            string perRows = rows == "1" ? "" : rows + " * ";
            if (layout.ScratchOnStack)
            {
                writer.WriteLine(Code.Span + " a = stackalloc float[" + perRows + "ScratchSize];");
                if (layout.HasSoftmaxOutput) writer.WriteLine(Code.Span + " " + layout.Logits + " = stackalloc float[" + perRows + "OutputSize];");
                return;
            }
            string size = perRows + "ScratchSize" + (layout.HasSoftmaxOutput ? " + " + perRows + "OutputSize" : "");
            writer.WriteLine("using var scratch = SN::RentedScratch.Rent(" + size + ");  // too large for the stack");
            writer.WriteLine(Code.Span + " a = scratch.Span.Slice(0, " + perRows + "ScratchSize)" + (layout.HasSoftmaxOutput ? ", " + layout.Logits + " = scratch.Span.Slice(" + perRows + "ScratchSize)" : "") + ";");
        }
    }
}
