using StaticNet;

namespace StaticNet.Tests.Networks;

// Deep stacks: three hidden layers, every activation, a one-neuron bottleneck, non-default α.

[Network(Loss = Loss.CrossEntropy)]
[Input(7)]
[Dense(9, Activation.ReLU)]
[Dense(8, Activation.Tanh)]
[Dense(17, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class DeepSoftmax : ITestNetwork { }

[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(16)]
[Dense(33, Activation.LeakyReLU, Alpha = 0.2f)]
[Dense(1, Activation.ELU, Alpha = 0.5f)]
[Dense(9, Activation.Identity)]
[Dense(2, Activation.Sigmoid)]
public partial class DeepBottleneck : ITestNetwork { }

[Network]
[Input(33)]
[Dense(16, Activation.ELU)]
[Dense(17, Activation.LeakyReLU)]
[Dense(7, Activation.ReLU)]
[Dense(1)]
public partial class DeepRegression : ITestNetwork { }

// One layer only: the network is a generalised linear model.
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(1, Activation.Sigmoid)]
public partial class LogisticRegression : ITestNetwork { }

// The networks the PyTorch fixture describes (tests/tools/make_torch_fixture.py).

[Network(Loss = Loss.MeanSquaredError)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet : ITestNetwork { }

[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet : ITestNetwork { }

[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(5)]
[Dense(3, Activation.LeakyReLU, Alpha = 0.1f)]
[Dense(2, Activation.Sigmoid)]
public partial class MultiLabelNet : ITestNetwork { }

[Network(Loss = Loss.MeanSquaredError)]
[Input(17)]
[Dense(9, Activation.ELU)]
[Dense(8, Activation.Identity)]
[Dense(33, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class DeepMseSoftmax : ITestNetwork { }

// The networks the PyTorch training fixture trains (tests/tools/make_torch_training_fixture.py).

[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class SmallClassifier : ITestNetwork { }

[Network]
[Input(3)]
[Dense(6, Activation.Tanh)]
[Dense(2)]
public partial class SmallRegressor : ITestNetwork { }

// Dropout on two hidden layers (one of them identity), chosen initialisation schemes.

[Network(Loss = Loss.CrossEntropy, Initialization = Initialization.LeCunNormal)]
[Input(9)]
[Dense(17, Activation.ReLU, Dropout = 0.3f, Initialization = Initialization.HeNormal)]
[Dense(8, Activation.Identity, Dropout = 0.5f)]
[Dense(4, Activation.Softmax)]
public partial class DropoutNet : ITestNetwork { }

// DropoutNet's architecture without its dropout: a checkpoint of one must not resume the other (CheckpointTests).

[Network(Loss = Loss.CrossEntropy)]
[Input(9)]
[Dense(17, Activation.ReLU)]
[Dense(8, Activation.Identity)]
[Dense(4, Activation.Softmax)]
public partial class DropoutNetWithoutDropout : ITestNetwork { }

// Dropout on smooth activations: the derivative must be taken at the activation before dropout scaled it.

[Network(Loss = Loss.CrossEntropy)]
[Input(5)]
[Dense(7, Activation.Tanh, Dropout = 0.4f)]
[Dense(6, Activation.Sigmoid, Dropout = 0.25f)]
[Dense(3, Activation.Softmax)]
public partial class DropoutSmoothNet : ITestNetwork { }

// Wide enough that a batch of 64 is shared by threads (64 × 35,594 parameters ≥ Trainer.ParallelMinimumWork).

[Network(Loss = Loss.CrossEntropy)]
[Input(128)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class WideNet : ITestNetwork { }

// Odd shapes for the thread-shared batch: a tiled first layer whose rows are not a multiple of four,
// inputs that leave a 256-bit tail after the 512-bit chunks, and a softmax output of six.

[Network(Loss = Loss.CrossEntropy)]
[Input(200)]
[Dense(45, Activation.Tanh)]
[Dense(19, Activation.ReLU)]
[Dense(6, Activation.Softmax)]
public partial class OddWideNet : ITestNetwork { }

// Long first layers, so that Predict and Classify keep W1 transposed (TransposedWeights): 128 rows for the 512-bit kernel,
// 64 for the 256-bit one (with inputs that are not a multiple of any vector), and a dropout layer above.

[Network(Loss = Loss.CrossEntropy)]
[Input(520)]
[Dense(128, Activation.ReLU)]
[Dense(6, Activation.Softmax)]
public partial class TransposedNet : ITestNetwork { }

[Network(Loss = Loss.MeanSquaredError)]
[Input(517)]
[Dense(64, Activation.Tanh)]
[Dense(9, Activation.Sigmoid, Dropout = 0.3f)]
[Dense(2, Activation.Identity)]
public partial class TransposedDropoutNet : ITestNetwork { }
