using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generators;

namespace StaticNet.Generators.Tests;

/// <summary>Runs <see cref="NetworkGenerator"/> in memory on source text, as the compiler would.</summary>
internal static class GeneratorHarness
{
    private static readonly MetadataReference[] References =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location))
            .ToArray();

    /// <summary>C# 9 is the oldest language version generated code must compile at (Unity's).</summary>
    public static readonly CSharpParseOptions CSharp9 = new(LanguageVersion.CSharp9);

    public static CSharpCompilation Compile(CSharpParseOptions? options = null, params string[] sources)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options ?? CSharp9, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // The SDK silences these binding notes (StaticNet.dll targets net8.0, the references are net10.0) by default too.
                .WithSpecificDiagnosticOptions(new[] { KeyValuePair.Create("CS1701", ReportDiagnostic.Suppress), KeyValuePair.Create("CS1702", ReportDiagnostic.Suppress) }));

    /// <summary>Runs StaticNet's analyzers (not the generator) on source text.</summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources)
        => Compile(null, sources)
            .WithAnalyzers(ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new Diagnostics.LayerWithoutNetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    public static GeneratorDriver CreateDriver(CSharpParseOptions? options = null)
        => CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: options ?? CSharp9,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once: what it added, what it reported, and the compilation with its output.</summary>
    public static GeneratorOutcome Run(params string[] sources) => Run(new Dictionary<string, string>(), sources);

    /// <summary>Runs the generator with MSBuild-visible global options (e.g. build_property.StaticNetMaxParameters).</summary>
    public static GeneratorOutcome Run(Dictionary<string, string> globalOptions, params string[] sources)
        => Run(globalOptions, Array.Empty<AdditionalText>(), sources);

    /// <summary>Runs the generator with additional files (AdditionalFiles items), e.g. baked weights.</summary>
    public static GeneratorOutcome Run(AdditionalText[] additionalFiles, params string[] sources)
        => Run(new Dictionary<string, string>(), additionalFiles, sources);

    /// <summary>A driver that sees <paramref name="additionalFiles"/>, for incrementality tests.</summary>
    public static GeneratorDriver CreateDriver(AdditionalText[] additionalFiles)
        => CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            additionalTexts: additionalFiles,
            parseOptions: CSharp9,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static GeneratorOutcome Run(Dictionary<string, string> globalOptions, AdditionalText[] additionalFiles, string[] sources)
    {
        CSharpCompilation input = Compile(null, sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new NetworkGenerator().AsSourceGenerator() },
                additionalTexts: additionalFiles,
                parseOptions: CSharp9,
                optionsProvider: new GlobalOptionsProvider(globalOptions),
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true))
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        return new GeneratorOutcome(result, output, driverDiagnostics);
    }
}

/// <summary>An AdditionalFiles item on disk: the generator reads a binary file's bytes from its path, never its text.</summary>
internal sealed class FileOnDisk(string path) : AdditionalText
{
    public override string Path => path;

    public override Microsoft.CodeAnalysis.Text.SourceText? GetText(System.Threading.CancellationToken cancellationToken = default) => null;
}

/// <summary>Global analyzer options, as MSBuild passes CompilerVisibleProperty values.</summary>
internal sealed class GlobalOptionsProvider(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
{
    private readonly Options _options = new(values);

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _options;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

internal sealed record GeneratorOutcome(GeneratorRunResult Result, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>Diagnostics the generator reported itself (SN…).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Warnings and errors of the whole compilation after generation, generator exceptions (CS8785) included.</summary>
    public Diagnostic[] CompilationProblems()
        => Output.GetDiagnostics().Concat(DriverDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToArray();

    /// <param name="expectedWarnings">StaticNet warnings the declaration earns on purpose.</param>
    public void AssertCompilesCleanly(params string[] expectedWarnings)
    {
        Diagnostic[] problems = CompilationProblems().Where(d => !(d.Severity == DiagnosticSeverity.Warning && expectedWarnings.Contains(d.Id))).ToArray();
        if (problems.Length > 0)
        {
            throw new Xunit.Sdk.XunitException("Generated code did not compile cleanly:\n" + string.Join("\n", problems.Select(p => p.ToString())));
        }
        if (Result.Exception is not null) throw new Xunit.Sdk.XunitException("Generator threw: " + Result.Exception);
    }
}
