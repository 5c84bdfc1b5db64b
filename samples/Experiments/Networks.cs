using StaticNet;

// The networks the experiments train, all on the 8×8 digits (64 inputs, 10 classes).
namespace StaticNet.Experiments;

/// <summary>The Digits sample's network: the learning-rate and batch-size experiments' problem.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet { }

/// <summary>Six sigmoid hidden layers (Glorot): the gradient shrinks at least fourfold per layer on its way back.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(10, Activation.Softmax)]
public partial class DeepSigmoidNet { }

/// <summary>The same shape with ReLU and He initialisation (the default for ReLU).</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DeepReluNet { }

/// <summary>Wide enough to memorise a small training slice: the overfitting experiment's network.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class WideNet { }

/// <summary><see cref="WideNet"/> with dropout on its hidden layer (inverted; off in Predict and Evaluate).</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(128, Activation.ReLU, Dropout = 0.5f)]
[Dense(10, Activation.Softmax)]
public partial class WideDropoutNet { }

// The activations experiment: one shape, two hidden layers, five activations.

[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(10, Activation.Softmax)]
public partial class SigmoidNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
public partial class TanhNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class ReluNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.LeakyReLU)]
[Dense(32, Activation.LeakyReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeakyReluNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.ELU)]
[Dense(32, Activation.ELU)]
[Dense(10, Activation.Softmax)]
public partial class EluNet { }

/// <summary>A curve fit, y = f(x) on [−1, 1]: the learning-rate experiment's problem (MSE, so a too-large step diverges).</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(1)]
[Dense(32, Activation.Tanh)]
[Dense(1)]
public partial class CurveNet { }
