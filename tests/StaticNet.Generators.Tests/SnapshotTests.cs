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

    /// <summary>The scalar-only output used where System.Runtime.Intrinsics is missing (netstandard2.0, Unity).</summary>
    [Fact]
    public void GeneratedSourceWithoutVectorIntrinsics()
    {
        var spec = new NetworkSpec(
            "Demo", new EquatableArray<TypeDeclarationSpec>(new TypeDeclarationSpec[0]), new TypeDeclarationSpec("class", "ScalarNet", ""),
            9, new EquatableArray<LayerSpec>(new[] { new LayerSpec(5, ActivationKind.Sigmoid, 0f, 0f, InitializationKind.GlorotUniform), new LayerSpec(2, ActivationKind.Identity, 0f, 0f, InitializationKind.GlorotUniform) }),
            LossKind.MeanSquaredError);
        string source = NetworkEmitter.Emit(spec, new TargetInfo(HasVectorIntrinsics: false));

        Assert.DoesNotContain("System.Runtime.Intrinsics", source);
        var compilation = GeneratorHarness.Compile(null, "namespace Demo { public partial class ScalarNet { } }", source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        SnapshotAssert.Matches(source, SnapshotAssert.FileStem(nameof(SnapshotTests), nameof(GeneratedSourceWithoutVectorIntrinsics), "Scalar", spec.HintName));
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
        expected.Add(SnapshotAssert.FileStem(nameof(SnapshotTests), nameof(GeneratedSourceWithoutVectorIntrinsics), "Scalar", "Demo.ScalarNet.g.cs") + ".verified.cs");
        expected.Add(DiagnosticTests.MessagesSnapshot + ".verified.txt");

        string[] onDisk = Directory.GetFiles(SnapshotAssert.Directory(), "*.verified.*").Select(Path.GetFileName).ToArray()!;
        Assert.Empty(onDisk.Except(expected));
    }

    private static string Stem(string caseName, string hintName)
        => SnapshotAssert.FileStem(nameof(SnapshotTests), nameof(GeneratedSource), caseName, hintName);
}
