using System;
using StaticNet;

// XOR: the smallest problem a single-layer network cannot solve. Two inputs, one output,
// a hidden layer of four tanh units in between, trained one sample at a time with plain SGD.
float[][] inputs = { new[] { 0f, 0f }, new[] { 0f, 1f }, new[] { 1f, 0f }, new[] { 1f, 1f } };
float[][] targets = { new[] { 0f }, new[] { 1f }, new[] { 1f }, new[] { 0f } };

var net = new XorNet(seed: 1);
const int epochs = 2000;
for (int epoch = 1; epoch <= epochs; epoch++)
{
    float loss = 0f;
    for (int i = 0; i < inputs.Length; i++) loss += net.TrainStep(inputs[i], targets[i], learningRate: 0.5f);
    if (epoch == 1 || epoch % 500 == 0) Console.WriteLine($"epoch {epoch,4}   mean loss {loss / inputs.Length:F6}");
}

Console.WriteLine();
Console.WriteLine(" x0  x1 | target | output");
Console.WriteLine("--------+--------+--------");
Span<float> output = stackalloc float[XorNet.OutputSize];
for (int i = 0; i < inputs.Length; i++)
{
    net.Predict(inputs[i], output);
    Console.WriteLine($" {inputs[i][0],2}  {inputs[i][1],2} |   {targets[i][0]}    | {output[0]:F4}  {(MathF.Round(output[0]) == targets[i][0] ? "✓" : "✗")}");
}

[Network(Loss = Loss.MeanSquaredError)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet { }
