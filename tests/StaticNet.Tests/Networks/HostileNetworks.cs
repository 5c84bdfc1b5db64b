using StaticNet;

namespace StaticNet.Tests.Networks;

// Networks for the hostile-input tests (issue 13).

// The regression of the divergence report: SGD at η = 2, full batch, on t = 3·x0 − x1 climbs to ∞ within a few dozen epochs.
[Network(Loss = Loss.MeanSquaredError)]
[Input(2)]
[Dense(8, Activation.ReLU)]
[Dense(1)]
public partial class DivergingRegressor : ITestNetwork { }

// 65,536 outputs: 32,769 rows of them overflow an int (rows × OutputSize, rows × per-sample scratch). Too large for
// the reference checks over every network, which leave it out (ReferenceMlp.NetworkTypes).
[Network(Loss = Loss.CrossEntropy)]
[Input(1)]
[Dense(65536, Activation.Softmax)]
public partial class WideSoftmax { }
