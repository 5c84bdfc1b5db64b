using StaticNet;

namespace StaticNet.Tests.Networks;

// Explain-mode twins of networks declared elsewhere in this folder (same layers, loss and seeds): together they cover
// every activation and every loss, softmax with MSE, a one-output network and a deep stack. ExplainModeTests compares
// each with its twin; the catalog-wide tests (reference, finite differences, SIMD paths) run them like any network.

[Network(Loss = Loss.MeanSquaredError, Explain = true)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class ExplainXorNet : ITestNetwork { }

[Network(Loss = Loss.CrossEntropy, Explain = true)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class ExplainSmallClassifier : ITestNetwork { }

[Network(Explain = true)]
[Input(3)]
[Dense(6, Activation.Tanh)]
[Dense(2)]
public partial class ExplainSmallRegressor : ITestNetwork { }

[Network(Loss = Loss.BinaryCrossEntropy, Explain = true)]
[Input(5)]
[Dense(3, Activation.LeakyReLU, Alpha = 0.1f)]
[Dense(2, Activation.Sigmoid)]
public partial class ExplainMultiLabelNet : ITestNetwork { }

[Network(Loss = Loss.CrossEntropy, Explain = true)]
[Input(7)]
[Dense(9, Activation.ReLU)]
[Dense(8, Activation.Tanh)]
[Dense(17, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class ExplainDeepSoftmax : ITestNetwork { }

// ELU with its own α and mean squared error on a softmax (SN0016, on purpose), fast and explained.

[Network]
[Input(5)]
[Dense(6, Activation.ELU, Alpha = 0.5f)]
[Dense(3, Activation.Softmax)]
public partial class EluSoftmaxNet : ITestNetwork { }

[Network(Explain = true)]
[Input(5)]
[Dense(6, Activation.ELU, Alpha = 0.5f)]
[Dense(3, Activation.Softmax)]
public partial class ExplainEluSoftmaxNet : ITestNetwork { }
