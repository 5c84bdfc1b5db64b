using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNet.Generators.Diagnostics;
using Xunit;

namespace StaticNet.Generators.Tests;

/// <summary>Each bad declaration gets its diagnostic, at the right place, with a message that says how to fix it — and never a crash.</summary>
public class DiagnosticTests
{
    /// <summary>(ID, source, the source text the diagnostic must point at, a phrase its message must contain).</summary>
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "SN0001", "[Network][Input(2)][Dense(1)] public class Plain { }", "Plain", "partial class Plain" },
        { "SN0002", "[Network][Dense(1)] public partial class NoInput { }", "NoInput", "add one" },
        { "SN0003", "[Network][Input(2)] public partial class NoLayers { }", "NoLayers", "add at least one" },
        { "SN0004", "[Network][Input(0)][Dense(1)] public partial class ZeroInput { }", "Input(0)", "at least 1" },
        { "SN0004", "[Network][Input(2)][Dense(-3)] public partial class NegativeLayer { }", "Dense(-3)", "Layer 1 size is -3" },
        { "SN0005", "[Network(Loss = Loss.CrossEntropy)][Input(2)][Dense(3, Activation.Softmax)][Dense(2, Activation.Softmax)] public partial class EarlySoftmax { }", "Dense(3, Activation.Softmax)", "Softmax on the output layer only" },
        { "SN0006", "[Network(Loss = Loss.CrossEntropy)][Input(2)][Dense(2, Activation.Sigmoid)] public partial class CeSigmoid { }", "Dense(2, Activation.Sigmoid)", "Activation.Softmax" },
        { "SN0007", "[Network(Loss = Loss.BinaryCrossEntropy)][Input(2)][Dense(2, Activation.Softmax)] public partial class BceSoftmax { }", "Dense(2, Activation.Softmax)", "Activation.Sigmoid" },
        { "SN0008", "[Network][Input(2)][Dense(1)] public partial class HasPredict { public void Predict() { } }", "Predict", "rename or remove your 'Predict'" },
        { "SN0008", "[Network][Input(2)][Dense(1)] public partial class HasSeedCtor { public HasSeedCtor(int x) { } }", "HasSeedCtor", "constructor (int)" },
        { "SN0008", "[Network][Input(2)][Dense(1)] public partial class HasW1 { private int W1; }", "W1", "'W1'" },
        { "SN0009", "[Network][Input(2)][Dense(1, Activation.LeakyReLU, Alpha = -1f)] public partial class NegativeSlope { }", "Dense(1, Activation.LeakyReLU, Alpha = -1f)", "≥ 0" },
        { "SN0009", "[Network][Input(2)][Dense(1, Activation.ELU, Alpha = 0f)] public partial class ZeroElu { }", "Dense(1, Activation.ELU, Alpha = 0f)", "> 0" },
        { "SN0010", "[Network][Input(2)][Dense(1, Activation.Tanh, Alpha = 0.5f)] public partial class TanhAlpha { }", "Dense(1, Activation.Tanh, Alpha = 0.5f)", "remove Alpha" },
        { "SN0011", "[Network][Input(2)][Dense(1)] public static partial class Static { }", "Static", "static class" },
        { "SN0011", "[Network][Input(2)][Dense(1)] public partial record Rec { }", "Rec", "record" },
        { "SN0012", "[Network][Input(2)][Dense(1, (Activation)42)] public partial class Unknown { }", "Dense(1, (Activation)42)", "not a member of StaticNet.Activation" },
        { "SN0012", "[Network(Loss = (Loss)9)][Input(2)][Dense(1)] public partial class UnknownLoss { }", "UnknownLoss", "not a member of StaticNet.Loss" },
        { "SN0014", "[Network][Input(2)][Dense(3, Dropout = 1f)][Dense(1)] public partial class FullDropout { }", "Dense(3, Dropout = 1f)", "up to, but not including, 1" },
        { "SN0014", "[Network][Input(2)][Dense(3, Dropout = -0.1f)][Dense(1)] public partial class NegativeDropout { }", "Dense(3, Dropout = -0.1f)", "Dropout = -0.1" },
        { "SN0015", "[Network][Input(2)][Dense(3)][Dense(1, Dropout = 0.5f)] public partial class OutputDropout { }", "Dense(1, Dropout = 0.5f)", "move Dropout to a hidden layer" },
        { "SN0012", "[Network(Initialization = (Initialization)77)][Input(2)][Dense(1)] public partial class UnknownInit { }", "UnknownInit", "StaticNet.Initialization" },
        { "SN0013", "public class Outer { [Network][Input(2)][Dense(1)] public partial class Inner { } }", "Outer", "'Outer' contains the network 'Inner'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadDeclarationGetsItsDiagnostic(string id, string declaration, string pointsAt, string messagePhrase)
    {
        string source = "using StaticNet;\n" + declaration;
        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(pointsAt, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains(messagePhrase, diagnostic.GetMessage());
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id == "CS8785");

        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            Assert.Empty(outcome.Result.GeneratedSources);
        }
        else
        {
            // A warning still generates the network, and the result compiles.
            Assert.Single(outcome.Result.GeneratedSources);
            Assert.DoesNotContain(outcome.CompilationProblems(), d => d.Id != id);
        }
    }

    [Fact]
    public void SeveralProblemsAreAllReported()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("using StaticNet;\n[Network(Loss = Loss.CrossEntropy)][Input(0)][Dense(0)][Dense(3, Activation.Softmax)][Dense(2, Activation.Tanh)] public class Many { }");
        Assert.Equal(new[] { "SN0001", "SN0004", "SN0004", "SN0005", "SN0006" }, outcome.GeneratorDiagnostics.Select(d => d.Id).OrderBy(i => i));
    }

    [Fact]
    public void InvalidAttributeArgumentsLeaveErrorsToTheCompiler()
    {
        // Not a constant: the compiler reports CS0182; the generator must neither crash nor pile on.
        GeneratorOutcome outcome = GeneratorHarness.Run("using StaticNet;\n[Network][Input(Size)][Dense(1)] public partial class C { static int Size = 2; }");
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.Contains(outcome.Output.GetDiagnostics(), d => d.Id == "CS0120" || d.Id == "CS0182");
    }

    [Fact]
    public void EveryDiagnosticIsTestedAndTracked()
    {
        string[] tested = Cases.Select(c => (string)c[0]).Distinct().ToArray();
        string releases = File.ReadAllText(Path.Combine(SnapshotAssert.RepositoryRoot(), "generators", "StaticNet.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in DiagnosticCatalog.All)
        {
            if (descriptor.Id != DiagnosticCatalog.InternalError.Id) Assert.Contains(descriptor.Id, tested);
            Assert.Contains(descriptor.Id + " | StaticNet | " + descriptor.DefaultSeverity, releases);
            Assert.StartsWith("SN", descriptor.Id);
        }
        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(d => d.Id).Distinct().Count());
    }
}
