using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.PackageTests;

/// <summary>What <c>dotnet pack</c> at the repository root writes: one package, laid out as the README promises.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests
{
    private readonly PackedRepository _package;
    private readonly ITestOutputHelper _log;

    public PackageContentTests(PackedRepository package, ITestOutputHelper log)
    {
        _package = package;
        _log = log;
    }

    [Fact]
    public void RootPackWritesStaticNetAlone()
    {
        _log.WriteLine($"dotnet pack -c Release at the root: {_package.Pack.Elapsed.TotalSeconds:F1} s");
        string[] written = Directory.GetFiles(_package.Feed).Select(Path.GetFileName).ToArray()!;
        Assert.Equal(new[] { $"StaticNet.{_package.Version}.nupkg" }, written);
    }

    [Fact]
    public void PackageHoldsTheLibraryTheAnalyzersAndTheReadme()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        string[] files = zip.Entries.Select(e => e.FullName).Where(IsContent).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[]
        {
            "LICENSE",
            "README.md",
            "StaticNet.nuspec",
            "analyzers/dotnet/cs/StaticNet.CodeFixes.dll",
            "analyzers/dotnet/cs/StaticNet.Generators.dll",
            "lib/net8.0/StaticNet.dll",
            "lib/net8.0/StaticNet.pdb",
            "lib/net8.0/StaticNet.xml",
            "lib/netstandard2.0/StaticNet.dll",
            "lib/netstandard2.0/StaticNet.pdb",
            "lib/netstandard2.0/StaticNet.xml",
        }, files);

        // The readme is the repository's, byte for byte.
        using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
        Assert.Equal(File.ReadAllText(Path.Combine(_package.SourceCopy, "README.md")), readme.ReadToEnd());
    }

    [Fact]
    public void NuspecNamesLicenceReadmeRepositoryAndOnlyRuntimeDependencies()
    {
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("StaticNet", Value("id"));
        Assert.Equal(_package.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")!.Value);
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("https://github.com/StaticNet/StaticNet", Value("projectUrl"));
        Assert.DoesNotContain("Package Description", Value("description"));
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.Equal("https://github.com/StaticNet/StaticNet", repository.Attribute("url")!.Value);
        Assert.Equal(_package.Commit, repository.Attribute("commit")!.Value);

        // Per target, the runtime library's own dependencies and nothing of the generator's (Microsoft.CodeAnalysis.*).
        var groups = metadata.Descendants().Where(e => e.Name.LocalName == "group").ToDictionary(
            g => g.Attribute("targetFramework")!.Value,
            g => g.Elements().Select(d => d.Attribute("id")!.Value).OrderBy(id => id, StringComparer.Ordinal).ToArray());
        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, groups.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "System.Memory", "System.Numerics.Tensors" }, groups[".NETStandard2.0"]);
        Assert.Equal(new[] { "System.Numerics.Tensors" }, groups["net8.0"]);
    }

    [Fact]
    public void PdbsLinkTheSourcesToTheRepositoryAtThePackedCommit()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        foreach (string target in new[] { "net8.0", "netstandard2.0" })
        {
            using var pdb = new MemoryStream();
            using (Stream entry = zip.GetEntry($"lib/{target}/StaticNet.pdb")!.Open()) entry.CopyTo(pdb);
            // The Source Link JSON is stored as is in a portable PDB.
            string text = System.Text.Encoding.UTF8.GetString(pdb.ToArray());
            Assert.Contains($"https://raw.githubusercontent.com/StaticNet/StaticNet/{_package.Commit}/*", text);
        }
    }

    [Fact]
    public void VersionIsSetOnceAndTheGeneratorCarriesIt()
    {
        // The generator's [GeneratedCode] text is compiled from the MSBuild Version: a pack with another version makes a
        // generator that stamps that version (the consumer tests see it in the generated code too).
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        using var dll = new MemoryStream();
        using (Stream entry = zip.GetEntry("analyzers/dotnet/cs/StaticNet.Generators.dll")!.Open()) entry.CopyTo(dll);
        // The literal sits in the #US heap as UTF-16 at whatever byte offset the compiler gave it: decode at both parities.
        byte[] bytes = dll.ToArray();
        string even = System.Text.Encoding.Unicode.GetString(bytes);
        string odd = System.Text.Encoding.Unicode.GetString(bytes, 1, bytes.Length - 1);
        string expected = $"[Sys::CodeDom.Compiler.GeneratedCode(\"StaticNet\", \"{_package.Version}\")]";
        Assert.True(even.Contains(expected, StringComparison.Ordinal) || odd.Contains(expected, StringComparison.Ordinal),
            $"the packed generator does not contain {expected}");
    }

    [Fact]
    public void InstallLinesInReadmeAndDocsNameTheRepositoryVersion()
    {
        // The version users are told to reference is the one Directory.Build.props sets.
        string prefix = _package.Version.Substring(0, _package.Version.IndexOf('-'));
        string line = $"<PackageReference Include=\"StaticNet\" Version=\"{prefix}\" />";
        foreach (string page in new[] { "README.md", "docs/godot.md" })
        {
            string text = File.ReadAllText(Path.Combine(_package.SourceCopy, page));
            Assert.True(text.Contains(line, StringComparison.Ordinal), $"{page} does not contain {line}");
            Assert.Equal(text.Split("<PackageReference Include=\"StaticNet\"").Length - 1, text.Split(line).Length - 1);
        }
    }

    private XDocument Nuspec()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        using Stream stream = zip.GetEntry("StaticNet.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    // NuGet's own bookkeeping ([Content_Types].xml, _rels/, package/services/…) is not content.
    private static bool IsContent(string name) => !name.StartsWith("_rels/", StringComparison.Ordinal)
        && !name.StartsWith("package/", StringComparison.Ordinal) && name != "[Content_Types].xml";
}
