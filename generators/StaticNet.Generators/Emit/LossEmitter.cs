using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// The loss and the output error, each matching the PyTorch loss of the same name: LossOf (one sample's loss),
    /// OutputDelta (δ of the output layer, ∂L/∂z), and their batch forms BatchLoss and OutputDeltas.
    /// </summary>
    internal static class LossEmitter
    {
        public static void Emit(SourceWriter writer, NetworkLayout layout)
        {
            EmitLoss(writer, layout);
            writer.WriteLine();
            EmitOutputDelta(writer, layout);
            writer.WriteLine();
            EmitBatchLoss(writer, layout);
            writer.WriteLine();
            EmitOutputDeltas(writer, layout);
        }

        private static void EmitLoss(SourceWriter writer, NetworkLayout layout)
        {
            int n = layout.OutputSize;
            switch (layout.Spec.Loss)
            {
                case LossKind.MeanSquaredError:
                    writer.WriteLine("/// <summary>Mean squared error: L = (1/n)·Σ (y − t)², as nn.MSELoss.</summary>");
                    writer.OpenBlock("private static float LossOf(" + Code.ReadOnlySpan + " y, " + Code.ReadOnlySpan + " t)");
                    if (n == 1)
                    {
                        writer.WriteLine("float error = y[0] - t[0];");
                        writer.WriteLine("return error * error;");
                    }
                    else
                    {
                        writer.WriteLine("float sum = 0f;");
                        writer.OpenBlock("for (int k = 0; k < " + NetworkLayout.Int(n) + "; k++)");
                        writer.WriteLine("float error = y[k] - t[k];");
                        writer.WriteLine("sum += error * error;");
                        writer.CloseBlock();
                        writer.WriteLine("return sum / " + NetworkLayout.Int(n) + "f;");
                    }
                    writer.CloseBlock();
                    return;

                case LossKind.BinaryCrossEntropy:
                    writer.WriteLine("/// <summary>Binary cross-entropy: L = −(1/n)·Σ [t·log y + (1 − t)·log(1 − y)], each log clamped at −100 as in nn.BCELoss.</summary>");
                    writer.OpenBlock("private static float LossOf(" + Code.ReadOnlySpan + " y, " + Code.ReadOnlySpan + " t)");
                    string logs = "Sys::Math.Max(" + Code.NetMath + ".Log(y[k]), -100f), logNotY = Sys::Math.Max(" + Code.NetMath + ".Log(1f - y[k]), -100f);";
                    if (n == 1)
                    {
                        writer.WriteLine("float logY = " + logs.Replace("[k]", "[0]"));
                        writer.WriteLine("return -(t[0] * logY + (1f - t[0]) * logNotY);");
                    }
                    else
                    {
                        writer.WriteLine("float sum = 0f;");
                        writer.OpenBlock("for (int k = 0; k < " + NetworkLayout.Int(n) + "; k++)");
                        writer.WriteLine("float logY = " + logs);
                        writer.WriteLine("sum += t[k] * logY + (1f - t[k]) * logNotY;");
                        writer.CloseBlock();
                        writer.WriteLine("return -sum / " + NetworkLayout.Int(n) + "f;");
                    }
                    writer.CloseBlock();
                    return;

                default:
                    writer.WriteLine("/// <summary>");
                    writer.WriteLine("/// Cross-entropy from the logits z and their softmax y: L = −Σ t·log softmax(z) = Σ t·(log Σ e^z − z),");
                    writer.WriteLine("/// with log Σ e^z = z_k − log y_k read off the largest y_k, so the forward pass's exponentials are not taken again.");
                    writer.WriteLine("/// </summary>");
                    writer.WriteLine("private static float LossOf(" + Code.ReadOnlySpan + " z, " + Code.ReadOnlySpan + " y, " + Code.ReadOnlySpan + " t) => SN::VectorMath.CrossEntropy(z, y, t);");
                    return;
            }
        }

        private static void EmitOutputDelta(SourceWriter writer, NetworkLayout layout)
        {
            LayerSpec output = layout.Layer(layout.LayerCount);
            int n = layout.OutputSize;
            string count = NetworkLayout.Int(n);
            string signature = "private static void OutputDelta(" + Code.ReadOnlySpan + " y, " + Code.ReadOnlySpan + " t, float scale, " + Code.Span + " d)";
            switch (layout.Spec.Loss)
            {
                case LossKind.CrossEntropy:
                    writer.WriteLine("/// <summary>");
                    writer.WriteLine("/// δ = ∂L/∂z for softmax + cross-entropy, fused: δ = y·Σt − t (= y − t for one-hot or");
                    writer.WriteLine("/// probability targets). Never forms log y or the softmax Jacobian, so it stays stable. Scaled by <paramref name=\"scale\"/>.");
                    writer.WriteLine("/// </summary>");
                    writer.OpenBlock(signature);
                    writer.WriteLine("float targetSum = 0f;");
                    writer.WriteLine("for (int k = 0; k < " + count + "; k++) targetSum += t[k];");
                    writer.WriteLine("for (int k = 0; k < " + count + "; k++) d[k] = scale * (y[k] * targetSum - t[k]);");
                    writer.CloseBlock();
                    return;

                case LossKind.BinaryCrossEntropy:
                    writer.WriteLine("/// <summary>");
                    writer.WriteLine("/// δ = ∂L/∂z for sigmoid + binary cross-entropy, fused: ∂L/∂y = (y − t) / (n·y(1 − y)) and");
                    writer.WriteLine("/// σ'(z) = y(1 − y) cancel, leaving δ = (y − t)/n. Scaled by <paramref name=\"scale\"/>.");
                    writer.WriteLine("/// </summary>");
                    writer.OpenBlock(signature);
                    writer.WriteLine(n == 1 ? "d[0] = scale * (y[0] - t[0]);" : "for (int k = 0; k < " + count + "; k++) d[k] = scale * (y[k] - t[k]) / " + count + "f;");
                    writer.CloseBlock();
                    return;
            }

            // Mean squared error: ∂L/∂y = (2/n)(y − t), then through the output activation.
            string meanGradient = "scale * " + (n == 1 ? "2f" : "(2f / " + count + "f)") + " * (y[k] - t[k])";
            if (output.Activation == ActivationKind.Softmax)
            {
                writer.WriteLine("/// <summary>");
                writer.WriteLine("/// δ = ∂L/∂z for mean squared error on a softmax: with g = ∂L/∂y = (2/n)(y − t) and");
                writer.WriteLine("/// ∂y_k/∂z_j = y_k(1[k = j] − y_j), δ_j = y_j·(g_j − Σ_k g_k·y_k). Scaled by <paramref name=\"scale\"/>.");
                writer.WriteLine("/// </summary>");
                writer.OpenBlock(signature);
                writer.WriteLine("float gy = 0f;");
                writer.OpenBlock("for (int k = 0; k < " + count + "; k++)");
                writer.WriteLine("d[k] = " + meanGradient + ";");
                writer.WriteLine("gy += d[k] * y[k];");
                writer.CloseBlock();
                writer.WriteLine("for (int k = 0; k < " + count + "; k++) d[k] = y[k] * (d[k] - gy);");
                writer.CloseBlock();
                return;
            }

            string? derivative = ActivationMath.Derivative(output, "y[k]");
            writer.WriteLine("/// <summary>δ = ∂L/∂z for mean squared error: δ = (2/n)(y − t) ⊙ " + ActivationMath.DerivativeName(output) + "(z), "
                + ActivationMath.DerivativeMath(output, "y") + ". Scaled by <paramref name=\"scale\"/>.</summary>");
            writer.OpenBlock(signature);
            string delta = "d[k] = " + meanGradient + (derivative is null ? "" : " * " + ActivationMath.Parenthesize(derivative)) + ";";
            writer.WriteLine(n == 1 ? delta.Replace("[k]", "[0]") : "for (int k = 0; k < " + count + "; k++) " + delta);
            writer.CloseBlock();
        }

        /// <summary>Σ loss (and Σ accuracy for classifiers) over a batch whose forward pass is in the scratch.</summary>
        private static void EmitBatchLoss(SourceWriter writer, NetworkLayout layout)
        {
            string logits = layout.HasSoftmaxOutput ? ", " + Code.ReadOnlySpan + " " + layout.Logits : "";
            writer.WriteLine("/// <summary>Σ_s L(y[s], t[s]) over a batch already run forward" + (layout.IsClassifier ? "; <paramref name=\"score\"/> gets Σ_s accuracy" : "") + ".</summary>");
            writer.OpenBlock("private static float BatchLoss(" + Code.ReadOnlySpan + " t, int count, " + Code.ReadOnlySpan + " a" + logits + ", out float score)");
            writer.WriteLine("float loss = 0f;");
            writer.WriteLine("score = 0f;");
            writer.OpenBlock("for (int s = 0; s < count; s++)");
            (string loss, string score) = SampleLossAndScore(writer, layout);
            writer.WriteLine("loss += " + loss + ";");
            if (layout.IsClassifier) writer.WriteLine("score += " + score + ";");
            writer.CloseBlock();
            writer.WriteLine("return loss;");
            writer.CloseBlock();
        }

        /// <summary>
        /// The body of the sample-by-sample loss hook: sample s's loss and score into losses[s − start] and
        /// scores[s − start], read from spans a (activations) and the logits, as <c>BatchLoss</c> adds them up.
        /// </summary>
        public static void EmitSampleLossesLoop(SourceWriter writer, NetworkLayout layout)
        {
            writer.OpenBlock("for (int s = start; s < start + count; s++)");
            (string loss, string score) = SampleLossAndScore(writer, layout);
            writer.WriteLine("losses[s - start] = " + loss + ";");
            writer.WriteLine("scores[s - start] = " + (layout.IsClassifier ? score : "0f") + ";");
            writer.CloseBlock();
        }

        /// <summary>Writes the line that names sample s's target row <c>target</c>; returns its loss and accuracy as expressions.</summary>
        private static (string Loss, string Score) SampleLossAndScore(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine(Code.ReadOnlySpan + " target = t.Slice(OutputSize * s, OutputSize), y = a.Slice(" + NetworkLayout.ScratchRow(layout.LayerCount, "s") + ", OutputSize);");
            string lossInput = layout.LossArguments("y", layout.Logits + ".Slice(OutputSize * s, OutputSize)");
            return ("LossOf(" + lossInput + ", target)", "SN::Training.Metrics.Score(SN::Loss." + layout.Spec.Loss + ", y, target)");
        }

        /// <summary>δ of the output layer for every sample of a batch, times a scale (1/count gives the mean's gradient).</summary>
        private static void EmitOutputDeltas(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>δ of the output layer for every sample of the batch, each times <paramref name=\"scale\"/>.</summary>");
            writer.OpenBlock("private static void OutputDeltas(" + Code.ReadOnlySpan + " t, int count, float scale, " + Code.ReadOnlySpan + " a, " + Code.Span + " d)");
            writer.OpenBlock("for (int s = 0; s < count; s++)");
            writer.WriteLine("int row = " + NetworkLayout.ScratchRow(layout.LayerCount, "s") + ";");
            writer.WriteLine("OutputDelta(a.Slice(row, OutputSize), t.Slice(OutputSize * s, OutputSize), scale, d.Slice(row, OutputSize));");
            writer.CloseBlock();
            writer.CloseBlock();
        }
    }
}
