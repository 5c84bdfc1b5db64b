using System.Collections.Generic;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using StaticNet.CodeFixes;
using Xunit;

namespace StaticNet.Generators.Tests;

/// <summary>The "make it partial" code fix turns SN0001/SN0013 declarations into ones the generator accepts.</summary>
public class CodeFixTests
{
    [Theory]
    [InlineData("using StaticNet;\n[Network][Input(2)][Dense(1)]\npublic sealed class Plain { }", "public sealed partial class Plain")]
    [InlineData("using StaticNet;\n[Network][Input(2)][Dense(1)]\nclass Bare { }", "partial class Bare")]
    [InlineData("using StaticNet;\n/// <summary>Docs stay.</summary>\nclass Documented { }\n[Network][Input(2)][Dense(1)]\n    class Indented { }", "    partial class Indented")]
    [InlineData("using StaticNet;\npublic class Outer { [Network][Input(2)][Dense(1)] public partial class Inner { } }", "public partial class Outer")]
    public void AddsPartialWhereCSharpWantsIt(string source, string expected)
    {
        Diagnostic diagnostic = GeneratorHarness.Run(source).GeneratorDiagnostics.Single(d => d.Id is "SN0001" or "SN0013");
        string fixedSource = ApplyFix(source, diagnostic);

        Assert.Contains(expected, fixedSource);
        GeneratorOutcome outcome = GeneratorHarness.Run(fixedSource);
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Single(outcome.Result.GeneratedSources);
    }

    private static string ApplyFix(string source, Diagnostic diagnostic)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("Consumer", LanguageNames.CSharp)
            .WithMetadataReferences(Net100.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)));
        Document document = project.AddDocument("Source0.cs", SourceText.From(source));
        SyntaxTree tree = document.GetSyntaxTreeAsync().Result!;
        Diagnostic located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan));

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, located, (action, _) => actions.Add(action), default);
        new MakePartialCodeFix().RegisterCodeFixesAsync(context).Wait();
        CodeAction fix = Assert.Single(actions);
        Assert.StartsWith("Make '", fix.Title);

        ApplyChangesOperation operation = fix.GetOperationsAsync(default).Result.OfType<ApplyChangesOperation>().Single();
        return operation.ChangedSolution.GetDocument(document.Id)!.GetTextAsync().Result.ToString();
    }
}
