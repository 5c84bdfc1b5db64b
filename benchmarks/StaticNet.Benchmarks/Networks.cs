using StaticNet;

namespace StaticNet.Benchmarks;

// The shapes the benchmarks measure (docs/performance.md gives their multiply-add counts).

[Network(Loss = Loss.MeanSquaredError)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(256)]
[Dense(256, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(256, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Deep256Net { }
