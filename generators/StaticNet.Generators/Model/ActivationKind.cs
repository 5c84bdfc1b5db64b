namespace StaticNet.Generators.Model
{
    /// <summary>Mirror of <c>StaticNet.Activation</c> (same values): the generator does not reference the runtime library.</summary>
    internal enum ActivationKind
    {
        Identity = 0,
        Sigmoid = 1,
        Tanh = 2,
        ReLU = 3,
        LeakyReLU = 4,
        ELU = 5,
        Softmax = 6,
    }

    /// <summary>Mirror of <c>StaticNet.Loss</c> (same values).</summary>
    internal enum LossKind
    {
        MeanSquaredError = 0,
        BinaryCrossEntropy = 1,
        CrossEntropy = 2,
    }

    /// <summary>Mirror of <c>StaticNet.Initialization</c> (same values).</summary>
    internal enum InitializationKind
    {
        Default = 0,
        GlorotUniform = 1,
        GlorotNormal = 2,
        HeUniform = 3,
        HeNormal = 4,
        LeCunUniform = 5,
        LeCunNormal = 6,
    }
}
