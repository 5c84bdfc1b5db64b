using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// The network's constants (sizes, its architecture as data, where each layer lives in the parameter vector and in a
    /// sample's scratch row), its arrays, and its constructors.
    /// </summary>
    internal static class StorageEmitter
    {
        public static void Emit(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>Number of values <see cref=\"Predict\"/> reads.</summary>");
            writer.WriteLine("public const int InputSize = " + NetworkLayout.Int(layout.Sizes[0]) + ";");
            writer.WriteLine("/// <summary>Number of values <see cref=\"Predict\"/> writes.</summary>");
            writer.WriteLine("public const int OutputSize = " + NetworkLayout.Int(layout.OutputSize) + ";");
            writer.WriteLine("/// <summary>Number of weights and biases, the length of <see cref=\"Parameters\"/>.</summary>");
            writer.WriteLine("public const int ParameterCount = " + NetworkLayout.Int(layout.ParameterCount) + ";");
            EmitArchitecture(writer, layout);
            writer.WriteLine();
            writer.WriteLine("// Where each layer's weights (W) and biases (B) start in the parameter vector,");
            writer.WriteLine("// and where its activations and deltas (A) start in a sample's scratch row.");
            for (int l = 1; l <= layout.LayerCount; l++)
            {
                writer.WriteLine("private const int " + NetworkLayout.W(l) + " = " + NetworkLayout.Int(layout.WeightOffset(l))
                    + ", " + NetworkLayout.B(l) + " = " + NetworkLayout.Int(layout.BiasOffset(l))
                    + ", " + NetworkLayout.A(l) + " = " + NetworkLayout.Int(layout.ScratchOffset(l)) + ";");
            }
            writer.WriteLine("private const int ScratchSize = " + NetworkLayout.Int(layout.ScratchSize) + ";");
            writer.WriteLine();
            EmitFields(writer, layout);
            writer.WriteLine();
            EmitConstructors(writer, layout);
        }

        internal static void EmitArchitecture(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("/// <summary>The declared layers, activations and loss, as data.</summary>");
            writer.WriteLine("public static SN::NetworkArchitecture Architecture { get; } = new SN::NetworkArchitecture(");
            writer.WriteLine("    " + NetworkLayout.Int(layout.Sizes[0]) + ", SN::Loss." + layout.Spec.Loss + ",");
            for (int l = 1; l <= layout.LayerCount; l++)
            {
                LayerSpec layer = layout.Layer(l);
                string extra = (layer.Activation is ActivationKind.LeakyReLU or ActivationKind.ELU ? ", alpha: " + NetworkLayout.FloatLiteral(layer.Alpha) : "")
                    + (layer.Dropout > 0f ? ", dropout: " + NetworkLayout.FloatLiteral(layer.Dropout) : "");
                writer.WriteLine("    new SN::LayerInfo(" + NetworkLayout.Int(layer.Size) + ", SN::Activation." + layer.Activation + extra + ")" + (l == layout.LayerCount ? ");" : ","));
            }
        }

        private static void EmitFields(SourceWriter writer, NetworkLayout layout)
        {
            writer.WriteLine("private readonly " + layout.ArrayType + " _parameters = " + layout.NewArray("ParameterCount") + ";"
                + (layout.HasAlignedArrays ? "  // on a cache line, for the kernels' loads" : ""));
            if (layout.HasAlignedArrays) writer.WriteLine("private readonly " + layout.ArrayType + " _input = " + layout.NewArray("InputSize") + ";  // TrainStep's copy of its input, on a cache line");
            writer.WriteLine("private readonly SN::Training.TrainingGate _gate = new SN::Training.TrainingGate();  // one training call at a time");
            if (layout.HasTransposedFirstLayer)
            {
                string readers = layout.TransposesForOneSample && layout.TransposesForBatches ? "Predict, Classify and their batches"
                    : layout.TransposesForOneSample ? "Predict and Classify" : "PredictBatch and ClassifyBatch";
                writer.WriteLine("private readonly SN::Kernels.TransposedWeights _w1Transposed = new SN::Kernels.TransposedWeights(InputSize, " + NetworkLayout.Int(layout.Sizes[1])
                    + ", oneSample: " + (layout.TransposesForOneSample ? "true" : "false") + ", batches: " + (layout.TransposesForBatches ? "true" : "false")
                    + ");  // W1ᵀ in panels for " + readers + ", used while it holds W1 as it is");
            }
            writer.WriteLine("// Training scratch for up to _capacity samples, grown (rarely) by EnsureBatchCapacity: every layer's a and δ.");
            writer.WriteLine("private int _capacity = 1;");
            writer.WriteLine("private " + layout.ArrayType + " _activations = " + layout.NewArray("ScratchSize") + ";");
            writer.WriteLine("private " + layout.ArrayType + " _deltas = " + layout.NewArray("ScratchSize") + ";");
            if (layout.HasSoftmaxOutput) writer.WriteLine("private float[] _logits = new float[OutputSize];  // z of the softmax layer, for a stable loss");
            if (layout.HasDropout)
            {
                writer.WriteLine("private float[] _masks = new float[ScratchSize];  // dropout: 0 for a dropped unit, 1/(1 − p) for a kept one");
                writer.WriteLine("private SN::NetRandom _dropoutRandom;");
            }
        }

        internal static void EmitConstructors(SourceWriter writer, NetworkLayout layout)
        {
            string name = layout.Spec.Type.Name;
            if (layout.Spec.Weights is null)
            {
                writer.WriteLine("/// <summary>Creates the network with parameters initialised from seed 0.</summary>");
                writer.WriteLine("public " + name + "() : this(0) { }");
            }
            else
            {
                string file = BakedWeightsEmitter.XmlText(layout.Spec.Weights);
                writer.WriteLine("/// <summary>Creates the network with the parameters baked in at compile time from " + file + " (<see cref=\"BakedParameters\"/>).</summary>");
                writer.OpenBlock("public " + name + "()");
                writer.WriteLine("SN::BakedWeights.CopyTo(BakedParameters, " + layout.Parameters + ");  // decoded from the assembly's read-only data: no file, no I/O");
                if (layout.HasDropout) writer.WriteLine("_dropoutRandom = new SN::NetRandom(0);  // dropout masks from seed 0, should the network be trained further");
                writer.CloseBlock();
            }
            writer.WriteLine();
            writer.WriteLine("/// <summary>Creates the network with weights drawn from <paramref name=\"seed\"/> (same seed, same bits) by each layer's scheme; biases 0"
                + (layout.Spec.Weights is null ? "" : ", not the baked ones") + ".</summary>");
            writer.OpenBlock("public " + name + "(int seed)");
            writer.WriteLine("var random = new SN::NetRandom(seed);");
            for (int l = 1; l <= layout.LayerCount; l++)
            {
                int fanIn = layout.Sizes[l - 1], fanOut = layout.Sizes[l];
                LayerSpec layer = layout.Layer(l);
                writer.WriteLine("SN::ParameterInit.Fill(" + layout.ParameterSlice(NetworkLayout.W(l), NetworkLayout.Int(fanIn * fanOut)) + ", "
                    + "SN::Initialization." + layer.Initialization + ", fanIn: " + NetworkLayout.Int(fanIn) + ", fanOut: " + NetworkLayout.Int(fanOut) + ", ref random);  // layer "
                    + NetworkLayout.Int(l) + ", " + layer.Activation);
            }
            if (layout.HasDropout) writer.WriteLine("_dropoutRandom = random;  // dropout masks continue the same seeded sequence");
            writer.CloseBlock();
        }
    }
}
