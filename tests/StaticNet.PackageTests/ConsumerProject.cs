using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace StaticNet.PackageTests;

/// <summary>
/// A fresh project in its own folder, as a user makes one: a project file that references StaticNet by version, a
/// nuget.config that adds the feed the package was packed into, and source files. The nuget.config does not clear the
/// sources, so the machine's own (its user or machine-wide NuGet.Config) still serves every other package.
/// </summary>
public sealed class ConsumerProject
{
    private ConsumerProject(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    /// <summary>
    /// Writes the project. <paramref name="properties"/> (whole lines of XML) goes into its PropertyGroup;
    /// <paramref name="sources"/> are file names and contents.
    /// </summary>
    public static ConsumerProject Create(PackedRepository package, string name, string properties, IEnumerable<KeyValuePair<string, string>> sources)
    {
        string directory = Path.Combine(package.ConsumersRoot, name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <!-- The package under test; no <clear/>, so the machine's default source still serves the rest. -->
                <add key="staticnet-under-test" value="{package.Feed}" />
              </packageSources>
            </configuration>
            """);
        // Empty: nothing from the folders above (the temporary folder's parents) may reach the build.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, name + ".csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n" +
            "  <PropertyGroup>\n" +
            properties +
            "    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n" +
            "  </PropertyGroup>\n" +
            "  <ItemGroup>\n" +
            $"    <PackageReference Include=\"StaticNet\" Version=\"{package.Version}\" />\n" +
            "  </ItemGroup>\n" +
            "</Project>\n");
        foreach (KeyValuePair<string, string> source in sources) File.WriteAllText(Path.Combine(directory, source.Key), source.Value);
        return new ConsumerProject(directory, name);
    }

    /// <summary>Runs a dotnet command in the project's folder; it must succeed and print no warning.</summary>
    public CommandResult Dotnet(params string[] arguments)
    {
        CommandResult result = DotnetCli.Dotnet(Directory, arguments).Succeeded();
        MatchCollection warnings = Regex.Matches(result.Output, @"(?m)^.*: warning [A-Z]+[0-9]+.*$");
        if (warnings.Count > 0) throw new Xunit.Sdk.XunitException($"`{result.Command}` printed warnings:\n{string.Join("\n", warnings)}\n\n{result.Output}");
        return result;
    }

    /// <summary>A consumer source file shipped beside the tests (Consumers/…).</summary>
    public static string Template(string relativePath) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumers", relativePath));

    /// <summary>Every ```csharp block of a Markdown page, in order.</summary>
    public static List<string> CSharpBlocks(string markdownPath)
    {
        var blocks = new List<string>();
        string text = File.ReadAllText(markdownPath).Replace("\r\n", "\n");
        foreach (Match match in Regex.Matches(text, "^```csharp\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)) blocks.Add(match.Groups[1].Value);
        return blocks;
    }
}
