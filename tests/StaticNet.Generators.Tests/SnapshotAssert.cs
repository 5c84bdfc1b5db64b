using System;
using System.IO;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace StaticNet.Generators.Tests;

/// <summary>
/// The in-house snapshot harness (Verify's conventions, without Verify): the accepted text lives in
/// _snapshots/{Class}.{Method}_{Case}#{HintName}.verified.cs beside the tests. On a mismatch the
/// actual text is written to a .received.cs file and the test fails with a line diff. Run with
/// STATICNET_ACCEPT=1 to accept received text as the new snapshot.
/// </summary>
internal static class SnapshotAssert
{
    public const string AcceptVariable = "STATICNET_ACCEPT";

    /// <summary>
    /// tests/StaticNet.Generators.Tests/_snapshots, found from the test binary's folder (not from
    /// CallerFilePath: CI builds map source paths to "/_/" for determinism).
    /// </summary>
    public static string Directory() => Path.Combine(RepositoryRoot(), "tests", "StaticNet.Generators.Tests", "_snapshots");

    public static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StaticNet.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("StaticNet.sln not found above " + AppContext.BaseDirectory);
    }

    public static string FileStem(string testClass, string testMethod, string caseName, string hintName)
        => $"{testClass}.{testMethod}_{caseName}#{Path.GetFileNameWithoutExtension(hintName)}";

    public static void Matches(string actual, string fileStem, string extension = ".cs")
    {
        string dir = Directory();
        string verified = Path.Combine(dir, fileStem + ".verified" + extension);
        string received = Path.Combine(dir, fileStem + ".received" + extension);
        actual = actual.Replace("\r\n", "\n");

        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            System.IO.Directory.CreateDirectory(dir);
            File.WriteAllText(verified, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        System.IO.Directory.CreateDirectory(dir);
        File.WriteAllText(received, actual);
        string message = expected is null
            ? $"No snapshot {Path.GetFileName(verified)} yet. Review {Path.GetFileName(received)}, then accept with {AcceptVariable}=1."
            : $"Generated code differs from {Path.GetFileName(verified)} (received: {Path.GetFileName(received)}; accept with {AcceptVariable}=1):\n" + Diff(expected, actual);
        throw new Xunit.Sdk.XunitException(message);
    }

    private static string Diff(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual);
        var text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < diff.Lines.Count && shown < 60; i++)
        {
            DiffPiece line = diff.Lines[i];
            if (line.Type == ChangeType.Unchanged) continue;
            text.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").Append(line.Position?.ToString() ?? "?").Append(": ").AppendLine(line.Text);
            shown++;
        }
        return text.ToString();
    }
}
