using static StaticNet.Generators.Emit.NetworkEmitter;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Writes the explicit <c>ITrainableNetwork</c> implementation: the hooks the shared training loop
    /// calls — batched gradient and evaluation passes, scratch sizing, and the optimizer updates as
    /// fixed-size loops over the parameter vector, each with its formula.
    /// </summary>
    internal static class TrainableEmitter
    {
        private const string Interface = "global::StaticNet.Training.ITrainableNetwork";
        internal const string ParallelInterface = "global::StaticNet.Training.IParallelTrainableNetwork";
        private const string NetMath = "global::StaticNet.NetMath";

        public static void Emit(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("// ── The training loop's hooks (global::StaticNet.Training.Trainer calls these; users call Train) ──");
            writer.WriteLine();
            writer.WriteLine("int global::StaticNet.INetwork.InputSize => InputSize;");
            writer.WriteLine("int global::StaticNet.INetwork.OutputSize => OutputSize;");
            writer.WriteLine("int global::StaticNet.INetwork.ParameterCount => ParameterCount;");
            writer.WriteLine("global::StaticNet.NetworkArchitecture global::StaticNet.INetwork.Architecture => Architecture;");
            writer.WriteLine("global::StaticNet.Loss " + Interface + ".Loss => global::StaticNet.Loss." + layout.Spec.Loss + ";");
            writer.WriteLine("global::StaticNet.Training.TrainingGate " + Interface + ".Gate => _gate;");
            writer.WriteLine();

            writer.OpenBlock("void " + Interface + ".EnsureBatchCapacity(int count)");
            writer.WriteLine("if (count <= _capacity) return;");
            writer.WriteLine("_capacity = count;");
            writer.WriteLine("_activations = " + layout.NewArray("count * ScratchSize") + ";");
            writer.WriteLine("_deltas = " + layout.NewArray("count * ScratchSize") + ";");
            if (layout.HasSoftmaxOutput) writer.WriteLine("_logits = new float[count * OutputSize];");
            if (layout.HasDropout) writer.WriteLine("_masks = new float[count * ScratchSize];");
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine(layout.HasDropout
                ? "void " + Interface + ".SeedDropout(int seed) => _dropoutRandom = new global::StaticNet.NetRandom(seed);"
                : "void " + Interface + ".SeedDropout(int seed) { }  // no layer uses dropout");
            writer.WriteLine();


            string logits = layout.HasSoftmaxOutput ? ", z" : "";
            writer.OpenBlock("float " + Interface + ".AccumulateSlice(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, int start, int count, float scale, " + Span + " gradients, bool training, out float score)");
            writer.WriteLine(Guard + ".Slice(start, count, _capacity, inputs.Length, InputSize, targets.Length, OutputSize);");
            writer.WriteLine(Guard + ".Length(gradients.Length, ParameterCount, nameof(gradients));");
            writer.WriteLine("// Samples start … start + count − 1 use their own rows of the scratch, so disjoint slices can run at once.");
            writer.WriteLine(ReadOnlySpan + " x = inputs.Slice(InputSize * start, InputSize * count), t = targets.Slice(OutputSize * start, OutputSize * count);");
            writer.WriteLine(Span + " a = " + layout.ArraySlice("_activations", "ScratchSize * start", "ScratchSize * count") + ", d = " + layout.ArraySlice("_deltas", "ScratchSize * start", "ScratchSize * count") + ";");
            if (layout.HasSoftmaxOutput) writer.WriteLine(Span + " z = new " + Span + "(_logits, OutputSize * start, OutputSize * count);");
            if (layout.HasDropout) writer.WriteLine(Span + " masks = new " + Span + "(_masks, ScratchSize * start, ScratchSize * count);");
            writer.WriteLine("Forward(" + ForwardArguments(layout, "x", "count", "a", "z", "training", "masks") + ");");
            writer.WriteLine("float loss = BatchLoss(t, count, a" + logits + ", out score);");
            writer.WriteLine("OutputDeltas(t, count, scale, a, d);");
            if (layout.LayerCount > 1) writer.WriteLine("Backpropagate(" + BackpropagateArguments(layout, "a", "d", "masks", "count", "training") + ");");
            writer.WriteLine("AccumulateBatchGradients(x, a, d, count, gradients, 0, 1, false, null);");
            writer.WriteLine("return loss;");
            writer.CloseBlock();
            writer.WriteLine();

            if (!layout.HasDropout) EmitThreadedHooks(writer, layout);

            writer.OpenBlock("float " + Interface + ".EvaluateBatch(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, int count, out float score)");
            writer.WriteLine(Guard + ".Batch(count, _capacity, inputs.Length, InputSize, targets.Length, OutputSize);");
            writer.WriteLine("Forward(" + ForwardArguments(layout, "inputs", "count", layout.ArraySpan("_activations"), "_logits", "false") + ");");
            writer.WriteLine("return BatchLoss(targets, count, " + layout.ArraySpan("_activations") + (layout.HasSoftmaxOutput ? ", _logits" : "") + ", out score);");
            writer.CloseBlock();
            writer.WriteLine();

            EmitSgd(writer, layout);
            writer.WriteLine();
            EmitAdam(writer, layout);
        }

        /// <summary>
        /// The parts of AccumulateSlice that threads share (StaticNet.Training.BatchRunner): the forward and
        /// backward pass split by samples (after layer 1's forward pass split by rows, when it is hidden), then the
        /// gradients split by rows. Each sample and each row is computed as in the one-thread pass, so the result
        /// does not depend on the split. Networks with dropout (one random sequence for the whole batch) train on one
        /// thread and do not get them.
        /// </summary>
        private static void EmitThreadedHooks(SourceWriter writer, NetworkLayout layout)
        {
            string logits = layout.HasSoftmaxOutput ? ", z" : "";
            writer.WriteLine("// A batch shared by threads (StaticNet.Training.BatchRunner): ForwardBackward by ranges of samples (or ForwardFirstLayer by rows,");
            writer.WriteLine("// then ForwardBackwardAboveFirstLayer by samples) and SampleLosses, then ComputeGradientRows by ranges of rows.");
            writer.WriteLine("// Every sample and row is computed as in AccumulateSlice.");
            writer.OpenBlock("void " + ParallelInterface + ".ForwardBackward(" + ReadOnlySpan + " inputs, " + ReadOnlySpan + " targets, int start, int count, float scale)");
            writer.WriteLine(Guard + ".Slice(start, count, _capacity, inputs.Length, InputSize, targets.Length, OutputSize);");
            writer.WriteLine(ReadOnlySpan + " x = inputs.Slice(InputSize * start, InputSize * count), t = targets.Slice(OutputSize * start, OutputSize * count);");
            writer.WriteLine(Span + " a = " + layout.ArraySlice("_activations", "ScratchSize * start", "ScratchSize * count") + ", d = " + layout.ArraySlice("_deltas", "ScratchSize * start", "ScratchSize * count") + ";");
            if (layout.HasSoftmaxOutput) writer.WriteLine(Span + " z = new " + Span + "(_logits, OutputSize * start, OutputSize * count);");
            writer.WriteLine("Forward(" + ForwardArguments(layout, "x", "count", "a", "z", "true") + ");");
            writer.WriteLine("OutputDeltas(t, count, scale, a, d);");
            if (layout.LayerCount > 1) writer.WriteLine("Backpropagate(" + BackpropagateArguments(layout, "a", "d", "masks", "count", "true") + ");");
            writer.CloseBlock();
            writer.WriteLine();

            EmitFirstLayerHooks(writer, layout);
            writer.WriteLine();

            writer.OpenBlock("float " + ParallelInterface + ".LossOfBatch(" + ReadOnlySpan + " targets, int count, out float score)");
            writer.WriteLine(Guard + ".Count(count, _capacity);");
            writer.WriteLine(Guard + ".Rows(targets.Length, count, OutputSize, nameof(targets));");
            writer.WriteLine("return BatchLoss(targets, count, " + layout.ArraySpan("_activations") + (layout.HasSoftmaxOutput ? ", _logits" : "") + ", out score);");
            writer.CloseBlock();
            writer.WriteLine();

            writer.OpenBlock("void " + ParallelInterface + ".SampleLosses(" + ReadOnlySpan + " targets, int start, int count, " + Span + " losses, " + Span + " scores)");
            writer.WriteLine(Guard + ".TargetSlice(start, count, _capacity, targets.Length, OutputSize);");
            writer.WriteLine(Guard + ".Length(losses.Length, count, nameof(losses));");
            writer.WriteLine(Guard + ".Length(scores.Length, count, nameof(scores));");
            writer.WriteLine(ReadOnlySpan + " t = targets, a = " + layout.ArraySpan("_activations") + (layout.HasSoftmaxOutput ? ", " + layout.Logits + " = _logits" : "") + ";");
            LossEmitter.EmitSampleLossesLoop(writer, layout);
            writer.CloseBlock();
            writer.WriteLine();

            writer.OpenBlock("void " + ParallelInterface + ".ComputeGradientRows(" + ReadOnlySpan + " inputs, int count, int part, int parts, " + Span + " gradients, " + NetworkEmitter.RangeUpdate + " update)");
            writer.WriteLine(Guard + ".Count(count, _capacity);");
            writer.WriteLine(Guard + ".Rows(inputs.Length, count, InputSize, nameof(inputs));");
            writer.WriteLine(Guard + ".Length(gradients.Length, ParameterCount, nameof(gradients));");
            writer.WriteLine(Guard + ".Part(part, parts);");
            writer.WriteLine("AccumulateBatchGradients(inputs, " + layout.ArraySpan("_activations") + ", " + layout.ArraySpan("_deltas") + ", count, gradients, part, parts, true, update);");
            writer.CloseBlock();
            writer.WriteLine();
        }

        /// <summary>
        /// Layer 1 shared by rows (ForwardFirstLayer), then the layers above it by samples: each thread reads the rows of
        /// W1 it also updates. Networks of one layer (its rows are the output, a softmax needs them all) say so and throw.
        /// </summary>
        private static void EmitFirstLayerHooks(SourceWriter writer, NetworkLayout layout)
        {
            bool split = layout.SplitsFirstLayerByRows;
            writer.WriteLine("bool " + ParallelInterface + ".HasHiddenFirstLayer => " + (split ? "true" : "false") + ";");
            writer.WriteLine();
            const string OneLayer = "throw new global::System.InvalidOperationException(\"This network has one layer: its forward pass is shared by samples (ForwardBackward), not by rows.\");";
            writer.OpenBlock("void " + ParallelInterface + ".ForwardFirstLayer(" + ReadOnlySpan + " inputs, int count, int part, int parts)");
            if (split)
            {
                writer.WriteLine(Guard + ".Count(count, _capacity);");
                writer.WriteLine(Guard + ".Rows(inputs.Length, count, InputSize, nameof(inputs));");
                writer.WriteLine(Guard + ".Part(part, parts);");
                string size = NetworkLayout.Int(layout.Sizes[1]);
                writer.WriteLine("int rowStart = " + LayerEmitter.BlockSplit + "(" + size + ", part, parts), rowEnd = " + LayerEmitter.BlockSplit + "(" + size + ", part + 1, parts);");
                writer.WriteLine("ForwardLayer1(inputs, count, " + layout.ArraySpan("_activations") + ", rowStart, rowEnd);");
            }
            else
            {
                writer.WriteLine(OneLayer);
            }
            writer.CloseBlock();
            writer.WriteLine();
            writer.OpenBlock("void " + ParallelInterface + ".ForwardBackwardAboveFirstLayer(" + ReadOnlySpan + " targets, int start, int count, float scale)");
            if (split)
            {
                writer.WriteLine(Guard + ".TargetSlice(start, count, _capacity, targets.Length, OutputSize);");
                writer.WriteLine(ReadOnlySpan + " t = targets.Slice(OutputSize * start, OutputSize * count);");
                writer.WriteLine(Span + " a = " + layout.ArraySlice("_activations", "ScratchSize * start", "ScratchSize * count") + ", d = " + layout.ArraySlice("_deltas", "ScratchSize * start", "ScratchSize * count") + ";");
                if (layout.HasSoftmaxOutput) writer.WriteLine(Span + " " + layout.Logits + " = new " + Span + "(_logits, OutputSize * start, OutputSize * count);");
                for (int l = 2; l <= layout.LayerCount; l++) writer.WriteLine("ForwardLayer" + NetworkLayout.Int(l) + "(" + NetworkEmitter.ForwardLayerSignature(layout, l).Arguments + ");");
                writer.WriteLine("OutputDeltas(t, count, scale, a, d);");
                writer.WriteLine("Backpropagate(" + BackpropagateArguments(layout, "a", "d", "masks", "count", "true") + ");");
            }
            else
            {
                writer.WriteLine(OneLayer);
            }
            writer.CloseBlock();
        }

        private const string Vector = "global::System.Numerics.Vector<float>";
        private const string VectorOps = "global::System.Numerics.Vector";

        private static void EmitSgd(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// SGD as torch.optim.SGD, with g = ∇θ + λ₂·θ + λ₁·sign(θ): without momentum θ ← θ − η·g; with momentum");
            writer.WriteLine("/// v ← μ·v + (1 − dampening)·g (v ← g on the first step) and θ ← θ − η·v, or θ ← θ − η·(g + μ·v) for Nesterov.");
            writer.WriteLine("/// Parameters start … start + gradients.Length − 1 only, whose gradients are given (each one's update depends on");
            writer.WriteLine("/// nothing else, so threads can share the vector); whole SIMD vectors (Vector&lt;float&gt;) first, then one parameter");
            writer.WriteLine("/// at a time for the rest.");
            writer.WriteLine("/// </summary>");
            writer.OpenBlock("void " + Interface + ".ApplySgd(int start, " + ReadOnlySpan + " gradients, " + Span + " velocity, in global::StaticNet.Training.SgdStep step)");
            writer.WriteLine(Guard + ".Range(start, gradients.Length, ParameterCount, nameof(gradients));");
            writer.WriteLine("int i = 0, end = gradients.Length;");
            writer.WriteLine(Span + " p = " + layout.ParameterSlice("start", "end") + ";");
            writer.WriteLine("float learningRate = step.LearningRate, l2 = step.WeightDecay, l1 = step.L1, momentum = step.Momentum;");
            writer.OpenBlock("if (momentum == 0f && l2 == 0f && l1 == 0f)");
            writer.WriteLine("// Plain SGD, the usual case: θ ← θ − η·g, without the decay terms' extra operations per element");
            writer.OpenBlock("if (" + VectorOps + ".IsHardwareAccelerated)");
            writer.WriteLine("ref float theta = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(p);");
            writer.WriteLine("ref float gradient = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(gradients);");
            writer.OpenBlock("for (; i <= end - " + Vector + ".Count; i += " + Vector + ".Count)");
            writer.WriteLine(VectorOps + ".StoreUnsafe(" + VectorOps + ".LoadUnsafe(ref theta, (nuint)i) - learningRate * " + VectorOps + ".LoadUnsafe(ref gradient, (nuint)i), ref theta, (nuint)i);");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.WriteLine("for (; i < end; i++) p[i] -= learningRate * gradients[i];");
            writer.WriteLine("return;");
            writer.CloseBlock();
            writer.OpenBlock("if (momentum == 0f)");
            writer.OpenBlock("if (" + VectorOps + ".IsHardwareAccelerated)");
            writer.OpenBlock("for (; i <= end - " + Vector + ".Count; i += " + Vector + ".Count)");
            writer.WriteLine("var theta = new " + Vector + "(p.Slice(i));");
            writer.WriteLine("var g = new " + Vector + "(gradients.Slice(i)) + l2 * theta + l1 * " + NetMath + ".Sign(theta);");
            writer.WriteLine("(theta - learningRate * g).CopyTo(p.Slice(i));");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.WriteLine("for (; i < end; i++) p[i] -= learningRate * (gradients[i] + l2 * p[i] + l1 * " + NetMath + ".Sign(p[i]));");
            writer.WriteLine("return;");
            writer.CloseBlock();
            writer.WriteLine(Guard + ".Length(velocity.Length, ParameterCount, nameof(velocity));");
            writer.WriteLine("velocity = velocity.Slice(start, end);");
            writer.WriteLine("float keep = 1f - step.Dampening, nesterov = step.Nesterov ? 1f : 0f, first = step.FirstStep ? 1f : 0f;");
            writer.WriteLine("// With first = 1 the velocity starts as g; with nesterov = 1 the step is g + μ·v, else v.");
            writer.OpenBlock("if (" + VectorOps + ".IsHardwareAccelerated)");
            writer.OpenBlock("for (; i <= end - " + Vector + ".Count; i += " + Vector + ".Count)");
            writer.WriteLine("var theta = new " + Vector + "(p.Slice(i));");
            writer.WriteLine("var g = new " + Vector + "(gradients.Slice(i)) + l2 * theta + l1 * " + NetMath + ".Sign(theta);");
            writer.WriteLine("var v = first == 1f ? g : momentum * new " + Vector + "(velocity.Slice(i)) + keep * g;");
            writer.WriteLine("v.CopyTo(velocity.Slice(i));");
            writer.WriteLine("(theta - learningRate * (nesterov == 1f ? g + momentum * v : v)).CopyTo(p.Slice(i));");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.OpenBlock("for (; i < end; i++)");
            writer.WriteLine("float g = gradients[i] + l2 * p[i] + l1 * " + NetMath + ".Sign(p[i]);");
            writer.WriteLine("velocity[i] = first == 1f ? g : momentum * velocity[i] + keep * g;");
            writer.WriteLine("p[i] -= learningRate * (nesterov == 1f ? g + momentum * velocity[i] : velocity[i]);");
            writer.CloseBlock();
            writer.CloseBlock();
        }

        private static void EmitAdam(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Adam as torch.optim.Adam/AdamW, with g = ∇θ + λ₂·θ + λ₁·sign(θ): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,");
            writer.WriteLine("/// θ ← θ·(1 − η·λ_AdamW) − η/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε), for parameters start … start + gradients.Length − 1.");
            writer.WriteLine("/// Whole SIMD vectors first, then the rest.");
            writer.WriteLine("/// </summary>");
            writer.OpenBlock("void " + Interface + ".ApplyAdam(int start, " + ReadOnlySpan + " gradients, " + Span + " m, " + Span + " v, in global::StaticNet.Training.AdamStep step)");
            writer.WriteLine(Guard + ".Length(m.Length, ParameterCount, nameof(m));");
            writer.WriteLine(Guard + ".Length(v.Length, ParameterCount, nameof(v));");
            writer.WriteLine(Guard + ".Range(start, gradients.Length, ParameterCount, nameof(gradients));");
            writer.WriteLine("int i = 0, end = gradients.Length;");
            writer.WriteLine(Span + " p = " + layout.ParameterSlice("start", "end") + ";");
            writer.WriteLine("m = m.Slice(start, end);");
            writer.WriteLine("v = v.Slice(start, end);");
            writer.WriteLine("float beta1 = step.Beta1, beta2 = step.Beta2, oneMinusBeta1 = 1f - beta1, oneMinusBeta2 = 1f - beta2;");
            writer.WriteLine("float stepSize = step.StepSize, correction2 = step.BiasCorrection2Sqrt, epsilon = step.Epsilon;");
            writer.WriteLine("float l2 = step.WeightDecay, l1 = step.L1, decay = step.DecoupledDecayFactor;");
            writer.OpenBlock("if (" + VectorOps + ".IsHardwareAccelerated)");
            writer.OpenBlock("for (; i <= end - " + Vector + ".Count; i += " + Vector + ".Count)");
            writer.WriteLine("var theta = new " + Vector + "(p.Slice(i));");
            writer.WriteLine("var g = new " + Vector + "(gradients.Slice(i)) + l2 * theta + l1 * " + NetMath + ".Sign(theta);");
            writer.WriteLine("var mi = beta1 * new " + Vector + "(m.Slice(i)) + oneMinusBeta1 * g;");
            writer.WriteLine("var vi = beta2 * new " + Vector + "(v.Slice(i)) + oneMinusBeta2 * g * g;");
            writer.WriteLine("mi.CopyTo(m.Slice(i));");
            writer.WriteLine("vi.CopyTo(v.Slice(i));");
            writer.WriteLine("(theta * decay - stepSize * mi / (" + VectorOps + ".SquareRoot(vi) / correction2 + new " + Vector + "(epsilon))).CopyTo(p.Slice(i));");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.OpenBlock("for (; i < end; i++)");
            writer.WriteLine("float g = gradients[i] + l2 * p[i] + l1 * " + NetMath + ".Sign(p[i]);");
            writer.WriteLine("m[i] = beta1 * m[i] + oneMinusBeta1 * g;");
            writer.WriteLine("v[i] = beta2 * v[i] + oneMinusBeta2 * g * g;");
            writer.WriteLine("p[i] = p[i] * decay - stepSize * m[i] / (" + NetMath + ".Sqrt(v[i]) / correction2 + epsilon);");
            writer.CloseBlock();
            writer.CloseBlock();
        }
    }
}
