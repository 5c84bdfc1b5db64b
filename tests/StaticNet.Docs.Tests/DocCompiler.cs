using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generators;
using StaticNet.Generators.Diagnostics;

namespace StaticNet.Docs.Tests;

/// <summary>
/// Compiles blocks as a user's project would build them: .NET 10's reference assemblies, the StaticNet library, the
/// generator and the analyzer, the SDK's implicit usings (not at C# 9, which has none), nullable on, as a library (the statements are a method).
/// </summary>
public static class DocCompiler
{
    /// <summary>What <c>dotnet new console</c> puts in scope (ImplicitUsings), and StaticNet, whose attributes every page uses.</summary>
    public const string ImplicitUsings =
        "global using global::System;\nglobal using global::System.Collections.Generic;\nglobal using global::System.IO;\n" +
        "global using global::System.Linq;\nglobal using global::System.Net.Http;\nglobal using global::System.Threading;\n" +
        "global using global::System.Threading.Tasks;\nglobal using global::StaticNet;\n";

    /// <summary>Warnings a snippet earns by being a snippet: values computed to be shown, not used.</summary>
    private static readonly string[] SnippetWarnings = { "CS0168", "CS0219", "CS8321" };

    private static readonly MetadataReference[] References =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.Location))
            .ToArray();

    /// <summary>
    /// Unity's compiler is C# 9, so a page named unity.md is compiled at C# 9 (still against .NET 10's reference
    /// assemblies: the language level is what such a page can get wrong). Every other page at the latest version.
    /// </summary>
    public static CSharpParseOptions OptionsFor(string page)
        => new(page.EndsWith("unity.md", StringComparison.Ordinal) ? LanguageVersion.CSharp9 : LanguageVersion.Latest);

    /// <summary>The warnings and errors of compiling <paramref name="chain"/> (its last block continuing the others).</summary>
    public static IReadOnlyList<Diagnostic> Problems(IReadOnlyList<CodeBlock> chain)
    {
        CSharpParseOptions options = OptionsFor(chain[^1].Page);
        string root = MarkdownBlocks.RepositoryRoot();
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(EngineShims.Source, options, path: "EngineShims.cs"),
            CSharpSyntaxTree.ParseText(BlockProgram.Source(chain, options), options, path: chain[^1].Page + ".cs"),
        };
        // C# 9 (Unity) has no global usings, and a Unity project no implicit ones: such a page writes its own.
        if (options.LanguageVersion >= LanguageVersion.CSharp10) trees.Insert(0, CSharpSyntaxTree.ParseText(ImplicitUsings, options, path: "ImplicitUsings.g.cs"));
        foreach (string also in chain.Select(b => b.Value("also")).OfType<string>())
        {
            SyntaxTree file = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(root, also)), options, path: also);
            trees.Add(file);
            // Its namespaces are imported, so the block names its types as the page does.
            string imports = string.Concat(file.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>()
                .Select(n => $"global using {n.Name};\n"));
            trees.Add(CSharpSyntaxTree.ParseText(imports, options, path: also + ".usings.g.cs"));
        }

        var compilation = CSharpCompilation.Create(
            "DocumentationBlock",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new[]
                {
                    // The SDK silences these binding notes (StaticNet.dll targets net8.0, the references are net10.0) too.
                    KeyValuePair.Create("CS1701", ReportDiagnostic.Suppress), KeyValuePair.Create("CS1702", ReportDiagnostic.Suppress),
                }));
        // Repository files the block's project lists as AdditionalFiles (baked weights), by their full paths as MSBuild gives them.
        AdditionalText[] additionalFiles = chain.Select(b => b.Value("additional")).OfType<string>()
            .SelectMany(list => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(path => (AdditionalText)new RepositoryFile(Path.GetFullPath(Path.Combine(root, path)))).ToArray();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, additionalTexts: additionalFiles, parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        ImmutableArray<Diagnostic> generatorDiagnostics = driver.GetRunResult().Diagnostics;
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LayerWithoutNetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        return output.GetDiagnostics().Concat(driverDiagnostics).Concat(generatorDiagnostics).Concat(analyzerDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !SnippetWarnings.Contains(d.Id))
            .Distinct()
            .ToList();
    }

    /// <summary>"README.md:27: error CS0103: …", the page and line a reader can open.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        FileLinePositionSpan where = diagnostic.Location.GetMappedLineSpan();
        string place = where.IsValid ? $"{where.Path}:{where.StartLinePosition.Line + 1}" : "(no location)";
        return $"{place}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

/// <summary>An AdditionalFiles item: the generator reads a .snet file's bytes from its path.</summary>
internal sealed class RepositoryFile(string path) : AdditionalText
{
    public override string Path => path;

    public override Microsoft.CodeAnalysis.Text.SourceText? GetText(System.Threading.CancellationToken cancellationToken = default) => null;
}
