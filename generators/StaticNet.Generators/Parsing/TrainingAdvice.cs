using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNet.Generators.Diagnostics;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Parsing
{
    /// <summary>
    /// Warnings for declarations that are valid but train badly: the mistakes the field's textbooks
    /// warn about, caught where they are made.
    /// </summary>
    internal static class TrainingAdvice
    {
        /// <summary>More Sigmoid hidden layers than this and the gradient reaching the first is at most (1/4)^n of the last's.</summary>
        public const int MaxSigmoidHiddenLayers = 3;

        public static void Check(string typeName, List<LayerSpec> layers, List<Location?> layerLocations, bool[] chosenInitialization, LossKind loss, List<DiagnosticInfo> diagnostics)
        {
            int last = layers.Count - 1;
            if (loss == LossKind.MeanSquaredError && layers[last].Activation == ActivationKind.Softmax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MseOnSoftmax, layerLocations[last], typeName));
            }

            int sigmoidHidden = layers.Take(last).Count(l => l.Activation == ActivationKind.Sigmoid);
            if (sigmoidHidden > MaxSigmoidHiddenLayers)
            {
                int first = layers.FindIndex(l => l.Activation == ActivationKind.Sigmoid);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DeepSigmoid, layerLocations[first], typeName, sigmoidHidden.ToString(CultureInfo.InvariantCulture)));
            }

            for (int i = 0; i < layers.Count; i++)
            {
                bool reluFamily = layers[i].Activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.ELU;
                bool glorot = layers[i].Initialization is InitializationKind.GlorotUniform or InitializationKind.GlorotNormal;
                if (reluFamily && glorot && chosenInitialization[i])
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ReluWithGlorot, layerLocations[i],
                        (i + 1).ToString(CultureInfo.InvariantCulture), layers[i].Activation.ToString(), "Initialization." + layers[i].Initialization));
                }
            }
        }
    }
}
