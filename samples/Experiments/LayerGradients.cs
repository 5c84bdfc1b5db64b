using System;

namespace StaticNet.Experiments;

/// <summary>How large each layer's gradient is: what vanishing gradients are about.</summary>
public static class LayerGradients
{
    /// <summary>
    /// The L2 norm of each layer's weight gradient ‖∂L/∂W_l‖, of the mean loss over the given samples (one-hot targets from
    /// the labels): AccumulateGradients sums the samples' gradients, and Architecture says where each layer's weights lie.
    /// </summary>
    public static double[] WeightNorms(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        var gradients = new float[network.ParameterCount];
        var target = new float[network.OutputSize];
        for (int s = 0; s < labels.Length; s++)
        {
            Array.Clear(target);
            target[labels[s]] = 1f;
            network.AccumulateGradients(inputs.Slice(s * network.InputSize, network.InputSize), target, gradients);
        }
        NetworkArchitecture architecture = network.Architecture;
        var norms = new double[architecture.Layers.Count];
        for (int l = 0; l < norms.Length; l++)
        {
            double sum = 0;
            for (int i = architecture.WeightOffset(l); i < architecture.BiasOffset(l); i++)
            {
                double mean = gradients[i] / (double)labels.Length;
                sum += mean * mean;
            }
            norms[l] = Math.Sqrt(sum);
        }
        return norms;
    }
}
