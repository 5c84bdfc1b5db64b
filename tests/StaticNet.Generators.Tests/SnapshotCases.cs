using System.Collections.Generic;

namespace StaticNet.Generators.Tests;

/// <summary>Declarations whose generated source is pinned by snapshots, chosen to cover every emitter branch.</summary>
internal static class SnapshotCases
{
    /// <summary>Warnings a case earns on purpose, to exercise an emitter branch users are warned away from.</summary>
    public static string[] ExpectedWarnings(string caseName) => caseName == "DeepGeneric" ? new[] { "SN0016" } : new string[0];

    public static readonly IReadOnlyDictionary<string, string> All = new SortedDictionary<string, string>
    {
        // Tiny: inputs below the kernel threshold are written out term by term.
        ["Xor"] = """
            using StaticNet;
            namespace Demo
            {
                [Network(Loss = Loss.MeanSquaredError)]
                [Input(2)]
                [Dense(4, Activation.Tanh)]
                [Dense(1, Activation.Sigmoid)]
                public partial class XorNet { }
            }
            """,

        // Explain mode: the XOR network written out as plain scalar code with named locals, for learners.
        ["XorExplained"] = """
            using StaticNet;
            namespace Demo
            {
                [Network(Loss = Loss.MeanSquaredError, Explain = true)]
                [Input(2)]
                [Dense(4, Activation.Tanh)]
                [Dense(1, Activation.Sigmoid)]
                public partial class XorNet { }
            }
            """,

        // Explain mode on a deeper, odd-sized stack with every activation family and softmax + cross-entropy: its sums run long.
        ["DeepExplained"] = """
            using StaticNet;
            namespace Demo
            {
                [Network(Loss = Loss.CrossEntropy, Explain = true)]
                [Input(7)]
                [Dense(13, Activation.LeakyReLU, Alpha = 0.1f)]
                [Dense(11, Activation.ELU)]
                [Dense(5, Activation.Tanh)]
                [Dense(3, Activation.Softmax)]
                public partial class DeepOdd { }
            }
            """,

        // The contract's example: ReLU hidden layer, softmax + cross-entropy, 16- and 8-wide kernels with loops.
        ["Digits"] = """
            using StaticNet;
            namespace Demo.Models
            {
                [Network(Loss = Loss.CrossEntropy)]
                [Input(64)]
                [Dense(32, Activation.ReLU)]
                [Dense(10, Activation.Softmax)]
                public partial class DigitsNet { }
            }
            """,

        // Global namespace, nested in a partial type, LeakyReLU with its own α, BCE on one sigmoid output.
        ["NestedBinary"] = """
            using StaticNet;
            public partial class Outer
            {
                [Network(Loss = Loss.BinaryCrossEntropy)]
                [Input(5)]
                [Dense(3, Activation.LeakyReLU, Alpha = 0.1f)]
                [Dense(1, Activation.Sigmoid)]
                internal sealed partial class Detector { }
            }
            """,

        // Generic class, odd sizes around every vector width (17, 9, 8, 33), ELU, identity, MSE on softmax (SN0016 on purpose).
        ["DeepGeneric"] = """
            using StaticNet;
            namespace Demo
            {
                [Network]
                [Input(17)]
                [Dense(9, Activation.ELU)]
                [Dense(8)]
                [Dense(33, Activation.Tanh)]
                [Dense(3, Activation.Softmax)]
                public partial class Deep<T> { }
            }
            """,

        // Dropout (masks in forward and backprop), chosen initialisation schemes, a one-output BCE classifier.
        ["Dropout"] = """
            using StaticNet;
            namespace Demo
            {
                [Network(Loss = Loss.BinaryCrossEntropy, Initialization = Initialization.LeCunNormal)]
                [Input(10)]
                [Dense(16, Activation.ReLU, Dropout = 0.25f, Initialization = Initialization.HeNormal)]
                [Dense(6, Activation.Tanh, Dropout = 0.5f)]
                [Dense(1, Activation.Sigmoid)]
                public partial class Regularised { }
            }
            """,

        // A long first layer: Predict, Classify and their batches read W1 from a transposed copy while it is current (ForwardPredict).
        ["Mnist"] = """
            using StaticNet;
            namespace Demo
            {
                [Network(Loss = Loss.CrossEntropy)]
                [Input(784)]
                [Dense(128, Activation.ReLU)]
                [Dense(10, Activation.Softmax)]
                public partial class MnistNet { }
            }
            """,
    };
}
