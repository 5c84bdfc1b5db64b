using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace StaticNet.PackageTests;

/// <summary>
/// Packs the repository once for all consumer tests: its files (what a clone has: no bin/ or obj/) are copied to a
/// temporary folder and committed to a fresh git repository there, so the test's own build of the solution is left alone
/// and SourceLink has a commit to point at, then <c>dotnet pack -c Release -o feed</c> runs at the copy's root, as the
/// README says, with a version suffix of this run's own. The version is new to the NuGet cache, so a package of the same
/// number restored earlier (older bits) can never be what a consumer gets; the cache entry is removed afterwards.
/// </summary>
public sealed class PackedRepository : IDisposable
{
    private static readonly string[] SkippedFolders = { "bin", "obj", ".git", ".vs", "TestResults", "BenchmarkDotNet.Artifacts" };

    public PackedRepository()
    {
        RepositoryRoot = FindRepositoryRoot();
        WorkRoot = Path.Combine(Path.GetTempPath(), "staticnet-package-tests-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        SourceCopy = Path.Combine(WorkRoot, "repository");
        Feed = Path.Combine(WorkRoot, "feed");
        ConsumersRoot = Path.Combine(WorkRoot, "consumers");
        Directory.CreateDirectory(ConsumersRoot);

        try
        {
            CopyTree(RepositoryRoot, SourceCopy);
            // The copy's own repository, named explicitly: git must never reach the repository the tests run from (a worktree's
            // .git is a file pointing back to it, and it is not copied).
            string[] copyRepository = { "--git-dir=" + Path.Combine(SourceCopy, ".git"), "--work-tree=" + SourceCopy };
            Git(copyRepository, "init", "--quiet");
            Git(copyRepository, "add", "--all");
            Git(copyRepository, "-c", "user.name=StaticNet package tests", "-c", "user.email=tests@localhost", "commit", "--quiet", "--no-gpg-sign", "-m", "copy");
            Commit = Git(copyRepository, "rev-parse", "HEAD").Output.Trim();

            string prefix = Regex.Match(File.ReadAllText(Path.Combine(SourceCopy, "Directory.Build.props")), "<VersionPrefix>([^<]+)</VersionPrefix>").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(prefix), "Directory.Build.props sets no VersionPrefix");
            string suffix = "consumertest." + DateTimeOffset.UtcNow.ToUnixTimeSeconds() + "." + Environment.ProcessId;
            Version = prefix + "-" + suffix;

            Pack = DotnetCli.Dotnet(SourceCopy, "pack", "-c", "Release", "-o", Feed, "--version-suffix", suffix, "-nodeReuse:false").Succeeded();
            GlobalPackages = DotnetCli.Dotnet(WorkRoot, "nuget", "locals", "global-packages", "--list").Succeeded().Output.Trim();
            GlobalPackages = GlobalPackages.Substring(GlobalPackages.IndexOf(':') + 1).Trim();
        }
        catch
        {
            // A failed pack leaves nothing behind either (unless asked to keep it for a look).
            if (!Keep) TryDelete(WorkRoot);
            throw;
        }
    }

    /// <summary>The repository the tests run from.</summary>
    public string RepositoryRoot { get; }

    /// <summary>Everything this fixture writes lives below this folder.</summary>
    public string WorkRoot { get; }

    /// <summary>The copy of the repository that was packed (a git repository of its own, of one commit).</summary>
    public string SourceCopy { get; }

    public string Commit { get; }

    /// <summary>The folder <c>dotnet pack -o</c> wrote to, and the consumers' package source.</summary>
    public string Feed { get; }

    public string ConsumersRoot { get; }

    /// <summary>The packed version: the repository's prefix and this run's suffix.</summary>
    public string Version { get; }

    public CommandResult Pack { get; }

    /// <summary>The NuGet cache the consumers restore into (where StaticNet's entry of this version is removed afterwards).</summary>
    public string GlobalPackages { get; }

    public string PackagePath => Path.Combine(Feed, $"StaticNet.{Version}.nupkg");

    public void Dispose()
    {
        string cached = Path.Combine(GlobalPackages, "staticnet");
        TryDelete(Path.Combine(cached, Version.ToLowerInvariant()));
        if (Directory.Exists(cached) && Directory.GetFileSystemEntries(cached).Length == 0) TryDelete(cached);
        if (!Keep) TryDelete(WorkRoot);
    }

    // STATICNET_KEEP_PACKAGE_TESTS=1 keeps the copy, the feed and the consumer projects for inspection.
    private static bool Keep => Environment.GetEnvironmentVariable("STATICNET_KEEP_PACKAGE_TESTS") == "1";

    private CommandResult Git(string[] repository, params string[] arguments) =>
        DotnetCli.Run("git", SourceCopy, repository.Concat(arguments).ToArray()).Succeeded();

    private static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            if (Path.GetFileName(file) != ".git") File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (string directory in Directory.GetDirectories(from))
        {
            string name = Path.GetFileName(directory);
            if (SkippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
            CopyTree(directory, Path.Combine(to, name));
        }
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StaticNet.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("StaticNet.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedRepository>
{
    public const string Name = "packed repository";
}
