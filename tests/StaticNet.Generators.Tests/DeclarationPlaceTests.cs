using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace StaticNet.Generators.Tests;

/// <summary>A network can be declared anywhere C# allows a partial class; each place generates code that compiles cleanly.</summary>
public class DeclarationPlaceTests
{
    private const string Attributes = "[Network(Loss = Loss.CrossEntropy)][Input(5)][Dense(4, Activation.ReLU)][Dense(3, Activation.Softmax)]";

    public static TheoryData<string, string> Places => new()
    {
        { "global namespace", "using StaticNet; " + Attributes + " public partial class Net { }" },
        { "nested namespaces", "using StaticNet; namespace A { namespace B.C { " + Attributes + " internal sealed partial class Net { } } }" },
        { "nested class", "using StaticNet; namespace A { public static partial class Outer { private partial class Middle { " + Attributes + " internal partial class Net { } } } }" },
        { "nested in a generic class", "using StaticNet; namespace A { public partial class Outer<T> where T : class { " + Attributes + " public partial class Net { } } }" },
        { "generic class", "using StaticNet; namespace A { " + Attributes + " public partial class Net<TTag, TOther> where TTag : struct { } }" },
        { "nested in a struct", "using StaticNet; public partial struct Holder { " + Attributes + " public partial class Net { } }" },
        { "nested in a record", "using StaticNet; public partial record Holder(int X) { " + Attributes + " public partial class Net { } }" },
        { "own members and constructors", "using StaticNet; " + Attributes + " public partial class Net { private readonly string _name = \"n\"; public Net(string name) : this(7) { _name = name; } public string Name => _name; public static int Count; public void Log() { } }" },
        { "abstract and derived", "using StaticNet; " + Attributes + " public abstract partial class Net { public abstract void Describe(); } public sealed class Concrete : Net { public override void Describe() { } }" },
        { "nullable disabled", "#nullable disable\nusing StaticNet; " + Attributes + " public partial class Net { public string Label; }" },
        { "keyword as a name", "using StaticNet; namespace A { " + Attributes + " public partial class @class { } }" },
        { "fully qualified attributes", "[StaticNet.Network(Loss = StaticNet.Loss.MeanSquaredError)][StaticNet.Input(3)][StaticNet.Dense(2)] public partial class Net { }" },
        { "aliased attributes", "using N = StaticNet.NetworkAttribute; using StaticNet; [N][Input(3)][Dense(2)] public partial class Net { }" },
        { "user types named like ours", "using StaticNet; namespace A { public class Span { } public class Guard { } public class Math { } public class MathF { } public class Vector256 { } " + Attributes + " public partial class Net { } }" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void GeneratesCodeThatCompilesCleanly(string place, string source)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Assert.True(outcome.GeneratorDiagnostics.IsEmpty, place + ": " + string.Join("; ", outcome.GeneratorDiagnostics));
        Assert.Single(outcome.Result.GeneratedSources);
        outcome.AssertCompilesCleanly();
    }

    [Fact]
    public void PartialClassSplitOverFiles()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(
            "using StaticNet; namespace A { [Network(Loss = Loss.BinaryCrossEntropy)] public partial class Net { public int Extra; } }",
            "using StaticNet; namespace A { [Input(6)][Dense(5, Activation.Tanh)][Dense(1, Activation.Sigmoid)] partial class Net { } }");
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Contains("Input(6) → Dense(5, Tanh) → Dense(1, Sigmoid)", Assert.Single(outcome.Result.GeneratedSources).SourceText.ToString());
        outcome.AssertCompilesCleanly();
    }

    [Fact]
    public void NetworkOnTwoPartsOfOneClassGeneratesItOnceAndTheOthersStill()
    {
        // [Network] twice is the compiler's CS0579; the generator must not throw over the duplicate (a throwing generator
        // contributes nothing, and every other network would lose its members).
        GeneratorOutcome outcome = GeneratorHarness.Run(
            "using StaticNet; [Network][Input(2)][Dense(3)] public partial class N { }",
            "using StaticNet; [Network] public partial class N { }",
            "using StaticNet; [Network][Input(2)][Dense(1)] public partial class Other { } public class UseIt { void F() { new Other(1).Predict(default, default); } }");
        Assert.Null(outcome.Result.Exception);
        Assert.Equal(2, outcome.Result.GeneratedSources.Length);
        Assert.Equal(new[] { "CS0579" }, outcome.CompilationProblems().Select(d => d.Id).Distinct().ToArray());
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.Preview)]
    public void CompilesAtEveryLanguageVersion(LanguageVersion version)
    {
        var options = new CSharpParseOptions(version);
        string source = version >= LanguageVersion.CSharp10
            ? "using StaticNet; namespace A.B; " + Attributes + " public partial class Net { }"   // file-scoped namespace
            : "using StaticNet; namespace A.B { " + Attributes + " public partial class Net { } }";
        var compilation = GeneratorHarness.Compile(options, source);
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        Assert.Equal(2, output.SyntaxTrees.Count());
    }
}
