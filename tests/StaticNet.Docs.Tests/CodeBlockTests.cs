using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace StaticNet.Docs.Tests;

/// <summary>
/// Every ```csharp block of README.md and docs/*.md compiles, with the generator and its analyzer, against the library.
///
/// The conventions, for whoever writes a page:
/// - A block is compiled on its own as a file of a console project with the SDK's implicit usings (System, System.IO,
///   System.Linq, System.Collections.Generic, System.Threading, …) plus <c>using StaticNet;</c>. Any other namespace
///   (StaticNet.Training, StaticNet.Data, StaticNet.Serialization, …) the block names itself, in a using at its top.
/// - Statements and type declarations may be mixed in any order: the statements become the body of a method, the
///   types stay types. So a block can declare a network and then use it.
/// - Markers are HTML comments on the lines right above the fence (invisible on GitHub):
///   &lt;!-- continues --&gt;  the block is compiled after the page's previous C# block (and what that one continues),
///                         as one method: it may use that block's variables and types.
///   &lt;!-- with: float[] input, CancellationToken token --&gt;  the method's parameters: values the block uses but
///                         the page does not build.
///   &lt;!-- also: tests/StaticNet.Tests/BrokenGradientNetwork.cs --&gt;  a repository file compiled with the block
///                         (for a test double the page talks about), its namespaces imported.
///   &lt;!-- additional: docs/examples/xor.snet, docs/examples/xor-damaged.snet --&gt;  repository files the block's
///                         project lists as AdditionalFiles (baked weights, [Network(Weights = "…")]).
///   &lt;!-- generated --&gt;  a quote of generated code, not compiled: WalkthroughTests (generator tests) checks it
///                         against the generator's output. Only docs/how-backprop-works.md quotes generated code.
/// - A block with a line starting "// Wrong" and a later one starting "// Right" is two programs: the Wrong lines must
///   report a diagnostic (the section's ID when the section heading is one, as in docs/diagnostics.md), the Right lines
///   (and anything before "// Wrong") must compile cleanly.
/// - Errors and warnings fail the block, except the unused-variable (CS0168, CS0219) and unused-local-function
///   (CS8321) warnings a snippet earns by computing values only to show them. A page named unity.md is compiled at C# 9.
/// </summary>
public class CodeBlockTests
{
    public static IEnumerable<object[]> Blocks()
        => MarkdownBlocks.All().Where(b => !b.Has("generated")).Select(b => new object[] { b.Page, b.FirstLine });

    [Theory]
    [MemberData(nameof(Blocks))]
    public void CompilesCleanly(string page, int line)
    {
        IReadOnlyList<CodeBlock> blocks = MarkdownBlocks.Of(page);
        CodeBlock block = blocks.Single(b => b.FirstLine == line);
        (CodeBlock? wrong, CodeBlock right) = SplitWrongRight(block);

        IReadOnlyList<Diagnostic> problems = DocCompiler.Problems(Chain(blocks, block, right));
        Assert.True(problems.Count == 0, $"{right} does not compile cleanly:\n" + string.Join("\n", problems.Select(DocCompiler.Describe)));

        if (wrong is null) return;
        IReadOnlyList<Diagnostic> reported = DocCompiler.Problems(new[] { wrong });
        string? expected = Regex.IsMatch(block.Heading, "^SN[0-9]{4}$") ? block.Heading : null;
        Assert.True(expected is null ? reported.Count > 0 : reported.Any(d => d.Id == expected),
            $"{wrong}: the '// Wrong' example should report {expected ?? "a diagnostic"}, but reports: "
            + (reported.Count == 0 ? "nothing" : string.Join("; ", reported.Select(DocCompiler.Describe))));
    }

    [Fact]
    public void EveryPageIsFoundAndItsBlocksAreCounted()
    {
        IReadOnlyList<CodeBlock> all = MarkdownBlocks.All();
        Assert.Contains(all, b => b.Page == "README.md");
        Assert.Contains(all, b => b.Page == "docs/diagnostics.md");
        Assert.True(all.Count(b => !b.Has("generated")) >= 30, $"only {all.Count} C# blocks found");
    }

