using System;
using System.Diagnostics;
using System.IO;
using StaticNet;
using StaticNet.Training;

// MNIST: 784 pixels in, 10 classes out, 128 ReLU units between. The first 8,000 of the 10,000
// shipped digits train, the last 2,000 test. Mini-batch SGD with Nesterov momentum.
string data = Path.Combine(AppContext.BaseDirectory, "data");
(float[] pixels, int count, int size) = Idx.ReadImages(Path.Combine(data, "mnist10k-images-idx3-ubyte.gz"));
int[] labels = Idx.ReadLabels(Path.Combine(data, "mnist10k-labels-idx1-ubyte.gz"));
if (size != MnistNet.InputSize || labels.Length != count) throw new InvalidDataException("Unexpected MNIST file shapes.");

const int TrainCount = 8000;
ReadOnlySpan<float> trainX = pixels.AsSpan(0, TrainCount * size), testX = pixels.AsSpan(TrainCount * size);
ReadOnlySpan<int> trainY = labels.AsSpan(0, TrainCount), testY = labels.AsSpan(TrainCount);
Console.WriteLine($"{count} digits of {size} pixels: {TrainCount} train, {count - TrainCount} test.");

var net = new MnistNet(seed: 1);
const int Epochs = 15;
var clock = Stopwatch.StartNew();
TrainingReport report = net.Train(trainX, trainY, new TrainingOptions
{
    Epochs = Epochs,
    BatchSize = 32,
    Optimizer = Optimizer.Sgd(learningRate: 0.05f, momentum: 0.9f, nesterov: true),
    Schedule = LearningRateSchedule.Cosine(Epochs, minFactor: 0.05f),
    Seed = 1,
    Progress = new ConsoleProgress(),
});
clock.Stop();

double samplesPerSecond = (double)TrainCount * report.Epochs.Count / clock.Elapsed.TotalSeconds;
Console.WriteLine();
Console.WriteLine($"{report.Message} {clock.Elapsed.TotalSeconds:F1} s: {samplesPerSecond:N0} training samples per second (one thread).");
EvaluationResult test = net.Evaluate(testX, testY);
Console.WriteLine($"Test accuracy: {test.Accuracy:P2} ({Math.Round(test.Accuracy * test.Count)} of {test.Count}), test loss {test.Loss:F4}");

var predictClock = Stopwatch.StartNew();
Span<float> output = stackalloc float[MnistNet.OutputSize];
for (int i = 0; i < count - TrainCount; i++) net.Predict(testX.Slice(i * size, size), output);
Console.WriteLine($"Predict: {(count - TrainCount) / predictClock.Elapsed.TotalSeconds:N0} samples per second, one at a time.");

[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistNet { }

internal sealed class ConsoleProgress : IProgress<EpochReport>
{
    public void Report(EpochReport epoch) => Console.WriteLine(epoch);
}
