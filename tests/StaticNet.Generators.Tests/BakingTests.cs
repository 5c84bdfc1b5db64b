using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Serialization;
using Xunit;
using Tracking = StaticNet.Generators.NetworkGenerator.TrackingNames;

namespace StaticNet.Generators.Tests;

/// <summary>
/// Baked weights ([Network(Weights = "…")] with the .snet file in AdditionalFiles): a network saved by the library is
/// compiled into a second one bit for bit; a missing, damaged or mismatched file is a compile-time error; editing the
/// file rebakes it and nothing else.
/// </summary>
public sealed class BakingTests : IDisposable
{
    private const string Architecture = "[Input(20)][Dense(16, Activation.LeakyReLU, Alpha = 0.05f)][Dense(8, Activation.Tanh)][Dense(3, Activation.Softmax)]";

    private static string Declaration(string name, string? weights, string architecture = Architecture)
        => "using StaticNet;\nnamespace Baked\n{\n    [Network(Loss = Loss.CrossEntropy" + (weights is null ? "" : ", Weights = \"" + weights + "\"") + ")]\n    "
            + architecture + "\n    public partial class " + name + " { }\n}\n";

    internal const string TinySnapshot = "BakingTests.Tiny#Demo.Tiny.Weights.g";

    private readonly string _directory = Directory.CreateTempSubdirectory("staticnet-bake-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Compiles a declaration, loads it, and runs <paramref name="use"/> on the loaded network type.</summary>
    private static void WithNetwork(GeneratorOutcome outcome, string typeName, Action<Type> use)
    {
        outcome.AssertCompilesCleanly();
        var context = new AssemblyLoadContext("bake", isCollectible: true);
        try
        {
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = outcome.Output.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            image.Position = 0;
            use(context.LoadFromStream(image).GetType(typeName)!);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Saves a network of <paramref name="architecture"/> from <paramref name="seed"/>, its biases made non-zero, to a file under the temporary folder.</summary>
    private string SaveTrained(string relativePath, int seed, string architecture = Architecture)
    {
        string path = Path.Combine(_directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WithNetwork(GeneratorHarness.Run(Declaration("Source", null, architecture)), "Baked.Source", type =>
        {
            var network = (INetwork)Activator.CreateInstance(type, seed)!;
            Span<float> parameters = ((Training.ITrainableNetwork)network).Parameters;
            var random = new Random(seed);
            for (int i = 0; i < parameters.Length; i++) parameters[i] += (float)(random.NextDouble() - 0.5);
            ModelFile.Save(network, path);
        });
        return path;
    }

    private delegate float TrainStepFunction(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate);

    private delegate void PredictFunction(ReadOnlySpan<float> input, Span<float> output);

    private static float[] Predictions(object network, float[][] inputs)
    {
        var predict = (PredictFunction)Delegate.CreateDelegate(typeof(PredictFunction), network, "Predict");
        var outputs = new List<float>();
        foreach (float[] input in inputs)
        {
            var output = new float[3];
            predict(input, output);
            outputs.AddRange(output);
        }
        return outputs.ToArray();
    }

    [Fact]
    public void ABakedNetworkHasTheSavedParametersAndPredictsBitForBitAsTheNetworkThatSavedThem()
    {
        string path = SaveTrained("models/trained.snet", seed: 11);
        var random = new Random(3);
        float[][] inputs = Enumerable.Range(0, 16).Select(_ => Enumerable.Range(0, 20).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray()).ToArray();

        float[] savedParameters = Array.Empty<float>(), savedOutputs = Array.Empty<float>();
        WithNetwork(GeneratorHarness.Run(Declaration("Source", null)), "Baked.Source", type =>
        {
            var network = (INetwork)Activator.CreateInstance(type, 0)!;
            ModelFile.Load(network, path);
            savedParameters = network.Parameters.ToArray();
            savedOutputs = Predictions(network, inputs);
        });

        GeneratorOutcome baked = GeneratorHarness.Run(new AdditionalText[] { new FileOnDisk(path) }, Declaration("Shipped", "models/trained.snet"));
        Assert.Empty(baked.GeneratorDiagnostics);
        WithNetwork(baked, "Baked.Shipped", type =>
        {
            var network = (INetwork)Activator.CreateInstance(type)!;
            Assert.Equal(savedParameters.Select(BitConverter.SingleToInt32Bits), network.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(savedOutputs.Select(BitConverter.SingleToInt32Bits), Predictions(network, inputs).Select(BitConverter.SingleToInt32Bits));
            // Saved again, it is the file it was baked from, byte for byte; and it trains like any network.
            using (var copy = new MemoryStream())
            {
                ModelFile.Save(network, copy);
                Assert.Equal(File.ReadAllBytes(path), copy.ToArray());
            }
            var trainStep = (TrainStepFunction)Delegate.CreateDelegate(typeof(TrainStepFunction), network, "TrainStep");
            trainStep(inputs[0], new float[] { 0, 1, 0 }, 0.1f);
            Assert.NotEqual(savedParameters, network.Parameters.ToArray());
            // The seed constructor still draws fresh weights: a baked network can be trained from scratch too.
            var fresh = (INetwork)Activator.CreateInstance(type, 11)!;
            Assert.NotEqual(savedParameters, fresh.Parameters.ToArray());
        });
    }

    [Fact]
    public void TheBakedFileIsItsOwnReadableGeneratedFile()
    {
        string path = SaveTrained("tiny.snet", seed: 2, architecture: "[Input(2)][Dense(3, Activation.Tanh)][Dense(2, Activation.Softmax)]");
        GeneratorOutcome outcome = GeneratorHarness.Run(new AdditionalText[] { new FileOnDisk(path) },
            "using StaticNet;\nnamespace Demo\n{\n    [Network(Loss = Loss.CrossEntropy, Weights = \"tiny.snet\")]\n    [Input(2)][Dense(3, Activation.Tanh)][Dense(2, Activation.Softmax)]\n    public partial class Tiny { }\n}\n");
        outcome.AssertCompilesCleanly();
        GeneratedSourceResult weights = outcome.Result.GeneratedSources.Single(s => s.HintName == "Demo.Tiny.Weights.g.cs");
        GeneratedSourceResult network = outcome.Result.GeneratedSources.Single(s => s.HintName == "Demo.Tiny.g.cs");
        SnapshotAssert.Matches(weights.SourceText.ToString(), TinySnapshot);
        Assert.Contains("SN::BakedWeights.CopyTo(BakedParameters, _parameters);", network.SourceText.ToString());
        Assert.DoesNotContain("new byte[]", network.SourceText.ToString());
    }

    /// <summary>(file content, the additional files' names, the phrase the error must contain) for each way a bake fails.</summary>
    public static TheoryData<string, string, string> Failures => new()
    {
        { "SN0031", "none", "add <AdditionalFiles Include=\"models/trained.snet\" />" },
        { "SN0031", "two", "give more of the path" },
        { "SN0032", "not snet", "not the magic bytes 89 53 4E 45 54 0D 0A 1A" },
        { "SN0032", "flipped byte", "the file is damaged" },
        { "SN0032", "cut short", "does not end with the END section" },
        { "SN0032", "version 2", "its format version is 2" },
        { "SN0033", "other layer", "layer 2 is Dense(9, Tanh) in the file, Dense(8, Tanh) declared" },
        { "SN0033", "other alpha", "layer 1 is Dense(16, LeakyReLU, α 0.01) in the file, Dense(16, LeakyReLU, α 0.05) declared" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void ABadWeightsFileIsACompileTimeErrorOnTheNetworkAndNothingElse(string id, string fault, string phrase)
    {
        string path = SaveTrained("models/trained.snet", seed: 5);
        var files = new List<AdditionalText> { new FileOnDisk(path) };
        byte[] bytes = File.ReadAllBytes(path);
        switch (fault)
        {
            case "none": files.Clear(); break;
            case "two": files.Add(new FileOnDisk(SaveTrained("backup/models/trained.snet", seed: 5))); break;
            case "not snet": File.WriteAllText(path, "weights: 0.1, 0.2"); break;
            case "flipped byte": bytes[200] ^= 0x10; File.WriteAllBytes(path, bytes); break;
            case "cut short": File.WriteAllBytes(path, bytes[..^7]); break;
            case "version 2": bytes[8] = 2; File.WriteAllBytes(path, bytes); break;
            case "other layer": SaveTrained("models/trained.snet", 5, Architecture.Replace("Dense(8,", "Dense(9,")); break;
            case "other alpha": SaveTrained("models/trained.snet", 5, Architecture.Replace("Alpha = 0.05f", "Alpha = 0.01f")); break;
        }
        GeneratorOutcome outcome = GeneratorHarness.Run(files.ToArray(), Declaration("Shipped", "models/trained.snet"));

        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(phrase, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("'Shipped'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Shipped", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        // The SN error is the only one: the network still compiles, so the user is not sent after a second, derived error.
        Assert.Empty(outcome.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("/src/app/models/digits.snet", "models/digits.snet", true)]
    [InlineData("C:\\src\\app\\models\\digits.snet", "models/digits.snet", true)]
    [InlineData("/src/app/models/digits.snet", "./models\\Digits.snet", true)]
    [InlineData("/src/app/models/digits.snet", "digits.snet", true)]
    [InlineData("/src/app/models/mydigits.snet", "digits.snet", false)]
    [InlineData("/src/app/models/digits.snet", "other/digits.snet", false)]
    [InlineData("/src/app/models/digits.snet", "", false)]
    public void TheWeightsPathMatchesTheEndOfAnAdditionalFilesPath(string additionalFile, string requested, bool matches)
        => Assert.Equal(matches, Baking.WeightsBaker.Matches(additionalFile, requested));

    [Fact]
    public void EditingTheWeightsFileRebakesItAndLeavesTheNetworkFileCached()
    {
        string path = SaveTrained("models/trained.snet", seed: 5);
        CSharpCompilation compilation = GeneratorHarness.Compile(null, Declaration("Shipped", "models/trained.snet"), "namespace Baked { class Other { int X; } }");
        var original = new FileOnDisk(path);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new AdditionalText[] { original }).RunGenerators(compilation);
        string before = WeightsSource(driver);

        SaveTrained("models/trained.snet", seed: 6);   // the IDE and the build hand the generator a new AdditionalText for a changed file
        driver = driver.ReplaceAdditionalText(original, new FileOnDisk(path)).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        AssertReasons(result, Tracking.WeightsFiles, IncrementalStepRunReason.Modified);
        AssertReasons(result, Tracking.Bake, IncrementalStepRunReason.Modified);
        AssertReasons(result, Tracking.Specs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.NotEqual(before, WeightsSource(driver));
    }

    [Theory]
    [InlineData("edit other file")]
    [InlineData("same file again")]
    public void EditingUnrelatedCodeOrReloadingAnUnchangedFileLeavesTheBakeCached(string edit)
    {
        string path = SaveTrained("models/trained.snet", seed: 5);
        CSharpCompilation compilation = GeneratorHarness.Compile(null, Declaration("Shipped", "models/trained.snet"), "namespace Baked { class Other { int X; } }");
        var original = new FileOnDisk(path);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new AdditionalText[] { original }).RunGenerators(compilation);
        if (edit == "same file again")
        {
            driver = driver.ReplaceAdditionalText(original, new FileOnDisk(path));
        }
        else
        {
            SyntaxTree other = compilation.SyntaxTrees.Last();
            compilation = compilation.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText("namespace Baked { class Other { int Y; } }", GeneratorHarness.CSharp9, other.FilePath));
        }
        GeneratorRunResult result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        if (edit == "same file again") AssertReasons(result, Tracking.WeightsFiles, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Tracking.Bake, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, Tracking.Specs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        foreach ((object _, IncrementalStepRunReason reason) in result.TrackedOutputSteps.SelectMany(o => o.Value).Where(run => run.Inputs.All(i => i.Source.Name != null && i.Source.Name != "Compilation")).SelectMany(r => r.Outputs))
        {
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"an output step was {reason}");
        }
    }

    private static string WeightsSource(GeneratorDriver driver)
        => driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(".Weights.g.cs", StringComparison.Ordinal)).SourceText.ToString();

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} is not tracked");
        var reasons = result.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.True(allowed.Contains(reason), $"step {step} output was {reason}, expected {string.Join(" or ", allowed)}"));
    }
}
