using System.Collections.Generic;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Every member name the generator adds to a network class. The parser checks the user's class
    /// against this list (SN0008), so a new generated member must be added here.
    /// </summary>
    internal static class GeneratedNames
    {
        /// <summary>Stands for a user-declared parameterless constructor.</summary>
        public const string DefaultConstructor = "constructor ()";

        /// <summary>Stands for a user-declared constructor taking one int.</summary>
        public const string SeedConstructor = "constructor (int)";

        public static IEnumerable<string> For(NetworkSpec spec)
        {
            var layout = new NetworkLayout(spec);
            yield return DefaultConstructor;
            yield return SeedConstructor;
            foreach (string name in new[]
            {
                "InputSize", "OutputSize", "ParameterCount", "Architecture", "ScratchSize", "Parameters",
                "Predict", "ComputeLoss", "AccumulateGradients", "TrainStep",
                "Train", "Evaluate", "Classify",
                "Forward", "LossOf", "OutputDelta", "BatchLoss", "OutputDeltas", "Backpropagate", "AccumulateBatchGradients",
                "_parameters", "_input", "_gate", "_capacity", "_activations", "_deltas", "_logits", "_masks", "_dropoutRandom",
            })
            {
                yield return name;
            }
            for (int l = 1; l <= layout.LayerCount; l++)
            {
                yield return NetworkLayout.W(l);
                yield return NetworkLayout.B(l);
                yield return NetworkLayout.A(l);
            }
            foreach (int n in layout.KernelLengths)
            {
                yield return NetworkLayout.Dot(n);
                yield return NetworkLayout.MulAdd(n);
                yield return NetworkLayout.Dot(n) + "x4";
                yield return NetworkLayout.MulAdd(n) + "x4";
                yield return NetworkLayout.Dot(n) + "Block";
                yield return NetworkLayout.Outer(n);
                yield return NetworkLayout.Outer(n) + "Rows4";
            }
        }
    }
}
