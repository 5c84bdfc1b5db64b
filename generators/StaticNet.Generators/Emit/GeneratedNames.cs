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
                "Predict", "PredictBatch", "ClassifyBatch", "ComputeLoss", "AccumulateGradients", "TrainStep",
                "Train", "Evaluate", "Classify", "Save", "Load", "SaveSafetensors", "LoadSafetensors", "ExportOnnx",
                "Forward", "RunSample", "LossOf", "OutputDelta", "BatchLoss", "OutputDeltas", "Backpropagate", "AccumulateBatchGradients",
                "_parameters", "_gate", "_input", "_capacity", "_activations", "_deltas", "_logits", "_masks", "_dropoutRandom",
            })
            {
                yield return name;
            }
            if (spec.Weights is not null) yield return "BakedParameters";
            for (int l = 1; l <= layout.LayerCount; l++)
            {
                yield return NetworkLayout.W(l);
                yield return NetworkLayout.B(l);
                yield return NetworkLayout.A(l);
                yield return "ForwardLayer" + NetworkLayout.Int(l);
                yield return SizeTypes.Name(layout.Sizes[l - 1]);
            }
        }
    }
}
