using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace StaticNet.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic StaticNet reports. IDs are stable: never reuse or renumber one.
    /// Each message says what is wrong and how to fix it.
    /// </summary>
    internal static class DiagnosticCatalog
    {
        private const string Category = "StaticNet";
        /// <summary>
        /// Where a diagnostic's help link points: the page on the repository's main branch (the address the package
        /// metadata names), so the link opens from any IDE; the anchor is the ID in lower case (GitHub's heading anchor).
        /// </summary>
        public const string HelpBase = "https://github.com/StaticNet/StaticNet/blob/main/docs/diagnostics.md#";

        public static readonly DiagnosticDescriptor ClassNotPartial = Error(
            "SN0001", "Network class must be partial",
            "'{0}' must be declared 'partial' so StaticNet can add the network's members: write 'partial class {0}'");

        public static readonly DiagnosticDescriptor MissingInput = Error(
            "SN0002", "Network has no [Input]",
            "'{0}' has [Network] but no [Input(size)]: add one to say how many values the network reads");

        public static readonly DiagnosticDescriptor MissingDense = Error(
            "SN0003", "Network has no [Dense] layer",
            "'{0}' has [Network] but no [Dense(size, activation)] layer: add at least one; the last is the output layer");

        public static readonly DiagnosticDescriptor InvalidSize = Error(
            "SN0004", "Layer size must be at least 1",
            "{0} size is {1}: every input and layer size must be at least 1");

        public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(
            "SN0005", "Softmax is only valid on the output layer",
            "Layer {0} of '{1}' uses Softmax but is not the last layer: use another activation here (e.g. ReLU) and Softmax on the output layer only");

        public static readonly DiagnosticDescriptor CrossEntropyNeedsSoftmax = Error(
            "SN0006", "CrossEntropy needs a Softmax output layer",
            "'{0}' uses Loss.CrossEntropy but its output layer uses {1}: make the last [Dense] use Activation.Softmax, or choose another loss");

        public static readonly DiagnosticDescriptor BinaryCrossEntropyNeedsSigmoid = Error(
            "SN0007", "BinaryCrossEntropy needs a Sigmoid output layer",
            "'{0}' uses Loss.BinaryCrossEntropy but its output layer uses {1}: make the last [Dense] use Activation.Sigmoid, or choose another loss");

        public static readonly DiagnosticDescriptor MemberNameConflict = Error(
            "SN0008", "Class declares a member StaticNet generates",
            "'{0}' already declares '{1}', which StaticNet generates for every network: rename or remove your '{1}'");

        public static readonly DiagnosticDescriptor InvalidAlpha = Error(
            "SN0009", "Invalid activation parameter Alpha",
            "Layer {0} uses {1} with Alpha = {2}: {3}");

        public static readonly DiagnosticDescriptor AlphaIgnored = Warning(
            "SN0010", "Alpha has no effect on this activation",
            "Layer {0} sets Alpha but {1} has no parameter: remove Alpha, or use LeakyReLU or ELU");

        public static readonly DiagnosticDescriptor NotAClass = Error(
            "SN0011", "Network must be a non-static class",
            "'{0}' is a {1}: declare the network as a non-static 'partial class'");

        public static readonly DiagnosticDescriptor UnknownEnumValue = Error(
            "SN0012", "Unknown activation or loss",
            "{0} has value {1}, which is not a member of StaticNet.{2}: use one of the named members");

        public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
            "SN0013", "Type containing a network must be partial",
            "'{0}' contains the network '{1}' and must be declared 'partial' too, so StaticNet can reopen it");

        public static readonly DiagnosticDescriptor InvalidDropout = Error(
            "SN0014", "Dropout must be in [0, 1)",
            "Layer {0} has Dropout = {1}: use a probability from 0 (no dropout) up to, but not including, 1");

        public static readonly DiagnosticDescriptor DropoutOnOutput = Error(
            "SN0015", "Dropout is not allowed on the output layer",
            "Layer {0} of '{1}' is the output layer and cannot drop units: move Dropout to a hidden layer");

        public static readonly DiagnosticDescriptor MseOnSoftmax = Warning(
            "SN0016", "Mean squared error on a softmax output trains slowly",
            "'{0}' puts Loss.MeanSquaredError on a Softmax output: its gradient vanishes when the network is confidently wrong; use Loss.CrossEntropy for classification");

        public static readonly DiagnosticDescriptor DeepSigmoid = Warning(
            "SN0017", "Deep sigmoid stack: vanishing gradients",
            "'{0}' has {1} Sigmoid hidden layers: σ' ≤ 1/4 shrinks the gradient at each one, so the first layers barely learn; use ReLU (or Tanh) in hidden layers");

        public static readonly DiagnosticDescriptor ReluWithGlorot = Warning(
            "SN0018", "ReLU-family layer initialised for sigmoid/tanh",
            "Layer {0} uses {1} with {2}: Glorot's variance suits sigmoid and tanh; ReLU-family units pass half the signal and want He (Initialization.HeUniform or HeNormal, the default)");

        public static readonly DiagnosticDescriptor LargeNetwork = Warning(
            "SN0019", "Network is very large for generated code",
            "'{0}' has {1} parameters, more than the {2} StaticNet checks for: fixed-size code and its scratch this big slow the build and the IDE; raise the limit with <StaticNetMaxParameters> (and <CompilerVisibleProperty Include=\"StaticNetMaxParameters\" />) in the project");

        public static readonly DiagnosticDescriptor LayerWithoutNetwork = Warning(
            "SN0020", "Layer attributes without [Network]",
            "'{0}' has [{1}] but no [Network], so no network is generated: add [Network] to the class, or remove the layer attributes");

        public static readonly DiagnosticDescriptor TooManyParameters = Error(
            "SN0021", "Network has more parameters than an array can hold",
            "'{0}' has {1} parameters; .NET allocates at most {2} floats for the array that holds them: make the layers smaller");

        public static readonly DiagnosticDescriptor ExplainTooLarge = Error(
            "SN0022", "Network too large for explain mode",
            "'{0}' has {1} parameters; explain mode writes each weight and its gradient out by name (about four lines each) and allows at most {2}, so the file stays readable and quick to compile: remove Explain = true, or explain a smaller network");

        public static readonly DiagnosticDescriptor ExplainWithDropout = Error(
            "SN0023", "Explain mode has no dropout",
            "Layer {0} of '{1}' uses Dropout, which explain mode does not write out (it shows one sample's exact arithmetic): remove Dropout, or Explain = true");

        public static readonly DiagnosticDescriptor SoftmaxOfOne = Warning(
            "SN0030", "Softmax over a single output is always 1",
            "The output layer of '{0}' is Softmax over one neuron: its output is always 1, so nothing can be learned; for a yes/no output use Dense(1, Activation.Sigmoid) with Loss.BinaryCrossEntropy, or give the layer one neuron per class");

        public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
            "SN0031", "Baked weights file not found",
            "'{0}' bakes its weights from '{1}', but {2}");

        public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(
            "SN0032", "Baked weights file is not a valid .snet model",
            "The weights file '{1}' of '{0}' is not a valid .snet model: {2}; write it again with the network's Save");

        public static readonly DiagnosticDescriptor WeightsFileMismatch = Error(
            "SN0033", "Baked weights are for another architecture",
            "The weights file '{1}' holds a model of {2}, but '{0}' is declared {3}: {4}; bake a file saved by a network of this declaration, or declare the saved one");

        public static readonly DiagnosticDescriptor InternalError = Error(
            "SN9999", "StaticNet generator failed",
            "StaticNet could not generate '{0}' ({1}); please report this with the declaration that caused it");

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
        {
            [ClassNotPartial.Id] = ClassNotPartial,
            [MissingInput.Id] = MissingInput,
            [MissingDense.Id] = MissingDense,
            [InvalidSize.Id] = InvalidSize,
            [SoftmaxNotLast.Id] = SoftmaxNotLast,
            [SoftmaxOfOne.Id] = SoftmaxOfOne,
            [CrossEntropyNeedsSoftmax.Id] = CrossEntropyNeedsSoftmax,
            [BinaryCrossEntropyNeedsSigmoid.Id] = BinaryCrossEntropyNeedsSigmoid,
            [MemberNameConflict.Id] = MemberNameConflict,
            [InvalidAlpha.Id] = InvalidAlpha,
            [AlphaIgnored.Id] = AlphaIgnored,
            [NotAClass.Id] = NotAClass,
            [UnknownEnumValue.Id] = UnknownEnumValue,
            [ContainingTypeNotPartial.Id] = ContainingTypeNotPartial,
            [InvalidDropout.Id] = InvalidDropout,
            [DropoutOnOutput.Id] = DropoutOnOutput,
            [MseOnSoftmax.Id] = MseOnSoftmax,
            [DeepSigmoid.Id] = DeepSigmoid,
            [ReluWithGlorot.Id] = ReluWithGlorot,
            [LargeNetwork.Id] = LargeNetwork,
            [LayerWithoutNetwork.Id] = LayerWithoutNetwork,
            [TooManyParameters.Id] = TooManyParameters,
            [ExplainTooLarge.Id] = ExplainTooLarge,
            [ExplainWithDropout.Id] = ExplainWithDropout,
            [WeightsFileNotFound.Id] = WeightsFileNotFound,
            [WeightsFileInvalid.Id] = WeightsFileInvalid,
            [WeightsFileMismatch.Id] = WeightsFileMismatch,
            [InternalError.Id] = InternalError,
        };

        /// <summary>All descriptors, for tests and documentation.</summary>
        public static IReadOnlyCollection<DiagnosticDescriptor> All => ById.Values;

        public static DiagnosticDescriptor Get(string id) => ById[id];

        private static DiagnosticDescriptor Error(string id, string title, string message)
            => new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

        private static DiagnosticDescriptor Warning(string id, string title, string message)
            => new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
    }
}
