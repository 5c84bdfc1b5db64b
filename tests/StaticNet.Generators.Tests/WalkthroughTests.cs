using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace StaticNet.Generators.Tests;

/// <summary>
/// docs/how-backprop-works.md quotes the explain-mode file of its XOR network: every block marked
/// &lt;!-- generated --&gt; must appear, line for line, in what the generator writes for the declaration the page shows.
/// </summary>
public class WalkthroughTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(SnapshotAssert.RepositoryRoot(), "docs", "how-backprop-works.md"));

    [Fact]
    public void EveryGeneratedSnippetIsInTheGeneratorsOutput()
    {
        string[] generated = Lines(Generate());
        List<string[]> snippets = Snippets(marked: true).ToList();
        Assert.True(snippets.Count >= 8, $"only {snippets.Count} generated snippets found");
        foreach (string[] snippet in snippets)
        {
            Assert.True(Contains(generated, snippet), "not in the generated file:\n" + string.Join("\n", snippet));
        }
    }

    [Fact]
    public void ThePageDeclaresTheNetworkItExplains()
    {
        string[] declaration = Snippets(marked: false).First();
        string[] source = Lines(SnapshotCases.All["XorExplained"]);
        Assert.True(Contains(source, declaration), "the page's declaration is not the snapshot case's:\n" + string.Join("\n", declaration));
    }

    [Fact]
    public void ASnippetThatDriftedIsFound()
    {
        string[] generated = Lines(Generate());
        string[] drifted = Snippets(marked: true).First().Select(line => line.Replace("W1", "W7")).ToArray();
        Assert.False(Contains(generated, drifted));
    }

    private static string Generate()
        => GeneratorHarness.Run(SnapshotCases.All["XorExplained"]).Result.GeneratedSources.Single().SourceText.ToString();

    /// <summary>The csharp blocks of the page: those after a &lt;!-- generated --&gt; line, or the others.</summary>
    private static IEnumerable<string[]> Snippets(bool marked)
    {
        string[] lines = Page.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```csharp") continue;
            bool isMarked = i > 0 && lines[i - 1].Trim() == "<!-- generated -->";
            int end = Array.IndexOf(lines, "```", i + 1);
            if (isMarked == marked) yield return lines.Skip(i + 1).Take(end - i - 1).Select(l => l.Trim()).ToArray();
            i = end;
        }
    }

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.Trim()).ToArray();

    private static bool Contains(string[] haystack, string[] needle)
    {
        for (int start = 0; start + needle.Length <= haystack.Length; start++)
        {
            if (needle.Select((line, k) => haystack[start + k] == line).All(same => same)) return true;
        }
        return false;
    }
}
