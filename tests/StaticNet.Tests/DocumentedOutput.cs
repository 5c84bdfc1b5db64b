using System;
using System.IO;
using System.Text.RegularExpressions;

namespace StaticNet.Tests;

/// <summary>
/// Keeps program output quoted in docs/ equal to what the code prints: a block in a Markdown page marked
/// <c>&lt;!-- output: name --&gt;</c> just above its ```text fence must hold exactly the text given. On a mismatch the test
/// fails with both texts; run with STATICNET_ACCEPT=1 to write the new text into the page instead (then review the diff).
/// </summary>
internal static class DocumentedOutput
{
    public const string AcceptVariable = "STATICNET_ACCEPT";

    public static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StaticNet.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("StaticNet.sln not found above " + AppContext.BaseDirectory);
    }

    public static void Matches(string page, string name, string actual)
    {
        string path = Path.Combine(RepositoryRoot(), page);
        string text = File.ReadAllText(path).Replace("\r\n", "\n");
        actual = actual.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
        var block = new Regex("<!-- output: " + Regex.Escape(name) + " -->\n```text\n(.*?)```", RegexOptions.Singleline);
        Match match = block.Match(text);
        if (!match.Success) throw new Xunit.Sdk.XunitException($"{page} has no block marked <!-- output: {name} --> followed by a ```text fence.");
        string documented = match.Groups[1].Value;
        if (documented == actual) return;
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Group group = match.Groups[1];
            File.WriteAllText(path, text.Substring(0, group.Index) + actual + text.Substring(group.Index + group.Length));
            return;
        }
        throw new Xunit.Sdk.XunitException($"{page}, block '{name}', is not what the code prints (accept with {AcceptVariable}=1).\n--- documented\n{documented}--- printed\n{actual}");
    }
}
