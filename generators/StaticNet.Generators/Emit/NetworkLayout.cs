using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Sizes, offsets and names derived from a <see cref="NetworkSpec"/>: where each layer's weights,
    /// biases, activations and deltas live, and what the generated code calls them. Layers are
    /// numbered from 1 as in the math (layer 0 is the input x).
    /// </summary>
    internal sealed class NetworkLayout
    {
        public NetworkLayout(NetworkSpec spec)
        {
            Spec = spec;
            var sizes = new List<int> { spec.InputSize };
            foreach (LayerSpec layer in spec.Layers) sizes.Add(layer.Size);
            Sizes = sizes;

            // checked: a network past int's range cannot be held in one array; the generator reports it (SN9999) rather than emit wrong offsets.
            ParameterCount = checked((int)spec.ParameterCount);
            int parameter = 0, scratch = 0;
            for (int l = 1; l <= LayerCount; l++)
            {
                WeightOffsets.Add(parameter);
                parameter += Sizes[l] * Sizes[l - 1];
                BiasOffsets.Add(parameter);
                parameter += Sizes[l];
                if (HasAlignedArrays) scratch = (scratch + 15) / 16 * 16;   // each layer's rows on a cache line
                ScratchOffsets.Add(scratch);
                scratch += Sizes[l];
            }
            ScratchSize = HasAlignedArrays ? (scratch + 15) / 16 * 16 : scratch;   // and each sample's
        }

        public NetworkSpec Spec { get; }

        /// <summary>The size structs the generated calls use, recorded as they are written.</summary>
        public SizeTypes SizeTypes { get; } = new SizeTypes();

        /// <summary>Layer l's weight rows in the parameter span <paramref name="p"/>: "p.Slice(W1, 2048)".</summary>
        public string WeightsOf(int l, string p) => p + ".Slice(" + W(l) + ", " + Int(Sizes[l] * Sizes[l - 1]) + ")";

        /// <summary>Layer l's biases in the parameter span <paramref name="p"/>: "p.Slice(B1, 32)".</summary>
        public string BiasesOf(int l, string p) => p + ".Slice(" + B(l) + ", " + Int(Sizes[l]) + ")";

        public int LayerCount => Spec.Layers.Count;

        /// <summary>Sizes[0] is the input size, Sizes[l] the size of layer l.</summary>
        public IReadOnlyList<int> Sizes { get; }

        public int OutputSize => Sizes[LayerCount];

        public int ParameterCount { get; }

        public int ScratchSize { get; }

        /// <summary>
        /// Rows PredictBatch runs through the forward pass at once: up to 64 (a weight row is then read once per 64 rows),
        /// fewer where 64 rows' activations would take more than 64 KB of stack: a multiple of four (the kernels' blocks), or
        /// one row at a time when four do not fit.
        /// </summary>
        public int PredictChunk
        {
            get
            {
                int rows = MaxStackFloats / FloatsPerRow / 4 * 4;
                return rows < 4 ? 1 : rows > 64 ? 64 : rows;
            }
        }

        /// <summary>The most floats a call puts on the stack (64 KB): engines run scripts on threads with stacks of 1 MB or less.</summary>
        public const int MaxStackFloats = 16384;

        /// <summary>One sample's activations (and logits) during inference.</summary>
        private int FloatsPerRow => ScratchSize + (HasSoftmaxOutput ? OutputSize : 0);

        /// <summary>Whether one sample's activations fit the stack; above it, a call rents them from the shared pool.</summary>
        public bool ScratchOnStack => FloatsPerRow <= MaxStackFloats;

        public bool HasSoftmaxOutput => Layer(LayerCount).Activation == ActivationKind.Softmax;

        public bool HasDropout => Spec.Layers.Any(l => l.Dropout > 0f);

        /// <summary>
        /// Whether threads share layer 1's forward pass by rows (ForwardFirstLayer): it is hidden (two or more layers)
        /// and the network has the threaded hooks (no dropout, whose masks come from one random sequence).
        /// </summary>
        public bool SplitsFirstLayerByRows => !HasDropout && LayerCount >= 2;

        /// <summary>Layers of at most this many neurons (and inputs) can be written out neuron by neuron.</summary>
        public const int MaxUnrolledWidth = 8;

        /// <summary>At most this many parameters, and the single-sample paths become straight-line code in locals.</summary>
        public const int MaxUnrolledParameters = 160;

        /// <summary>Tiny networks (no dropout) get Predict, ComputeLoss and TrainStep as straight-line code (<see cref="UnrolledEmitter"/>).</summary>
        public bool IsUnrolled => !HasDropout && ParameterCount <= MaxUnrolledParameters && Sizes.All(n => n <= MaxUnrolledWidth);

        public bool IsClassifier => Spec.Loss != LossKind.MeanSquaredError;

        /// <summary>Layer 1's inputs from which Predict keeps W1 transposed (StaticNet.Kernels.TransposedWeights): rows this long are read faster as one linear stream (docs/performance.md: 784 inputs gain, 256 do not measurably).</summary>
        public const int MinTransposedInputs = 512;

        /// <summary>Layer 1's inputs from which PredictBatch reads W1 transposed: the smallest size measured (docs/performance.md, ninth and tenth rounds: 64 inputs, faster on AVX2 and AVX-512), not a measured crossover.</summary>
        public const int MinTransposedBatchInputs = 64;

        /// <summary>
        /// Whether Predict and Classify read layer 1 from a transposed copy of W1 while it is current: long input rows,
        /// outputs in whole blocks of the copy's one-sample kernel (64), and an element-wise activation (softmax is over the whole row).
        /// </summary>
        public bool TransposesForOneSample => HasAlignedArrays && Sizes[0] >= MinTransposedInputs && Sizes[1] % 64 == 0 && Layer(1).Activation != ActivationKind.Softmax;

        /// <summary>
        /// Whether PredictBatch and ClassifyBatch read layer 1 from the copy where the machine's kernel for batches serves
        /// it: outputs in whole panels of 16 (the copy checks at run time whether this machine's block, 16 outputs with 256-bit
        /// vectors or 32 with 512-bit, divides them), at least <see cref="MinTransposedBatchInputs"/> inputs, an element-wise
        /// activation, and chunks of at least six rows (a block of samples; a network whose rows are too wide for the stack
        /// predicts one row at a time, which the batches' copy does not serve).
        /// </summary>
        public bool TransposesForBatches => HasAlignedArrays && PredictChunk >= 6 && Sizes[0] >= MinTransposedBatchInputs && Sizes[1] % 16 == 0 && Layer(1).Activation != ActivationKind.Softmax;

        /// <summary>Whether the network keeps a transposed copy of W1 at all (StaticNet.Kernels.TransposedWeights).</summary>
        public bool HasTransposedFirstLayer => TransposesForOneSample || TransposesForBatches;

        /// <summary>
        /// Whether the parameters and the training scratch live in cache-line-aligned vectors (StaticNet.AlignedFloats)
        /// for the SIMD kernels' loads — and the scratch is laid out on lines: each layer's rows start a multiple of 16
        /// floats into a sample's row, which is a multiple of 16 floats long. The straight-line code of tiny networks
        /// indexes plain arrays with constants instead (no kernels, and a plain array's length lets the JIT drop the
        /// bounds checks).
        /// </summary>
        public bool HasAlignedArrays => !IsUnrolled && !Spec.Explain;

        /// <summary>One of the network's float arrays (_parameters, _activations, _deltas) as a span.</summary>
        public string ArraySpan(string field) => HasAlignedArrays ? field + ".Span" : field;

        /// <summary>Elements start … start + length − 1 of one of the network's float arrays as a span.</summary>
        public string ArraySlice(string field, string start, string length)
            => HasAlignedArrays ? field + ".Span.Slice(" + start + ", " + length + ")" : "new " + Code.Span + "(" + field + ", " + start + ", " + length + ")";

        /// <summary>The type of the network's float arrays.</summary>
        public string ArrayType => HasAlignedArrays ? "SN::AlignedFloats" : "float[]";

        /// <summary>A new one of the network's float arrays, <paramref name="length"/> floats long.</summary>
        public string NewArray(string length) => HasAlignedArrays ? "new SN::AlignedFloats(" + length + ")" : "new float[" + length + "]";

        /// <summary>The parameter vector as a span.</summary>
        public string Parameters => ArraySpan("_parameters");

        /// <summary>Parameters start … start + length − 1 as a span.</summary>
        public string ParameterSlice(string start, string length) => ArraySlice("_parameters", start, length);

        /// <summary>Where layer l's activations of sample s start in the sample-major scratch: "ScratchSize * s + A2".</summary>
        public static string ScratchRow(int l, string s) => "ScratchSize * " + s + " + " + A(l);

        private List<int> WeightOffsets { get; } = new List<int>();

        private List<int> BiasOffsets { get; } = new List<int>();

        private List<int> ScratchOffsets { get; } = new List<int>();

        public LayerSpec Layer(int l) => Spec.Layers[l - 1];

        public int WeightOffset(int l) => WeightOffsets[l - 1];

        public int BiasOffset(int l) => BiasOffsets[l - 1];

        public int ScratchOffset(int l) => ScratchOffsets[l - 1];

        // Names in the generated code.
        public static string W(int l) => "W" + Int(l);

        public static string B(int l) => "B" + Int(l);

        public static string A(int l) => "A" + Int(l);

        /// <summary>The activation vector of layer l; layer 0 is the input x.</summary>
        public static string Activations(int l) => l == 0 ? "x" : "a" + Int(l);

        public static string Deltas(int l) => "d" + Int(l);

        public string Logits => "z" + Int(LayerCount);

        /// <summary>What LossOf takes: the output y, or for cross-entropy the logits z and y.</summary>
        public string LossArguments(string y, string z) => Spec.Loss == LossKind.CrossEntropy ? z + ", " + y : y;

        /// <summary>"Dense(32, ReLU)", or with what differs from the defaults: "Dense(32, LeakyReLU, α = 0.1, dropout 0.2)".</summary>
        public string Describe(int l)
        {
            LayerSpec layer = Layer(l);
            string alpha = layer.Activation switch
            {
                ActivationKind.LeakyReLU when layer.Alpha != 0.01f => ", α = " + Float(layer.Alpha),
                ActivationKind.ELU when layer.Alpha != 1f => ", α = " + Float(layer.Alpha),
                _ => "",
            };
            string dropout = layer.Dropout > 0f ? ", dropout " + Float(layer.Dropout) : "";
            return "Dense(" + Int(layer.Size) + ", " + layer.Activation + alpha + dropout + ")";
        }

        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A C# float literal that round-trips: "0.01f", "1f", "1E-05f".</summary>
        public static string FloatLiteral(float value) => Float(value) + "f";
    }
}
