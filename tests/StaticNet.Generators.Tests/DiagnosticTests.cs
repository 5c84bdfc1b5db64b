using System;
using System.Collections.Generic;
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
        { "SN0016", "[Network][Input(2)][Dense(3, Activation.Softmax)] public partial class MseSoftmax { }", "Dense(3, Activation.Softmax)", "use Loss.CrossEntropy" },
        { "SN0017", "[Network][Input(2)][Dense(3, Activation.Sigmoid)][Dense(3, Activation.Sigmoid)][Dense(3, Activation.Sigmoid)][Dense(3, Activation.Sigmoid)][Dense(1)] public partial class Vanishing { }", "Dense(3, Activation.Sigmoid)", "4 Sigmoid hidden layers" },
        { "SN0018", "[Network][Input(2)][Dense(3, Activation.ReLU, Initialization = Initialization.GlorotNormal)][Dense(1)] public partial class ReluGlorot { }", "Dense(3, Activation.ReLU, Initialization = Initialization.GlorotNormal)", "want He" },
        { "SN0018", "[Network(Initialization = Initialization.GlorotUniform)][Input(2)][Dense(3, Activation.ELU)][Dense(1)] public partial class EluGlorot { }", "Dense(3, Activation.ELU)", "Initialization.GlorotUniform" },
        { "SN0021", "[Network][Input(100000)][Dense(100000)][Dense(10)] public partial class Huge { }", "Huge", "10,001,100,010 parameters" },
        { "SN0022", "[Network(Explain = true)][Input(64)][Dense(32, Activation.ReLU)][Dense(10)] public partial class TooBigToExplain { }", "TooBigToExplain", "at most 512" },
        { "SN0023", "[Network(Explain = true)][Input(2)][Dense(3, Activation.ReLU, Dropout = 0.5f)][Dense(1)] public partial class ExplainedDropout { }", "Dense(3, Activation.ReLU, Dropout = 0.5f)", "remove Dropout" },
        // Fits an int, not an array: .NET allocates at most 2,147,483,591 floats, and the parameters take 15 more to align.
        { "SN0021", "[Network][Input(1)][Dense(1073741823)] public partial class Unallocatable { }", "Unallocatable", "2,147,483,646 parameters; .NET allocates at most 2,147,483,576 floats" },
        { "SN0030", "[Network(Loss = Loss.CrossEntropy)][Input(3)][Dense(4, Activation.ReLU)][Dense(1, Activation.Softmax)] public partial class OneClass { }", "Dense(1, Activation.Softmax)", "always 1" },
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

    internal const string MessagesSnapshot = "DiagnosticTests.Messages#all";

    /// <summary>Every case's full diagnostic output — ID, severity, position and message — pinned in one reviewed text snapshot.</summary>
    [Fact]
    public void DiagnosticMessagesMatchTheSnapshot()
    {
        var text = new System.Text.StringBuilder();
        foreach (object[] row in Cases)
        {
            string source = "using StaticNet;\n" + (string)row[1];
            text.Append((string)row[1]).Append('\n');
            foreach (Diagnostic d in GeneratorHarness.Run(source).GeneratorDiagnostics)
            {
                var position = d.Location.GetLineSpan().StartLinePosition;
                text.Append("  → ").Append(d.Id).Append(' ').Append(d.Severity).Append(" at ").Append(position.Line + 1).Append(':').Append(position.Character + 1)
                    .Append(": ").Append(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        SnapshotAssert.Matches(text.ToString(), MessagesSnapshot, ".txt");
    }

    [Fact]
    public void SigmoidOutputAndThreeSigmoidHiddenLayersAreFine()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run("using StaticNet;\n[Network][Input(2)][Dense(3, Activation.Sigmoid)][Dense(3, Activation.Sigmoid)][Dense(3, Activation.Sigmoid)][Dense(1, Activation.Sigmoid)] public partial class Fine { }");
        Assert.Empty(outcome.GeneratorDiagnostics);
    }

    [Fact]
    public void LargeNetworkWarnsWithTheLimitAndTheProjectSettingRaisesIt()
    {
        const string source = "using StaticNet;\n[Network][Input(1000)][Dense(1000)][Dense(10)] public partial class Big { }";
        GeneratorOutcome small = GeneratorHarness.Run(new Dictionary<string, string> { ["build_property.StaticNetMaxParameters"] = "500000" }, source);
        Diagnostic warning = Assert.Single(small.GeneratorDiagnostics);
        Assert.Equal("SN0019", warning.Id);
        Assert.Contains("1,011,010 parameters, more than the 500,000", warning.GetMessage());
        Assert.Equal("Big", source.Substring(warning.Location.SourceSpan.Start, warning.Location.SourceSpan.Length));
        Assert.Single(small.Result.GeneratedSources);

        Assert.Empty(GeneratorHarness.Run(new Dictionary<string, string> { ["build_property.StaticNetMaxParameters"] = "2000000" }, source).GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.Run(source).GeneratorDiagnostics); // the default limit is 10 million
    }

    [Fact]
    public void TheParameterLimitIsTheLongestVectorThatCanBeAllocated()
    {
        // 2 × 1,073,741,788 = 2,147,483,576 parameters, with the 15 floats that align them, is .NET's longest float array:
        // it is generated (with SN0019's size warning); one neuron more is SN0021.
        GeneratorOutcome fits = GeneratorHarness.Run("using StaticNet;\n[Network][Input(1)][Dense(1073741788)] public partial class AtTheLimit { }");
        Assert.Equal("SN0019", Assert.Single(fits.GeneratorDiagnostics).Id);
        Assert.Single(fits.Result.GeneratedSources);
        GeneratorOutcome past = GeneratorHarness.Run("using StaticNet;\n[Network][Input(1)][Dense(1073741789)] public partial class PastTheLimit { }");
        Assert.Equal("SN0021", Assert.Single(past.GeneratorDiagnostics).Id);
        Assert.Empty(past.Result.GeneratedSources);
    }

    [Theory]
    [InlineData("[Input(2)][Dense(1)] public partial class Forgot { }", "[Input(2)]", "[Input]")]
    [InlineData("[Dense(4)] public class OnlyDense { }", "Dense(4)", "[Dense]")]
    public void LayerAttributesWithoutNetworkAreFlaggedByTheAnalyzer(string declaration, string pointsAt, string phrase)
    {
        string source = "using StaticNet;\n" + declaration;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Equal("SN0020", diagnostic.Id);
        Assert.Contains(pointsAt.Trim('[', ']'), source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains(phrase, diagnostic.GetMessage());
        Assert.Empty(GeneratorHarness.Analyze("using StaticNet;\n[Network][Input(2)][Dense(1)] public partial class Fine { }"));
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
        string[] tested = Cases.Select(c => (string)c[0]).Concat(new[] { "SN0019", "SN0020", "SN0031", "SN0032", "SN0033" }).Distinct().ToArray();
        string releases = File.ReadAllText(Path.Combine(SnapshotAssert.RepositoryRoot(), "generators", "StaticNet.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in DiagnosticCatalog.All)
        {
            if (descriptor.Id != DiagnosticCatalog.InternalError.Id) Assert.Contains(descriptor.Id, tested);
            Assert.Contains(descriptor.Id + " | StaticNet | " + descriptor.DefaultSeverity, releases);
            Assert.StartsWith("SN", descriptor.Id);
        }
        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void EveryDiagnosticHasADocsSectionWithAWrongAndARightExample()
    {
        string docs = File.ReadAllText(Path.Combine(SnapshotAssert.RepositoryRoot(), "docs", "diagnostics.md"));
        string[] sections = docs.Split("\n## ");
        foreach (DiagnosticDescriptor descriptor in DiagnosticCatalog.All)
        {
            string? section = sections.FirstOrDefault(s => s.StartsWith(descriptor.Id + "\n"));
            Assert.True(section is not null, $"docs/diagnostics.md has no section '## {descriptor.Id}'");
            if (descriptor.Id != DiagnosticCatalog.InternalError.Id)
            {
                Assert.Contains("// Wrong", section);
                Assert.Contains("// Right", section);
            }
        }
    }

    [Fact]
    public void EveryHelpLinkIsAbsoluteAndItsAnchorIsAHeadingOfTheDiagnosticsPage()
    {
        string[] lines = File.ReadAllLines(Path.Combine(SnapshotAssert.RepositoryRoot(), "docs", "diagnostics.md"));
        // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
        HashSet<string> anchors = lines.Where(l => l.StartsWith("#", StringComparison.Ordinal))
            .Select(l => new string(l.TrimStart('#').Trim().ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-'))
            .ToHashSet();
        foreach (DiagnosticDescriptor descriptor in DiagnosticCatalog.All)
        {
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out Uri? link) && link.Scheme == Uri.UriSchemeHttps,
                $"{descriptor.Id}'s help link is not an absolute https address: '{descriptor.HelpLinkUri}'");
            Assert.Equal("https://github.com/StaticNet/StaticNet/blob/main/docs/diagnostics.md", link!.GetLeftPart(UriPartial.Path));
            Assert.Equal("#" + descriptor.Id.ToLowerInvariant(), link.Fragment);
            Assert.Contains(link.Fragment.Substring(1), anchors);
        }
    }
}
