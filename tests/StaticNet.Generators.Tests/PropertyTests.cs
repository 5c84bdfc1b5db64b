using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using StaticNet.Tests;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Generators.Tests;

/// <summary>
/// Property-based tests: random architectures (1–6 layers, sizes 1–300, every activation, every valid
/// loss) are generated, compiled in memory, loaded and run against the reference MLP and finite
/// differences; random invalid declarations must get a diagnostic, never a generator exception.
/// CsCheck shrinks a failure to the smallest failing declaration and prints it. The number of cases
/// is bounded for CI; set STATICNET_PROPERTY_CASES for more.
/// </summary>
public class PropertyTests
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("STATICNET_PROPERTY_CASES"), out int n) && n > 0 ? n : 12;

    private static readonly Activation[] Hidden = { Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.ELU };

    private static readonly (Loss Loss, Activation Output)[] Outputs =
        Hidden.Select(a => (Loss.MeanSquaredError, a))
            .Append((Loss.MeanSquaredError, Activation.Softmax))
            .Append((Loss.BinaryCrossEntropy, Activation.Sigmoid))
            .Append((Loss.CrossEntropy, Activation.Softmax))
            .ToArray();

    internal sealed record Architecture(int Input, (int Size, Activation Activation)[] Layers, Loss Loss)
    {
        public string Declaration()
        {
            var text = new StringBuilder("using StaticNet;\nnamespace Random\n{\n");
            text.Append("    [Network(Loss = Loss.").Append(Loss).Append(")]\n    [Input(").Append(Input).Append(")]\n");
            foreach ((int size, Activation activation) in Layers) text.Append("    [Dense(").Append(size).Append(", Activation.").Append(activation).Append(")]\n");
            return text.Append("    public partial class Net { }\n}\n").ToString();
        }

        public override string ToString() => Declaration();
    }

    private static readonly Gen<Architecture> Architectures =
        from input in Gen.Int[1, 300]
        from hidden in Gen.Select(Gen.Int[1, 300], Gen.Int[0, Hidden.Length - 1]).Array[0, 5]
        from outputSize in Gen.Int[1, 300]
        from output in Gen.Int[0, Outputs.Length - 1]
        select new Architecture(
            input,
            hidden.Select(h => (h.Item1, Hidden[h.Item2])).Append((outputSize, Outputs[output].Output)).ToArray(),
            Outputs[output].Loss);

    [Fact]
    public void RandomArchitecturesCompileAndMatchTheReference()
        => Architectures.Sample(CheckArchitecture, iter: Cases, threads: 1, print: a => a.Declaration());

    private static void CheckArchitecture(Architecture architecture)
    {
        string source = architecture.Declaration();
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        outcome.AssertCompilesCleanly(outcome.GeneratorDiagnostics.Select(d => d.Id).ToArray()); // advice warnings (e.g. SN0016) are expected

        var context = new AssemblyLoadContext("property", isCollectible: true);
        try
        {
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = outcome.Output.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            image.Position = 0;
            Type type = context.LoadFromStream(image).GetType("Random.Net")!;
            CheckNetwork(type, seed: architecture.Input * 31 + architecture.Layers.Length);
        }
        finally
        {
            context.Unload();
        }
    }

    private delegate void PredictFunction(ReadOnlySpan<float> input, Span<float> output);

    private static void CheckNetwork(Type type, int seed)
    {
        var reference = new ReferenceMlp(type);
        object instance = Activator.CreateInstance(type, seed)!;
        var net = (ITrainableNetwork)instance;
        var predict = (PredictFunction)Delegate.CreateDelegate(typeof(PredictFunction), instance, "Predict");
        Assert.Equal(reference.ParameterCount, net.ParameterCount);

        var random = new Random(seed);
        reference.RandomizeBiases(net.Parameters, random, range: 0.4f);
        (float[] input, float[] target) = reference.RandomSample(random);
        double[] p = ReferenceMlp.ToDouble(net.Parameters), x = ReferenceMlp.ToDouble(input), t = ReferenceMlp.ToDouble(target);

        var output = new float[reference.OutputSize];
        predict(input, output);
        double[] expectedOutput = reference.Forward(p, x);
        for (int k = 0; k < output.Length; k++) Assert.True(Math.Abs(output[k] - expectedOutput[k]) <= 1e-4 + 1e-3 * Math.Abs(expectedOutput[k]), $"output[{k}] {output[k]} vs {expectedOutput[k]}");

        var gradients = new float[net.ParameterCount];
        float loss = net.AccumulateSlice(input, target, 0, 1, 1f, gradients, training: false, out _);
        double expectedLoss = reference.LossOf(p, x, t);
        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-4 + 1e-3 * Math.Abs(expectedLoss), $"loss {loss} vs {expectedLoss}");

        // Central differences on a sample of parameters (all of them is O(P²)). A step that crosses a
        // ReLU kink somewhere downstream makes the two one-sided slopes disagree: such a sample says
        // nothing about the gradient and is skipped (random cases hit one now and then).
        double[] q = (double[])p.Clone();
        double centre = reference.LossOf(q, x, t);
        for (int sample = 0; sample < 24; sample++)
        {
            int i = random.Next(q.Length);
            double original = q[i], h = 1e-6 * Math.Max(1, Math.Abs(original));
            q[i] = original + h;
            double plus = reference.LossOf(q, x, t);
            q[i] = original - h;
            double minus = reference.LossOf(q, x, t);
            q[i] = original;
            double forward = (plus - centre) / h, backward = (centre - minus) / h;
            if (Math.Abs(forward - backward) > 1e-4 + 1e-3 * Math.Abs(forward)) continue;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(gradients[i] - numeric) <= 2e-4 + 2e-3 * Math.Abs(numeric), $"∂L/∂θ[{i}] {gradients[i]} vs {numeric}");
        }

        // A batch of 6 (one blocked group of four and two single samples) adds the sum of the six gradients.
        const int batch = 6;
        var inputs = new float[batch * reference.InputSize];
        var targets = new float[batch * reference.OutputSize];
        var sum = new float[net.ParameterCount];
        for (int s = 0; s < batch; s++)
        {
            (float[] xs, float[] ts) = reference.RandomSample(random);
            xs.CopyTo(inputs, s * xs.Length);
            ts.CopyTo(targets, s * ts.Length);
            net.AccumulateSlice(xs, ts, 0, 1, 1f, sum, training: false, out _);
        }
        net.EnsureBatchCapacity(batch);
        var batched = new float[net.ParameterCount];
        net.AccumulateSlice(inputs, targets, 0, batch, 1f, batched, training: false, out _);
        for (int i = 0; i < sum.Length; i++)
        {
            Assert.True(Math.Abs(batched[i] - sum[i]) <= 1e-4 + 1e-3 * Math.Abs(sum[i]), $"batched ∂L/∂θ[{i}] {batched[i]} vs Σ {sum[i]}");
        }

        // A window of 50 calls in which the JIT happens to compile (tier-up, on-stack replacement) can see the
        // runtime allocate on this thread once; an allocation per call would show in every window. So: the
        // quietest of three windows, after a warm-up, must allocate nothing.
        for (int warm = 0; warm < 200; warm++) net.AccumulateSlice(input, target, 0, 1, 1f, gradients, training: true, out _);
        long quietest = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int run = 0; run < 50; run++)
            {
                net.AccumulateSlice(input, target, 0, 1, 1f, gradients, training: true, out _);
                predict(input, output);
            }
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, quietest);
    }

    internal sealed record Garbage(bool HasNetwork, bool Partial, string Kind, int? Input, int LossValue, (int Size, int Activation, float? Alpha, float? Dropout)[] Layers)
    {
        public string Declaration()
        {
            var text = new StringBuilder("using StaticNet;\n");
            if (HasNetwork) text.Append("[Network(Loss = (Loss)").Append(LossValue).Append(")]");
            if (Input is int input) text.Append("[Input(").Append(input).Append(")]");
            foreach (var layer in Layers)
            {
                text.Append("[Dense(").Append(layer.Size).Append(", (Activation)").Append(layer.Activation);
                if (layer.Alpha is float alpha) text.Append(", Alpha = ").Append(Literal(alpha));
                if (layer.Dropout is float dropout) text.Append(", Dropout = ").Append(Literal(dropout));
                text.Append(")]");
            }
            return text.Append("\npublic ").Append(Partial ? "partial " : "").Append(Kind).Append(" Net { }\n").ToString();
        }

        public override string ToString() => Declaration();

        private static string Literal(float value)
            => float.IsNaN(value) ? "float.NaN" : float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
             : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";
    }

    private static readonly Gen<float?> Odd = Gen.OneOf(Gen.Const((float?)null), Gen.Float[-2f, 2f].Select(f => (float?)f), Gen.OneOf<float?>(float.NaN, float.PositiveInfinity, 0f, 1f));

    private static readonly Gen<Garbage> Garbages =
        from hasNetwork in Gen.Bool
        from partial in Gen.Bool
        from kind in Gen.OneOf("class", "static class", "record", "sealed class", "abstract class")
        from input in Gen.OneOf(Gen.Const((int?)null), Gen.Int[-3, 5].Select(i => (int?)i))
        from loss in Gen.Int[-1, 3]
        from layers in Gen.Select(Gen.Int[-2, 5], Gen.Int[-1, 7], Odd, Odd).Array[0, 4]
        select new Garbage(hasNetwork, partial, kind, input, loss, layers);

    [Fact]
    public void RandomDeclarationsNeverCrashTheGenerator()
        => Garbages.Sample(garbage =>
        {
            GeneratorOutcome outcome = GeneratorHarness.Run(garbage.Declaration());
            Assert.Null(outcome.Result.Exception);
            Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id is "CS8785" or "SN9999");
            bool generated = outcome.Result.GeneratedSources.Length > 0;
            bool rejected = outcome.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            bool compilerRejected = outcome.Output.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") != true);
            Assert.False(generated && rejected, "a rejected declaration generates nothing");
            if (garbage.HasNetwork) Assert.True(generated || rejected || compilerRejected, "a [Network] class is generated, or rejected with an error (ours or the compiler's)");
            if (generated)
            {
                // What is generated compiles: the only errors left are the compiler's own about the declaration.
                Assert.DoesNotContain(outcome.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
            }
        }, iter: Cases * 20, print: g => g.Declaration());
}
