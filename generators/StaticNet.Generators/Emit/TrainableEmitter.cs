namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// The explicit implementations of <c>INetwork</c> and of the training loop's interface: scratch sizing, the batched
    /// gradient and evaluation passes, and, for networks without dropout, the pieces of a batch that threads share.
    /// </summary>
    internal static class TrainableEmitter
    {
        public static void Emit(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("// ── The training loop's hooks (SN::Training.Trainer calls these; users call Train) ──");
            writer.WriteLine();
            writer.WriteLine("int " + Code.Network + ".InputSize => InputSize;");
            writer.WriteLine("int " + Code.Network + ".OutputSize => OutputSize;");
            writer.WriteLine("int " + Code.Network + ".ParameterCount => ParameterCount;");
            writer.WriteLine("SN::NetworkArchitecture " + Code.Network + ".Architecture => Architecture;");
            writer.WriteLine("SN::Training.TrainingGate " + Code.Trainable + ".Gate => _gate;");
            writer.WriteLine(Code.Span + " " + Code.Trainable + ".ParameterMemory => " + layout.Parameters + ";");
            writer.WriteLine();

            writer.OpenBlock("void " + Code.Trainable + ".EnsureBatchCapacity(int count)");
            writer.WriteLine("if (count <= _capacity) return;");
            writer.WriteLine("_capacity = count;");
            writer.WriteLine("_activations = " + layout.NewArray("count * ScratchSize") + ";");
            writer.WriteLine("_deltas = " + layout.NewArray("count * ScratchSize") + ";");
            if (layout.HasSoftmaxOutput) writer.WriteLine("_logits = new float[count * OutputSize];");
            if (layout.HasDropout) writer.WriteLine("_masks = new float[count * ScratchSize];");
            writer.CloseBlock();
            writer.WriteLine();

            if (layout.HasDropout)
            {
                writer.WriteLine("void " + Code.DropoutTrainable + ".SeedDropout(int seed) => _dropoutRandom = new SN::NetRandom(seed);");
                writer.WriteLine("SN::NetRandom " + Code.DropoutTrainable + ".DropoutRandom { get => _dropoutRandom; set => _dropoutRandom = value; }");
                writer.WriteLine();
            }

            string logits = layout.HasSoftmaxOutput ? ", z" : "";
            writer.OpenBlock("float " + Code.Trainable + ".AccumulateSlice(" + Code.ReadOnlySpan + " inputs, " + Code.ReadOnlySpan + " targets, int start, int count, float scale, "
                + Code.Span + " gradients, bool training, out float score)");
            writer.WriteLine(Code.Guard + ".Slice(start, count, _capacity, inputs.Length, InputSize, targets.Length, OutputSize);");
            writer.WriteLine(Code.Guard + ".Length(gradients.Length, ParameterCount, nameof(gradients));");
            writer.WriteLine("// Samples start … start + count − 1 use their own rows of the scratch, so disjoint slices can run at once.");
            EmitSliceViews(writer, layout, inputs: true);
            if (layout.HasDropout) writer.WriteLine(Code.Span + " masks = new " + Code.Span + "(_masks, ScratchSize * start, ScratchSize * count);");
            writer.WriteLine("Forward(" + PublicApiEmitter.ForwardArguments(layout, "x", "count", "a", "z", "training", "masks") + ");");
            writer.WriteLine("float loss = BatchLoss(t, count, a" + logits + ", out score);");
            writer.WriteLine("OutputDeltas(t, count, scale, a, d);");
            if (layout.LayerCount > 1) writer.WriteLine("Backpropagate(" + PublicApiEmitter.BackpropagateArguments(layout, "a", "d", "masks", "count", "training") + ");");
            writer.WriteLine("AccumulateBatchGradients(x, a, d, count, gradients, 0, 1, false, null);");
            writer.WriteLine("return loss;");
            writer.CloseBlock();
            writer.WriteLine();

            if (!layout.HasDropout) EmitThreadedHooks(writer, layout);

            // Evaluate runs beside Predict, Train and other Evaluate calls: its activations are its own, as PredictBatch's are.
            string chunk = NetworkLayout.Int(layout.PredictChunk);
            writer.WriteLine("// Evaluate's forward pass, " + chunk + " rows at a time in scratch of its own: it shares nothing with training or other calls");
            writer.OpenBlock("float " + Code.Trainable + ".EvaluateBatch(" + Code.ReadOnlySpan + " inputs, " + Code.ReadOnlySpan + " targets, int count, out float score)");
            writer.WriteLine(Code.Guard + ".Batch(count, inputs.Length, InputSize, targets.Length, OutputSize);");
            writer.WriteLine("int rows = Sys::Math.Min(count, " + chunk + ");");
            PublicApiEmitter.EmitScratch(writer, layout, "rows");
            writer.WriteLine("float loss = 0f;");
            writer.WriteLine("score = 0f;");
            writer.OpenBlock("for (int first = 0; first < count; first += " + chunk + ")");
            writer.WriteLine("int n = Sys::Math.Min(" + chunk + ", count - first);");
            writer.WriteLine("Forward(" + PublicApiEmitter.ForwardArguments(layout, "inputs.Slice(InputSize * first, InputSize * n)", "n", "a", layout.Logits, "false") + ");");
            writer.WriteLine("loss += BatchLoss(targets.Slice(OutputSize * first, OutputSize * n), n, a" + (layout.HasSoftmaxOutput ? ", " + layout.Logits : "") + ", out float rowsScore);");
            writer.WriteLine("score += rowsScore;");
            writer.CloseBlock();
            writer.WriteLine("return loss;");
            writer.CloseBlock();
        }

        /// <summary>The slice start … start + count − 1 of the batch: t (and x), and the scratch rows a, d (and z) of those samples.</summary>
        private static void EmitSliceViews(SourceWriter writer, NetworkLayout layout, bool inputs)
        {
            writer.WriteLine(Code.ReadOnlySpan + " " + (inputs ? "x = inputs.Slice(InputSize * start, InputSize * count), " : "") + "t = targets.Slice(OutputSize * start, OutputSize * count);");
            writer.WriteLine(Code.Span + " a = " + layout.ArraySlice("_activations", "ScratchSize * start", "ScratchSize * count")
                + ", d = " + layout.ArraySlice("_deltas", "ScratchSize * start", "ScratchSize * count") + ";");
            if (layout.HasSoftmaxOutput) writer.WriteLine(Code.Span + " " + (inputs ? "z" : layout.Logits) + " = new " + Code.Span + "(_logits, OutputSize * start, OutputSize * count);");
        }

        /// <summary>
        /// The parts of AccumulateSlice that threads share (SN::Training.BatchRunner): the forward and backward pass split
        /// by samples (after layer 1's forward pass split by rows, when it is hidden), then the gradients split by rows.
        /// Each sample and each row is computed as in the one-thread pass, so the result does not depend on the split.
        /// </summary>
        private static void EmitThreadedHooks(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("// A batch shared by threads (SN::Training.BatchRunner): the forward and backward pass by samples"
                + (layout.SplitsFirstLayerByRows ? " (layer 1's forward pass by rows first)" : "") + ", then the gradients by rows, each sample and row computed as in AccumulateSlice.");
            writer.OpenBlock("void " + Code.Parallel + ".ForwardBackward(" + Code.ReadOnlySpan + " inputs, " + Code.ReadOnlySpan + " targets, int start, int count, float scale)");
            writer.WriteLine(Code.Guard + ".Slice(start, count, _capacity, inputs.Length, InputSize, targets.Length, OutputSize);");
            EmitSliceViews(writer, layout, inputs: true);
            writer.WriteLine("Forward(" + PublicApiEmitter.ForwardArguments(layout, "x", "count", "a", "z", "true") + ");");
            writer.WriteLine("OutputDeltas(t, count, scale, a, d);");
            if (layout.LayerCount > 1) writer.WriteLine("Backpropagate(a, d, count);");
            writer.CloseBlock();
            writer.WriteLine();

            if (layout.SplitsFirstLayerByRows)
            {
                EmitFirstLayerHooks(writer, layout);
                writer.WriteLine();
            }

            writer.OpenBlock("float " + Code.Parallel + ".LossOfBatch(" + Code.ReadOnlySpan + " targets, int count, out float score)");
            writer.WriteLine(Code.Guard + ".Count(count, _capacity);");
            writer.WriteLine(Code.Guard + ".Rows(targets.Length, count, OutputSize, nameof(targets));");
            writer.WriteLine("return BatchLoss(targets, count, " + layout.ArraySpan("_activations") + (layout.HasSoftmaxOutput ? ", _logits" : "") + ", out score);");
            writer.CloseBlock();
            writer.WriteLine();

            writer.OpenBlock("void " + Code.Parallel + ".SampleLosses(" + Code.ReadOnlySpan + " targets, int start, int count, " + Code.Span + " losses, " + Code.Span + " scores)");
            writer.WriteLine(Code.Guard + ".TargetSlice(start, count, _capacity, targets.Length, OutputSize);");
            writer.WriteLine(Code.Guard + ".Length(losses.Length, count, nameof(losses));");
            writer.WriteLine(Code.Guard + ".Length(scores.Length, count, nameof(scores));");
            writer.WriteLine(Code.ReadOnlySpan + " t = targets, a = " + layout.ArraySpan("_activations") + (layout.HasSoftmaxOutput ? ", " + layout.Logits + " = _logits" : "") + ";");
            LossEmitter.EmitSampleLossesLoop(writer, layout);
            writer.CloseBlock();
            writer.WriteLine();

            writer.OpenBlock("void " + Code.Parallel + ".ComputeGradientRows(" + Code.ReadOnlySpan + " inputs, int count, int part, int parts, " + Code.Span + " gradients, "
                + Code.RangeUpdate + " update)");
            writer.WriteLine(Code.Guard + ".Count(count, _capacity);");
            writer.WriteLine(Code.Guard + ".Rows(inputs.Length, count, InputSize, nameof(inputs));");
            writer.WriteLine(Code.Guard + ".Length(gradients.Length, ParameterCount, nameof(gradients));");
            writer.WriteLine(Code.Guard + ".Part(part, parts);");
            writer.WriteLine("AccumulateBatchGradients(inputs, " + layout.ArraySpan("_activations") + ", " + layout.ArraySpan("_deltas") + ", count, gradients, part, parts, true, update);");
            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>Layer 1 shared by rows (ForwardFirstLayer), then the layers above it by samples: each thread reads the rows of W1 it also updates.</summary>
        private static void EmitFirstLayerHooks(SourceWriter writer, NetworkLayout layout)
        {
            writer.OpenBlock("void " + Code.RowSplit + ".ForwardFirstLayer(" + Code.ReadOnlySpan + " inputs, int count, int part, int parts)");
            writer.WriteLine(Code.Guard + ".Count(count, _capacity);");
            writer.WriteLine(Code.Guard + ".Rows(inputs.Length, count, InputSize, nameof(inputs));");
            writer.WriteLine(Code.Guard + ".Part(part, parts);");
            string size = NetworkLayout.Int(layout.Sizes[1]);
            writer.WriteLine("int rowStart = SN::Training.BlockSplit.Start(" + size + ", part, parts), rowEnd = SN::Training.BlockSplit.Start(" + size + ", part + 1, parts);");
            writer.WriteLine("ForwardLayer1(inputs, count, " + layout.ArraySpan("_activations") + ", rowStart, rowEnd);");
            writer.CloseBlock();
            writer.WriteLine();
            writer.OpenBlock("void " + Code.RowSplit + ".ForwardBackwardAboveFirstLayer(" + Code.ReadOnlySpan + " targets, int start, int count, float scale)");
            writer.WriteLine(Code.Guard + ".TargetSlice(start, count, _capacity, targets.Length, OutputSize);");
            EmitSliceViews(writer, layout, inputs: false);
            for (int l = 2; l <= layout.LayerCount; l++) writer.WriteLine("ForwardLayer" + NetworkLayout.Int(l) + "(" + ForwardEmitter.Signature(layout, l).Arguments + ");");
            writer.WriteLine("OutputDeltas(t, count, scale, a, d);");
            writer.WriteLine("Backpropagate(a, d, count);");
            writer.CloseBlock();
        }
    }
}
