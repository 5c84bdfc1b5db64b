using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Predict, ComputeLoss, AccumulateGradients and TrainStep allocate nothing once the network exists.</summary>
public class AllocationTests
{
    public static TheoryData<string> Networks => new() { nameof(XorNet), nameof(DigitsNet), nameof(DeepSoftmax), nameof(DeepBottleneck), "G_Ce_Softmax_33_ELU" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void HotPathsAllocateZeroBytes(string name)
    {
        Type type = NetworkCatalog.Find(name);
        var reference = new ReferenceMlp(type);
        ITestNetwork net = NetworkCatalog.Create(type, seed: 1);
        (float[] input, float[] target) = reference.RandomSample(new Random(1));
        var output = new float[reference.OutputSize];
        var gradients = new float[reference.ParameterCount];

        void RunAll(int times)
        {
            for (int i = 0; i < times; i++)
            {
                net.Predict(input, output);
                net.ComputeLoss(input, target);
                net.AccumulateGradients(input, target, gradients);
                net.TrainStep(input, target, 0.001f);
            }
        }

        Assert.Equal(0, SteadyAllocations.Of(RunAll, times: 500));
    }
}
