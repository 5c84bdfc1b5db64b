using System;
using StaticNet;
using StaticNet.Training;

namespace UnityLike
{
    // One of each shape the generator writes differently: straight-line tiny, kernels with a softmax output,
    // a deep odd-sized stack with every activation, and dropout.

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

    [Network(Loss = Loss.BinaryCrossEntropy)]
    [Input(17)]
    [Dense(9, Activation.ELU)]
    [Dense(33, Activation.LeakyReLU, Alpha = 0.2f)]
    [Dense(7, Activation.Identity)]
    [Dense(8, Activation.Tanh)]
    [Dense(3, Activation.Sigmoid)]
    public partial class DeepOdd { }

    [Network(Loss = Loss.CrossEntropy)]
    [Input(10)]
    [Dense(16, Activation.ReLU, Dropout = 0.25f)]
    [Dense(6, Activation.Tanh, Dropout = 0.5f)]
    [Dense(3, Activation.Softmax)]
    public partial class Regularised { }

    /// <summary>The members a game script calls, so that their signatures compile here too.</summary>
    public static class Usage
    {
        public static float Run(DigitsNet net, float[] input, float[] output, float[] inputs, int[] labels)
        {
            net.Predict(input, output);
            TrainingReport report = net.Train(inputs, labels, new TrainingOptions { Epochs = 1, BatchSize = 8 });
            INetwork any = net;
            return net.TrainStep(input, output, 0.01f) + net.Classify(input) + report.BestEpoch + any.ParameterCount;
        }
    }
}
