using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Tracking = StaticNet.Generators.NetworkGenerator.TrackingNames;

namespace StaticNet.Generators.Tests;

/// <summary>
/// The generator is a guest in the IDE: edits that do not touch a network must leave every step
/// cached, edits to a network must regenerate it, and no pipeline model may hold compiler objects.
/// </summary>
public class IncrementalityTests
{
    private const string Network = """
        using StaticNet;
        namespace Demo
        {
            [Network(Loss = Loss.CrossEntropy)]
            [Input(64)]
            [Dense(32, Activation.ReLU)]
            [Dense(10, Activation.Softmax)]
            public partial class DigitsNet { }
        }
        """;

    private const string Unrelated = "namespace Demo { public class Unrelated { public int Value; } }";

    private static readonly string[] AllSteps = { Tracking.Parse, Tracking.Diagnostics, Tracking.Specs };

    [Fact]
    public void EveryStepIsTrackedAndCachedOnARerun()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(null, Network, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        foreach (string step in AllSteps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} is not tracked");
            AssertAll(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }
        // The source output is cached; the diagnostics output takes the compilation (to report in-source locations), so a
        // new compilation runs it again, to the same (Unchanged) result.
        AssertSourceOutputs(second, IncrementalStepRunReason.Cached);
        AssertOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Theory]
    [InlineData("comment")]
    [InlineData("new type")]
    [InlineData("edit other file")]
    public void UnrelatedEditsLeaveOutputsCached(string edit)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(null, Network, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree networkTree = compilation.SyntaxTrees.First(), otherTree = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = edit switch
        {
            "comment" => compilation.ReplaceSyntaxTree(networkTree, networkTree.WithChangedText(networkTree.GetText().Replace(0, 0, "// a comment\n"))),
            "new type" => compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo { class Another { } }", GeneratorHarness.CSharp9)),
            _ => compilation.ReplaceSyntaxTree(otherTree, CSharpSyntaxTree.ParseText(Unrelated.Replace("Value", "Renamed"), GeneratorHarness.CSharp9, otherTree.FilePath)),
        };
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result, Tracking.Specs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputs(result, IncrementalStepRunReason.Cached);
        AssertOutputs(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void ChangingALayerSizeRegenerates()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(null, Network);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Network.Replace("Dense(32", "Dense(48"), GeneratorHarness.CSharp9, tree.FilePath));

        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result, Tracking.Specs, IncrementalStepRunReason.Modified);
        // The diagnostics did not change (there are none), so their output stays cached; the source is rewritten.
        AssertAll(result, Tracking.Diagnostics, IncrementalStepRunReason.Unchanged);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(o => o.Value).SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Dense(48, ReLU)", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void PipelineModelsHoldNoCompilerObjects()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(null, Network, "using StaticNet; [Network][Input(0)][Dense(1)] public class Broken { }");
        GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (string step in AllSteps)
        {
            foreach ((object value, _) in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoCompilerObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertNoCompilerObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Type type = value.GetType();
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel,
            $"{path} holds a {type.Name}: pipeline models must be plain equatable data");
        if (!type.IsValueType && !seen.Add(value)) return;

        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence) AssertNoCompilerObjects(item, $"{path}[{i++}]", seen);
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoCompilerObjects(field.GetValue(value), path + "." + field.Name, seen);
        }
    }

    private static void AssertAll(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        ImmutableArray<IncrementalGeneratorRunStep> runs = result.TrackedSteps[step];
        Assert.NotEmpty(runs);
        foreach ((object _, IncrementalStepRunReason reason) in runs.SelectMany(r => r.Outputs))
        {
            Assert.True(allowed.Contains(reason), $"step {step} output was {reason}, expected {string.Join(" or ", allowed)}");
        }
    }

    /// <summary>The output steps fed by the spec step: the ones that write source.</summary>
    private static void AssertSourceOutputs(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedOutputSteps.SelectMany(o => o.Value)
            .Where(run => run.Inputs.Any(input => input.Source.Name == Tracking.Specs))
            .SelectMany(run => run.Outputs).ToArray();
        Assert.NotEmpty(outputs);
        foreach ((object _, IncrementalStepRunReason reason) in outputs)
        {
            Assert.True(allowed.Contains(reason), $"a source output step was {reason}, expected {string.Join(" or ", allowed)}");
        }
    }

    private static void AssertOutputs(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedOutputSteps.SelectMany(o => o.Value).SelectMany(r => r.Outputs).ToArray();
        Assert.NotEmpty(outputs);
        foreach ((object _, IncrementalStepRunReason reason) in outputs)
        {
            Assert.True(allowed.Contains(reason), $"an output step was {reason}, expected {string.Join(" or ", allowed)}");
        }
    }
}

/// <summary>Layers declared on another part of a partial class: editing them must regenerate too.</summary>
public class SplitDeclarationIncrementalityTests
{
    [Fact]
    public void EditingLayersInTheOtherFileRegenerates()
    {
        const string main = "using StaticNet; namespace A { [Network] public partial class Net { } }";
        const string layers = "using StaticNet; namespace A { [Input(3)][Dense(4, Activation.Tanh)][Dense(1)] partial class Net { } }";
        CSharpCompilation compilation = GeneratorHarness.Compile(null, main, layers);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree layersTree = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(layersTree, CSharpSyntaxTree.ParseText(layers.Replace("Dense(4", "Dense(6"), GeneratorHarness.CSharp9, layersTree.FilePath));

        string source = driver.RunGenerators(edited).GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        Assert.Contains("Dense(6, Tanh)", source);
    }
}
