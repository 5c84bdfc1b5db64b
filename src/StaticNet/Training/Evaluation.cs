using System;

namespace StaticNet.Training
{
    /// <summary>
    /// Evaluate's pass over a data set, which shares nothing with training: the rows come straight from the caller's
    /// spans (in order, in batches of <see cref="BatchLimits.EvaluationBatch"/>, the batches the trainer's own
    /// evaluations use), the targets of class labels are built in a buffer of the call's own, and each network's
    /// EvaluateBatch keeps its activations in scratch of its own. So Evaluate can run beside Predict, other Evaluate
    /// calls, and Train, which it does not disturb (though a Train running meanwhile moves the parameters under it).
    /// </summary>
    internal static class Evaluation
    {
        public static (double Loss, double Score) InOrder(ITrainableNetwork network, in DataSet data)
        {
            int inputSize = network.InputSize, outputSize = network.OutputSize;
            int batch = Math.Max(1, Math.Min(Math.Min(BatchLimits.EvaluationBatch, data.Count), BatchLimits.MaxRows(network)));
            float[] labelTargets = data.HasLabels ? new float[batch * outputSize] : Array.Empty<float>();
            double loss = 0, score = 0;
            for (int start = 0; start < data.Count; start += batch)
            {
                int count = Math.Min(batch, data.Count - start);
                ReadOnlySpan<float> targets;
                if (data.HasLabels)
                {
                    for (int s = 0; s < count; s++) DataSet.TargetOfLabel(data.Labels[start + s], labelTargets.AsSpan(s * outputSize, outputSize));
                    targets = labelTargets.AsSpan(0, count * outputSize);
                }
                else
                {
                    targets = data.Targets.Slice(start * outputSize, count * outputSize);
                }
                loss += network.EvaluateBatch(data.Inputs.Slice(start * inputSize, count * inputSize), targets, count, out float rowsScore);
                score += rowsScore;
            }
            return (loss, score);
        }
    }
}
