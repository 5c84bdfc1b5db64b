using System;
using System.Globalization;
using System.Linq;
using System.Runtime.Intrinsics;
using StaticNet.Tests;
using StaticNet.Tests.Networks;

// Runs every declared network once on this process's SIMD path and checks it against the double
// precision reference and central finite differences. Prints one line per network with the values
// SimdPathTests compares across paths; exits 1 on the first mismatch.
Console.WriteLine($"simd {Vector512.IsHardwareAccelerated} {Vector256.IsHardwareAccelerated} {Vector128.IsHardwareAccelerated}");
var types = ReferenceMlp.NetworkTypes(typeof(ITestNetwork).Assembly).ToArray();
foreach (Type type in types)
{
    var reference = new ReferenceMlp(type);
    var net = (ITestNetwork)Activator.CreateInstance(type, 42)!;
    var random = new Random(type.Name.Length * 7919 + reference.ParameterCount);
    reference.RandomizeBiases(net.Parameters, random);
    (float[] input, float[] target) = reference.RandomSample(random);
    double[] p = ReferenceMlp.ToDouble(net.Parameters), x = ReferenceMlp.ToDouble(input), t = ReferenceMlp.ToDouble(target);

    var output = new float[reference.OutputSize];
    net.Predict(input, output);
    Check(type, "output", reference.Forward(p, x), output, 1e-5, 1e-4);
    var gradients = new float[reference.ParameterCount];
    float loss = net.AccumulateGradients(input, target, gradients);
    Check(type, "loss", new[] { reference.LossOf(p, x, t) }, new[] { loss }, 1e-5, 1e-4);
    Check(type, "gradient", reference.NumericalGradient(p, x, t), gradients, 1e-4, 1e-3);

    // A batch of 6 (a 4-sample block and two singles) through the batched kernels: the sum of the six gradients.
    var trainable = (StaticNet.Training.ITrainableNetwork)net;
    const int batch = 6;
    var inputs = new float[batch * reference.InputSize];
    var targets = new float[batch * reference.OutputSize];
    var sum = new double[reference.ParameterCount];
    var single = new float[reference.ParameterCount];
    for (int s = 0; s < batch; s++)
    {
        (float[] xs, float[] ts) = reference.RandomSample(random);
        xs.CopyTo(inputs, s * xs.Length);
        ts.CopyTo(targets, s * ts.Length);
        Array.Clear(single);
        net.AccumulateGradients(xs, ts, single);
        for (int i = 0; i < sum.Length; i++) sum[i] += single[i];
    }
    trainable.EnsureBatchCapacity(batch);
    var batched = new float[reference.ParameterCount];
    trainable.AccumulateSlice(inputs, targets, 0, batch, 1f, batched, training: false, out _);
    Check(type, "batched gradient", sum, batched, 1e-4, 1e-3);

    net.TrainStep(input, target, 0.05f);

    Console.WriteLine(string.Join(" ", new[] { type.Name }
        .Concat(output.Select(Format))
        .Append(Format(loss))
        .Concat(gradients.Take(64).Select(Format))
        .Concat(batched.Take(64).Select(Format))
        .Concat(net.Parameters.ToArray().Take(64).Select(Format))));
}
return 0;

static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

static void Check(Type type, string what, double[] expected, float[] actual, double absolute, double relative)
{
    for (int i = 0; i < expected.Length; i++)
    {
        if (double.IsNaN(expected[i])) continue; // not sampled
        if (!(Math.Abs(expected[i] - actual[i]) <= absolute + relative * Math.Abs(expected[i])))
        {
            Console.WriteLine($"MISMATCH {type.Name} {what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
            Environment.Exit(1);
        }
    }
}