    [Fact]
    public void OnlyTheWalkthroughQuotesGeneratedCode()
    {
        // WalkthroughTests checks the quotes of one page; a quote elsewhere would be checked by nothing.
        Assert.All(MarkdownBlocks.All().Where(b => b.Has("generated")), b => Assert.Equal("docs/how-backprop-works.md", b.Page));
    }

    [Fact]
    public void ABrokenBlockFailsWithItsPageAndLine()
    {
        const string page = "docs/example.md";
        IReadOnlyList<CodeBlock> blocks = MarkdownBlocks.Parse(page, string.Join("\n",
            "# Example", "", "```csharp", "var net = new Net(seed: 1);", "net.Predikt(new float[2], new float[1]);",
            "[Network][Input(2)][Dense(1)] public partial class Net { }", "```"));
        IReadOnlyList<Diagnostic> problems = DocCompiler.Problems(blocks);
        Diagnostic problem = Assert.Single(problems);
        Assert.Equal("CS1061", problem.Id);
        Assert.StartsWith("docs/example.md:5: error CS1061", DocCompiler.Describe(problem));
    }

    [Fact]
    public void AContinuedBlockSeesTheBlockBeforeItAndAWithMarkerDeclaresItsInputs()
    {
        const string page = "docs/example.md";
        IReadOnlyList<CodeBlock> blocks = MarkdownBlocks.Parse(page, string.Join("\n",
            "```csharp", "[Network][Input(2)][Dense(1)] public partial class Net { }", "var net = new Net(seed: 1);", "```",
            "<!-- continues -->", "<!-- with: float[] input -->", "```csharp", "var output = new float[Net.OutputSize];", "net.Predict(input, output);", "```"));
        Assert.Empty(DocCompiler.Problems(Chain(blocks, blocks[1], blocks[1])));
        Assert.Contains(DocCompiler.Problems(new[] { blocks[1] }), d => d.Id == "CS0103");   // alone, `net` is unknown
    }

    [Fact]
    public void AWrongExampleThatCompilesFails()
    {
        CodeBlock block = MarkdownBlocks.Parse("docs/diagnostics.md", string.Join("\n",
            "## SN0001", "```csharp", "// Wrong", "[Network][Input(2)][Dense(1)] public partial class Net { }",
            "// Right", "[Network][Input(2)][Dense(1)] public partial class Net { }", "```")).Single();
        (CodeBlock? wrong, _) = SplitWrongRight(block);
        Assert.DoesNotContain(DocCompiler.Problems(new[] { wrong! }), d => d.Id == "SN0001");
    }

    /// <summary>The block (or its Right part) after the blocks it continues, earliest first.</summary>
    private static IReadOnlyList<CodeBlock> Chain(IReadOnlyList<CodeBlock> page, CodeBlock block, CodeBlock last)
    {
        var chain = new List<CodeBlock> { last };
        for (int i = IndexOf(page, block); page[i].Has("continues"); i--)
        {
            if (i == 0) throw new InvalidOperationException($"{page[i]} is marked 'continues' but no C# block comes before it");
            chain.Insert(0, page[i - 1]);
        }
        return chain;
    }

    private static int IndexOf(IReadOnlyList<CodeBlock> page, CodeBlock block)
    {
        for (int i = 0; i < page.Count; i++)
        {
            if (page[i].FirstLine == block.FirstLine) return i;
        }
        throw new InvalidOperationException(block + " is not on its page");
    }

    /// <summary>The "// Wrong" lines (null if none) and the "// Right" ones, each after the lines before "// Wrong".</summary>
    private static (CodeBlock? Wrong, CodeBlock Right) SplitWrongRight(CodeBlock block)
    {
        int wrong = Array.FindIndex(block.Lines, l => l.TrimStart().StartsWith("// Wrong", StringComparison.Ordinal));
        int right = Array.FindIndex(block.Lines, l => l.TrimStart().StartsWith("// Right", StringComparison.Ordinal));
        if (wrong < 0 || right < wrong) return (null, block);
        string[] blank(int count) => Enumerable.Repeat("", count).ToArray();
        // Blank lines in place of the other part keep every line where it is on the page.
        string[] wrongLines = block.Lines[..right];
        string[] rightLines = block.Lines[..wrong].Concat(blank(right - wrong)).Concat(block.Lines[right..]).ToArray();
        return (block with { Lines = wrongLines }, block with { Lines = rightLines });
    }
}
