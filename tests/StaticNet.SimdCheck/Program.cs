using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using StaticNet.Tests;
using StaticNet.Tests.Networks;

// Runs every declared network once on this process's SIMD path and checks it against the double
// precision reference and central finite differences. Prints one line per network with the values
// SimdPathTests compares across paths; exits 1 on the first mismatch.
// The first line says which SIMD paths the runtime accelerates and which build of the library was loaded.
string library = typeof(StaticNet.INetwork).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()?.FrameworkName.Replace(" ", "") ?? "?";
Console.WriteLine($"simd {Vector512.IsHardwareAccelerated} {Vector256.IsHardwareAccelerated} {Vector128.IsHardwareAccelerated} {library}");
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

    // A first layer's transposed copy (TransposedWeights), on a fresh network that never hands out its Parameters: none
    // on the netstandard build or without 256-bit vectors, always one with 256-bit vectors only (every copy network's first
    // layer is in panels of 16); built after RebuildAfter calls
    // of the kinds it serves here (one sample, batches), and agreeing with the reference.
    if (type.GetField("_w1Transposed", BindingFlags.NonPublic | BindingFlags.Instance) is FieldInfo copyField)
    {
        var fresh = Activator.CreateInstance(type, 42)!;
        var copy = (StaticNet.Kernels.TransposedWeights)copyField.GetValue(fresh)!;
        var gate = ((StaticNet.Training.ITrainableNetwork)fresh).Gate;
        bool vectors = Vector256.IsHardwareAccelerated && library.Contains("NETCoreApp");
        if (copy.IsSupported != (copy.ServesOneSample || copy.ServesBatches) || (!vectors && copy.IsSupported)
            || (vectors && !Vector512.IsHardwareAccelerated && !copy.IsSupported))
        {
            Console.WriteLine($"{type.Name}: transposed copy supported {copy.IsSupported}, one sample {copy.ServesOneSample}, batches {copy.ServesBatches} on simd {Vector512.IsHardwareAccelerated} {Vector256.IsHardwareAccelerated} {library}");
            Environment.Exit(1);
        }
        double[] freshParameters = ReferenceMlp.ToDouble(((StaticNet.Training.ITrainableNetwork)fresh).ParameterMemory);
        if (copy.ServesOneSample)
        {
            var copyOutput = new float[reference.OutputSize];
            for (int i = 0; i <= StaticNet.Kernels.TransposedWeights.RebuildAfter; i++) ((ITestNetwork)fresh).Predict(input, copyOutput);
            ExpectCurrent(type, copy.IsCurrent(gate), "Predict");
            Check(type, "output from the transposed copy", reference.Forward(freshParameters, x), copyOutput, 1e-5, 1e-4);
            // Inputs that are mostly exact zeros, as an image's background: a group of 16 zeros, then every other one, then
            // two in every three; the copy's kernels read only the rows of the rest.
            float[] sparse = (float[])input.Clone();
            for (int i = 0; i < sparse.Length; i++) if (i < 16 || (i < 64 ? i % 2 == 0 : i % 3 != 1)) sparse[i] = i % 7 == 0 ? -0f : 0f;
            ((ITestNetwork)fresh).Predict(sparse, copyOutput);
            Check(type, "output from the transposed copy on mostly zero inputs", reference.Forward(freshParameters, ReferenceMlp.ToDouble(sparse)), copyOutput, 1e-5, 1e-4);
        }
        if (copy.ServesBatches)
        {
            // PredictBatch of 15 rows from the copy: blocks of six, six, two and one sample with 256-bit vectors; of eight,
            // four, two and one with 512-bit.
            var copyInputs = new float[15 * reference.InputSize];
            var copyRandom = new Random(7);  // not the run's random: this block runs on some paths only, and the lines printed must agree across paths
            for (int i = 0; i < copyInputs.Length; i++) copyInputs[i] = (float)(2 * copyRandom.NextDouble() - 1);
            var copyOutputs = new float[15 * reference.OutputSize];
            for (int i = 0; i <= StaticNet.Kernels.TransposedWeights.RebuildAfter; i++) ((ITestNetwork)fresh).PredictBatch(copyInputs, copyOutputs);
            ExpectCurrent(type, copy.IsCurrent(gate), "PredictBatch");
            for (int s = 0; s < 15; s++)
            {
                double[] row = ReferenceMlp.ToDouble(copyInputs.AsSpan(s * reference.InputSize, reference.InputSize).ToArray());
                Check(type, "PredictBatch row " + s + " from the transposed copy", reference.Forward(freshParameters, row), copyOutputs.AsSpan(s * reference.OutputSize, reference.OutputSize).ToArray(), 1e-5, 1e-4);
            }
        }
    }
    var gradients = new float[reference.ParameterCount];
    float loss = net.AccumulateGradients(input, target, gradients);
    Check(type, "loss", new[] { reference.LossOf(p, x, t) }, new[] { loss }, 1e-5, 1e-4);
    Check(type, "gradient", reference.NumericalGradient(p, x, t), gradients, 1e-4, 1e-3);

    // PredictBatch on 6 rows (a 4-sample block and two singles): each row as Predict gives it.
    var predictInputs = new float[6 * reference.InputSize];
    for (int i = 0; i < predictInputs.Length; i++) predictInputs[i] = (float)(2 * random.NextDouble() - 1);
    var batchOutputs = new float[6 * reference.OutputSize];
    net.PredictBatch(predictInputs, batchOutputs);
    for (int s = 0; s < 6; s++)
    {
        var rowOutput = new float[reference.OutputSize];
        net.Predict(predictInputs.AsSpan(s * reference.InputSize, reference.InputSize), rowOutput);
        Check(type, "PredictBatch row " + s, ReferenceMlp.ToDouble(rowOutput), batchOutputs.AsSpan(s * reference.OutputSize, reference.OutputSize).ToArray(), 1e-5, 1e-4);
    }

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

    // The same batch with the optimizer's plain SGD step inside the gradient pass: the kernels step their weight rows
    // themselves, and must leave the bits of the step taken range by range from the handed-over gradients.
    if (net is StaticNet.Training.IParallelTrainableNetwork parallel)
    {
        float[] InKernels(bool inKernels, float[] batchInputs, out PlainSgdSink sink)
        {
            var copy = (StaticNet.Training.IParallelTrainableNetwork)Activator.CreateInstance(type, 42)!;
            net.Parameters.CopyTo(copy.Parameters);
            copy.EnsureBatchCapacity(batch);
            copy.ForwardBackward(inputs, targets, 0, batch, 1f);
            sink = new PlainSgdSink(copy, 0.05f, inKernels);
            copy.ComputeGradientRows(batchInputs, batch, 0, 1, new float[reference.ParameterCount], sink);
            return copy.Parameters.ToArray();
        }
        float[] stepped = InKernels(true, inputs, out PlainSgdSink sink), handedOver = InKernels(false, inputs, out _);
        int reported = sink.Reported;
        for (int i = 0; i < stepped.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(stepped[i]) != BitConverter.SingleToInt32Bits(handedOver[i]) || reported != 0)
            {
                Console.WriteLine($"{type.Name} plain SGD in the kernels: parameter {i} is {Format(stepped[i])}, handed over {Format(handedOver[i])}; {reported} reports");
                Environment.Exit(1);
            }
        }
        float[] broken = (float[])inputs.Clone();
        broken[^1] = float.NaN;  // the last sample's last input: the last column of layer 1's gradient, in its last kernel step
        InKernels(true, broken, out sink);
        if (sink.Times[0] == 0 && sink.Reported == 0)  // layer 1's weights were stepped in the kernels (from KernelThreshold inputs)
        {
            Console.WriteLine($"{type.Name} plain SGD in the kernels: a NaN gradient was not reported");
            Environment.Exit(1);
        }
    }

    net.TrainStep(input, target, 0.05f);

    // A short run of the training loop: three epochs of Adam over twelve samples in batches of five (a block of four and
    // a single, then two smaller batches), so the optimizer's kernels run too.
    const int samples = 12;
    var trainInputs = new float[samples * reference.InputSize];
    var trainTargets = new float[samples * reference.OutputSize];
    for (int s = 0; s < samples; s++)
    {
        (float[] xs, float[] ts) = reference.RandomSample(random);
        xs.CopyTo(trainInputs, s * xs.Length);
        ts.CopyTo(trainTargets, s * ts.Length);
    }
    StaticNet.Training.Trainer.Train(trainable, trainInputs, trainTargets, new StaticNet.Training.TrainingOptions
    {
        Epochs = 3, BatchSize = 5, Optimizer = StaticNet.Training.Optimizer.Adam(0.01f), Seed = 3, MaxDegreeOfParallelism = 1,
    });

    Console.WriteLine(string.Join(" ", new[] { type.Name }
        .Concat(output.Select(Format))
        .Append(Format(loss))
        .Concat(batchOutputs.Take(24).Select(Format))
        .Concat(gradients.Take(64).Select(Format))
        .Concat(batched.Take(64).Select(Format))
        .Concat(net.Parameters.ToArray().Take(64).Select(Format))));
}
return 0;

static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

static void ExpectCurrent(Type type, bool current, string calls)
{
    if (current) return;
    Console.WriteLine($"{type.Name}: the transposed copy is not current after RebuildAfter + 1 calls of {calls}");
    Environment.Exit(1);
}

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
