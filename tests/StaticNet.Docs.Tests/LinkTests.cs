using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace StaticNet.Docs.Tests;

/// <summary>
/// Every relative link of README.md and docs/*.md (pictures included) names a file of the repository, and every
/// #anchor a heading of the page it points to, as GitHub makes anchors from headings.
/// </summary>
public class LinkTests
{
    private static readonly Regex Link = new(@"\]\(([^)\s]+)\)", RegexOptions.Compiled);

    public static IEnumerable<object[]> Pages() => MarkdownBlocks.Pages().Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLinkResolves(string page)
    {
        string root = MarkdownBlocks.RepositoryRoot();
        var broken = new List<string>();
        foreach ((int line, string target) in Links(File.ReadAllText(Path.Combine(root, page))))
        {
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)
                || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            string[] parts = target.Split('#', 2);
            string file = parts[0].Length == 0 ? Path.Combine(root, page) : Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(page)!, parts[0]));
            if (!File.Exists(file) && !Directory.Exists(file)) { broken.Add($"{page}:{line}: {target}: no such file"); continue; }
            if (parts.Length == 2 && file.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(file)).Contains(parts[1]))
            {
                broken.Add($"{page}:{line}: {target}: no heading makes the anchor #{parts[1]}");
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void AnchorsAreGitHubs()
    {
        Assert.Equal(new[] { "sn0001", "6-read-what-was-generated", "densesize-activation", "learning-rate-05-s", "a", "a-1" },
            Anchors("## SN0001\n### 6. Read what was generated\n## `[Dense(size, activation)]`\n## Learning rate (0.5 s)\n# A\n```\n# not a heading\n```\n# A"));
        Assert.Single(Links("see [x](a.md)\n```\n[y](b.md)\n```\n"));
    }

    /// <summary>The links outside code (fences and `inline`), with their 1-based lines.</summary>
    private static IEnumerable<(int Line, string Target)> Links(string text)
    {
        string[] lines = text.Split('\n');
        bool fenced = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced) continue;
            string prose = Regex.Replace(lines[i], "`[^`]*`", "");
            foreach (Match m in Link.Matches(prose)) yield return (i + 1, m.Groups[1].Value);
        }
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation but '-' and '_' dropped, spaces to '-', repeats numbered.</summary>
    private static IEnumerable<string> Anchors(string text)
    {
        var seen = new Dictionary<string, int>();
        bool fenced = false;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced || !Regex.IsMatch(line, "^#{1,6} ")) continue;
            string heading = line.TrimStart('#').Trim();
            string slug = new string(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray()).Replace(' ', '-');
            int count = seen.TryGetValue(slug, out int n) ? n : 0;
            seen[slug] = count + 1;
            yield return count == 0 ? slug : $"{slug}-{count}";
        }
    }
}
