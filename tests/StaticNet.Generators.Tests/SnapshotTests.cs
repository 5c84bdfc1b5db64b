using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNet.Generators.Emit;
using StaticNet.Generators.Model;
using Xunit;

namespace StaticNet.Generators.Tests;

public class SnapshotTests
{
    public static TheoryData<string> Cases => new(SnapshotCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedSource(string caseName)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(SnapshotCases.All[caseName]);

        string[] expectedWarnings = SnapshotCases.ExpectedWarnings(caseName);
        Assert.Equal(expectedWarnings, outcome.GeneratorDiagnostics.Select(d => d.Id));
        outcome.AssertCompilesCleanly(expectedWarnings);
        GeneratedSourceResult generated = Assert.Single(outcome.Result.GeneratedSources);
        SnapshotAssert.Matches(generated.SourceText.ToString(), Stem(caseName, generated.HintName));
    }

    /// <summary>
    /// The generated file holds the network, not machinery: no vector types or intrinsics (the library's kernels do that
    /// work, for every target alike), no unsafe code, and no line longer than a reader can take in.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedSourceHoldsNoKernelsAndNoLongLines(string caseName)
    {
        string source = GeneratorHarness.Run(SnapshotCases.All[caseName]).Result.GeneratedSources.Single().SourceText.ToString();
        foreach (string machinery in new[] { "Intrinsics", "Vector<", "Vector128", "Unsafe", "MemoryMarshal", "stackalloc float[16]" })
        {
            Assert.DoesNotContain(machinery, source);
        }
        string[] lines = source.Split('\n');
        string? longest = lines.OrderByDescending(l => l.Length).First();
        Assert.True(longest.Length <= 160, $"a line of {longest.Length} characters: {longest}");
    }

    /// <summary>The file stays the network's, not the machinery's: the budgets the kernels' move into the library set.</summary>
    [Theory]
    [InlineData("Digits", 550, 45_000)]
    [InlineData("Xor", 450, 45_000)]
    public void GeneratedFileStaysWithinItsBudget(string caseName, int maxLines, int maxBytes)
    {
        string source = GeneratorHarness.Run(SnapshotCases.All[caseName]).Result.GeneratedSources.Single().SourceText.ToString();
        int lines = source.Split('\n').Length - 1, bytes = System.Text.Encoding.UTF8.GetByteCount(source);
        Assert.True(lines <= maxLines, $"{caseName}: {lines} lines, budget {maxLines}");
        Assert.True(bytes <= maxBytes, $"{caseName}: {bytes} bytes, budget {maxBytes}");
    }

    /// <summary>
    /// The transposed copy of W1 (and the Parameters getter that gives it up) is emitted exactly where it can pay, and each
    /// inference call reads it only where it can: Predict and Classify from MinTransposedInputs inputs with outputs in
    /// blocks of 64; the batches from MinTransposedBatchInputs inputs with outputs in panels of 16 and chunks of six rows or
    /// more; never under a softmax first layer.
    /// </summary>
    [Theory]
    [InlineData("[Input(784)][Dense(128, Activation.ReLU)][Dense(10, Activation.Softmax)]", true, true)]
    [InlineData("[Input(512)][Dense(64, Activation.Tanh)][Dense(9, Activation.Sigmoid, Dropout = 0.3f)][Dense(2)]", true, true)]
    [InlineData("[Input(511)][Dense(128, Activation.ReLU)][Dense(10, Activation.Softmax)]", false, true)]
    [InlineData("[Input(784)][Dense(100, Activation.ReLU)][Dense(10, Activation.Softmax)]", false, false)]
    [InlineData("[Input(784)][Dense(48, Activation.ReLU)][Dense(10, Activation.Softmax)]", false, true)]
    [InlineData("[Input(784)][Dense(64, Activation.Softmax)]", false, false)]
    [InlineData("[Input(64)][Dense(32, Activation.ReLU)][Dense(10, Activation.Softmax)]", false, true)]
    [InlineData("[Input(63)][Dense(32, Activation.ReLU)][Dense(10, Activation.Softmax)]", false, false)]
    [InlineData("[Input(256)][Dense(256, Activation.ReLU)][Dense(10, Activation.Softmax)]", false, true)]
    [InlineData("[Input(2)][Dense(16, Activation.Tanh)][Dense(1, Activation.Sigmoid)]", false, false)]
    [InlineData("[Input(64)][Dense(4096, Activation.ReLU)][Dense(10, Activation.Softmax)]", false, false)]  // one row per chunk: no batch to serve
    [InlineData("[Input(784)][Dense(4096, Activation.ReLU)][Dense(10, Activation.Softmax)]", true, false)]
    public void TheTransposedCopyIsEmittedWhereItPays(string layers, bool oneSample, bool batches)
    {
        string loss = layers.Contains("Dense(2)") ? "MeanSquaredError" : layers.Contains("Dense(1, ") ? "BinaryCrossEntropy" : "CrossEntropy";
        GeneratorOutcome outcome = GeneratorHarness.Run("using StaticNet;\n[Network(Loss = Loss." + loss + ")]" + layers + " public partial class Net { }");
        Assert.Empty(outcome.GeneratorDiagnostics);
        string source = outcome.Result.GeneratedSources.Single().SourceText.ToString();
        bool any = oneSample || batches;
        Assert.Equal(any, source.Contains("SN::Kernels.TransposedWeights"));
        Assert.Equal(any, source.Contains("_w1Transposed.Expose()"));
        if (any) Assert.Contains("oneSample: " + (oneSample ? "true" : "false") + ", batches: " + (batches ? "true" : "false"), source);
        Assert.Equal(oneSample, source.Contains("ForwardPredict(input, 1, a"));
        Assert.Equal(batches, source.Contains("ForwardPredict(inputs.Slice(InputSize * first, InputSize * count), count, a"));
    }

    [Fact]
    public void GeneratedSourceIsDeterministic()
    {
        foreach (string source in SnapshotCases.All.Values)
        {
            string first = GeneratorHarness.Run(source).Result.GeneratedSources.Single().SourceText.ToString();
            string second = GeneratorHarness.Run(source).Result.GeneratedSources.Single().SourceText.ToString();
            Assert.Equal(first, second);
        }
    }

    /// <summary>A snapshot no test produces any more is stale: delete it (or restore its test).</summary>
    [Fact]
    public void NoStaleSnapshots()
    {
        var expected = new HashSet<string>();
        foreach ((string caseName, string source) in SnapshotCases.All)
        {
            foreach (GeneratedSourceResult generated in GeneratorHarness.Run(source).Result.GeneratedSources)
            {
                expected.Add(Stem(caseName, generated.HintName) + ".verified.cs");
            }
        }
        expected.Add(DiagnosticTests.MessagesSnapshot + ".verified.txt");
        expected.Add(BakingTests.TinySnapshot + ".verified.cs");

        string[] onDisk = Directory.GetFiles(SnapshotAssert.Directory(), "*.verified.*").Select(Path.GetFileName).ToArray()!;
        Assert.Empty(onDisk.Except(expected));
    }

    private static string Stem(string caseName, string hintName)
        => SnapshotAssert.FileStem(nameof(SnapshotTests), nameof(GeneratedSource), caseName, hintName);
}
