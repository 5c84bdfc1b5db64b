using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.PackageTests;

/// <summary>
/// Fresh projects that reference the packed StaticNet by version and nothing else of the repository, each built with
/// warnings as errors (and no warning printed at all): the package is all a user needs, on each target it claims.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageConsumerTests
{
    private const string ConsoleProperties =
        "    <OutputType>Exe</OutputType>\n" +
        "    <TargetFramework>net10.0</TargetFramework>\n" +
        "    <Nullable>enable</Nullable>\n";

    private readonly PackedRepository _package;
    private readonly ITestOutputHelper _log;

    public PackageConsumerTests(PackedRepository package, ITestOutputHelper log)
    {
        _package = package;
        _log = log;
    }

    [Fact]
    public void Net10ConsoleBuildsRunsAndGetsNothingOfTheGenerator()
    {
        ConsumerProject project = ConsumerProject.Create(_package, "ConsoleApp",
            ConsoleProperties + "    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>\n",
            new Dictionary<string, string> { ["Program.cs"] = ConsumerProject.Template("Console/Program.cs") });
        CommandResult build = project.Dotnet("build", "-c", "Release", "-nodeReuse:false");
        CommandResult run = DotnetCli.Dotnet(project.Directory, Path.Combine("bin", "Release", "net10.0", "ConsoleApp.dll")).Succeeded();
        _log.WriteLine($"net10.0 console: restore and build {build.Elapsed.TotalSeconds:F1} s, run {run.Elapsed.TotalSeconds:F2} s\n{run.Output}");
        AssertConsoleOutput(run.Output);

        // The generator in the package wrote the network, stamped with the package's version.
        string generated = Directory.GetFiles(Path.Combine(project.Directory, "obj"), "XorNet.g.cs", SearchOption.AllDirectories).Single();
        Assert.Contains($"[Sys::CodeDom.Compiler.GeneratedCode(\"StaticNet\", \"{_package.Version}\")]", File.ReadAllText(generated));

        // What the consumer restored: StaticNet of this version (from the feed: the version is new), and nothing of Roslyn.
        string assets = File.ReadAllText(Path.Combine(project.Directory, "obj", "project.assets.json"));
        Assert.Contains($"\"StaticNet/{_package.Version}\"", assets);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", assets);
    }

    [Fact]
    public void NativeAotPublishHasNoTrimOrAotWarningAndTheBinaryRuns()
    {
        ConsumerProject project = ConsumerProject.Create(_package, "AotApp",
            ConsoleProperties + "    <PublishAot>true</PublishAot>\n",
            new Dictionary<string, string> { ["Program.cs"] = ConsumerProject.Template("Console/Program.cs") });
        string output = Path.Combine(project.Directory, "out");
        CommandResult publish = project.Dotnet("publish", "-c", "Release", "-o", output, "-nodeReuse:false");
        Assert.DoesNotMatch(new Regex(@"\bIL[23][0-9]{3}\b"), publish.Output);
        Assert.Contains("Generating native code", publish.Output);

        string binary = Path.Combine(output, OperatingSystem.IsWindows() ? "AotApp.exe" : "AotApp");
        Assert.False(File.Exists(Path.Combine(output, "AotApp.dll")), "the publish left an IL assembly: not a native build");
        CommandResult run = DotnetCli.Run(binary, project.Directory).Succeeded();
        _log.WriteLine($"NativeAOT: restore and publish {publish.Elapsed.TotalSeconds:F1} s, binary {new FileInfo(binary).Length / 1024.0 / 1024.0:F2} MB, " +
            $"run {run.Elapsed.TotalMilliseconds:F0} ms\n{run.Output}");
        AssertConsoleOutput(run.Output);
    }

    [Fact]
    public void UnitySnippetCompilesForNetStandard21AtCSharp9()
    {
        // What Unity's compiler sees: .NET Standard 2.1, C# 9, nullable off; the page's own code with a stand-in UnityEngine.
        ConsumerProject project = CompileSnippets("UnityLike", "docs/unity.md", "Shims/UnityEngine.cs",
            "    <TargetFramework>netstandard2.1</TargetFramework>\n" +
            "    <LangVersion>9</LangVersion>\n" +
            "    <Nullable>disable</Nullable>\n");

        // The page lists the dependency dlls to copy into Assets: exactly what NuGet resolves for .NET Standard 2.1.
        Assert.Equal(DocumentedUnityDependencies(), RestoredRuntimeFiles(project, ".NETStandard,Version=v2.1", "netstandard2.1"));
    }

    [Fact]
    public void GodotSnippetCompilesForNet8()
    {
        // What a Godot 4 C# project is: a net8.0 library loaded by the engine; the page's own code with a stand-in Godot.
        CompileSnippets("GodotLike", "docs/godot.md", "Shims/Godot.cs",
            "    <TargetFramework>net8.0</TargetFramework>\n" +
            "    <EnableDynamicLoading>true</EnableDynamicLoading>\n");
    }

    private ConsumerProject CompileSnippets(string name, string page, string shim, string properties)
    {
        List<string> blocks = ConsumerProject.CSharpBlocks(Path.Combine(_package.SourceCopy, page));
        Assert.NotEmpty(blocks);
        var sources = new Dictionary<string, string> { ["EngineShim.cs"] = ConsumerProject.Template(shim) };
        for (int i = 0; i < blocks.Count; i++) sources[$"Snippet{i + 1}.cs"] = blocks[i];
        ConsumerProject project = ConsumerProject.Create(_package, name, properties, sources);
        CommandResult build = project.Dotnet("build", "-c", "Release", "-nodeReuse:false");
        _log.WriteLine($"{name} ({page}, {blocks.Count} block(s)): restore and build {build.Elapsed.TotalSeconds:F1} s");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(project.Directory, "bin", "Release"), name + ".dll", SearchOption.AllDirectories));
        return project;
    }

    // The rows under <!-- unity-dependencies --> in docs/unity.md: "package/version path", sorted.
    private string[] DocumentedUnityDependencies()
    {
        string page = File.ReadAllText(Path.Combine(_package.SourceCopy, "docs", "unity.md")).Replace("\r\n", "\n");
        Match table = Regex.Match(page, "<!-- unity-dependencies -->\n\\|[^\n]*\n\\|[^\n]*\n((?:\\|[^\n]*\n)+)");
        Assert.True(table.Success, "docs/unity.md has no table under <!-- unity-dependencies -->");
        return Regex.Matches(table.Groups[1].Value, @"^\| ([^|]+?) \| ([^|]+?) \| `([^`]+)` \|$", RegexOptions.Multiline)
            .Select(row => $"{row.Groups[1].Value}/{row.Groups[2].Value} {row.Groups[3].Value}")
            .OrderBy(row => row, StringComparer.Ordinal).ToArray();
    }

    // Every package dll the consumer's restore picked for the target, other than StaticNet's own ("_._": the platform's).
    private static string[] RestoredRuntimeFiles(ConsumerProject project, string target, string alias)
    {
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "obj", "project.assets.json")));
        JsonElement targets = assets.RootElement.GetProperty("targets");
        JsonElement libraries = targets.TryGetProperty(target, out JsonElement found) ? found : targets.GetProperty(alias);
        var files = new List<string>();
        foreach (JsonProperty library in libraries.EnumerateObject())
        {
            if (library.Name.StartsWith("StaticNet/", StringComparison.Ordinal) || !library.Value.TryGetProperty("runtime", out JsonElement runtime)) continue;
            foreach (JsonProperty file in runtime.EnumerateObject())
            {
                if (!file.Name.EndsWith("/_._", StringComparison.Ordinal)) files.Add($"{library.Name} {file.Name}");
            }
        }
        return files.OrderBy(row => row, StringComparer.Ordinal).ToArray();
    }

    private void AssertConsoleOutput(string output)
    {
        string[] lines = output.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        Assert.Equal(new[]
        {
            $"XorNet: 2 inputs, 1 output, 17 parameters, generated by StaticNet {_package.Version}",
            "xor(0, 0) = 0",
            "xor(0, 1) = 1",
            "xor(1, 0) = 1",
            "xor(1, 1) = 0",
            "save/load: the loaded network predicts what the saved one did",
            "safetensors and batches: same outputs and classes",
            "onnx: exported",
            "gradient check: passed",
            "explain: same output as the fast code",
        }, lines.Take(10));
        Match accuracy = Regex.Match(lines[10], @"^quadrants: test accuracy ([0-9.]+) % of 400$");
        Assert.True(accuracy.Success, lines[10]);
        Assert.True(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture) >= 90, lines[10]);
        Assert.Equal(11, lines.Length);
    }
}
