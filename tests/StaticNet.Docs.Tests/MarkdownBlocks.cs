using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace StaticNet.Docs.Tests;

/// <summary>One ```csharp block of a page: where it is, what it says, and the markers (HTML comments) right above it.</summary>
/// <param name="Page">The page's path from the repository root, with forward slashes (README.md, docs/formats.md).</param>
/// <param name="FirstLine">The 1-based line of the page on which the block's first code line stands.</param>
/// <param name="Lines">The code, one entry per line, without the fences.</param>
/// <param name="Markers">The HTML comments right above the fence, without &lt;!-- and --&gt; ("continues", "with: float[] input").</param>
/// <param name="Heading">The nearest heading above the block, without its #s ("" if none).</param>
public sealed record CodeBlock(string Page, int FirstLine, string[] Lines, string[] Markers, string Heading)
{
    public bool Has(string marker) => Markers.Any(m => m == marker);

    /// <summary>The text after "<paramref name="name"/>:" in a marker, or null.</summary>
    public string? Value(string name)
        => Markers.Where(m => m.StartsWith(name + ":", StringComparison.Ordinal)).Select(m => m.Substring(name.Length + 1).Trim()).FirstOrDefault();

    public override string ToString() => $"{Page}:{FirstLine}";
}

/// <summary>Finds the pages (README.md and every docs/*.md, so a page added later is covered) and their C# blocks.</summary>
public static class MarkdownBlocks
{
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StaticNet.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("StaticNet.sln not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<string> Pages()
    {
        string root = RepositoryRoot();
        yield return "README.md";
        foreach (string file in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            yield return "docs/" + Path.GetFileName(file);
        }
    }

    public static IReadOnlyList<CodeBlock> All() => Pages().SelectMany(Of).ToList();

    public static IReadOnlyList<CodeBlock> Of(string page)
        => Parse(page, File.ReadAllText(Path.Combine(RepositoryRoot(), page)));

    /// <summary>The ```csharp blocks of <paramref name="text"/>; fences of other languages are skipped whole.</summary>
    public static IReadOnlyList<CodeBlock> Parse(string page, string text)
    {
        string[] lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var blocks = new List<CodeBlock>();
        string heading = "";
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("#", StringComparison.Ordinal)) heading = line.TrimStart('#').Trim();
            if (!line.TrimStart().StartsWith("```", StringComparison.Ordinal)) continue;
            string fence = line.Trim();
            string language = fence.Substring(3).Trim();
            int end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```") end++;
            if (end == lines.Length) throw new InvalidDataException($"{page}:{i + 1}: the code fence is never closed");
            if (language is "csharp" or "cs" or "c#")
            {
                if (language != "csharp") throw new InvalidDataException($"{page}:{i + 1}: write ```csharp (the language name the tests look for), not ```{language}");
                blocks.Add(new CodeBlock(page, i + 2, lines[(i + 1)..end], MarkersAbove(lines, i), heading));
            }
            i = end;
        }
        return blocks;
    }

    /// <summary>The HTML comments on the lines directly above a fence, nearest last: "&lt;!-- continues --&gt;" gives "continues".</summary>
    private static string[] MarkersAbove(string[] lines, int fence)
    {
        var markers = new List<string>();
        for (int i = fence - 1; i >= 0; i--)
        {
            string line = lines[i].Trim();
            if (!line.StartsWith("<!--", StringComparison.Ordinal) || !line.EndsWith("-->", StringComparison.Ordinal)) break;
            markers.Insert(0, line[4..^3].Trim());
        }
        return markers.ToArray();
    }
}
