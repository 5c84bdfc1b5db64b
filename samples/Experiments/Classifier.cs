using System;
using StaticNet.Training;

namespace StaticNet.Experiments;

/// <summary>
/// A digit classifier of any declared class, as the experiments drive it: its <see cref="INetwork"/> (parameters,
/// architecture, gradients) and its generated Train and Evaluate, which each class has as its own members.
/// </summary>
public sealed class Classifier
{
    private readonly Func<float[], int[], float[]?, int[]?, TrainingOptions, TrainingReport> _train;
    private readonly Func<float[], int[], EvaluationResult> _evaluate;

    private Classifier(string name, INetwork network, Func<float[], int[], float[]?, int[]?, TrainingOptions, TrainingReport> train, Func<float[], int[], EvaluationResult> evaluate)
    {
        Name = name; Network = network; _train = train; _evaluate = evaluate;
    }

    public string Name { get; }

    public INetwork Network { get; }

    /// <summary>The generated Train on labels, with validation data when given.</summary>
    public TrainingReport Train(float[] inputs, int[] labels, TrainingOptions options, float[]? validationInputs = null, int[]? validationLabels = null)
        => _train(inputs, labels, validationInputs, validationLabels, options);

    public EvaluationResult Evaluate(float[] inputs, int[] labels) => _evaluate(inputs, labels);

    public static Classifier DigitsSample(int seed) { var n = new DigitsNet(seed); return new("64-32-10 ReLU", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier DeepSigmoid(int seed) { var n = new DeepSigmoidNet(seed); return new("6 × Sigmoid (Glorot)", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier DeepRelu(int seed) { var n = new DeepReluNet(seed); return new("6 × ReLU (He)", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier Wide(int seed) { var n = new WideNet(seed); return new("64-128-10", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier WideDropout(int seed) { var n = new WideDropoutNet(seed); return new("64-128-10, dropout 0.5", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier Sigmoid(int seed) { var n = new SigmoidNet(seed); return new("Sigmoid", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier Tanh(int seed) { var n = new TanhNet(seed); return new("Tanh", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier Relu(int seed) { var n = new ReluNet(seed); return new("ReLU", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier LeakyRelu(int seed) { var n = new LeakyReluNet(seed); return new("LeakyReLU", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }

    public static Classifier Elu(int seed) { var n = new EluNet(seed); return new("ELU", n, (x, y, vx, vy, o) => vx is null ? n.Train(x, y, o) : n.Train(x, y, vx, vy, o), (x, y) => n.Evaluate(x, y)); }
}
