using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    public static GeneratorDriver CreateDriver(CSharpParseOptions? options = null)
        => CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: options ?? CSharp9,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once: what it added, what it reported, and the compilation with its output.</summary>
    public static GeneratorOutcome Run(params string[] sources)
    {
        CSharpCompilation input = Compile(null, sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        return new GeneratorOutcome(result, output, driverDiagnostics);
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

    public void AssertCompilesCleanly()
    {
        Diagnostic[] problems = CompilationProblems();
        if (problems.Length > 0)
        {
            throw new Xunit.Sdk.XunitException("Generated code did not compile cleanly:\n" + string.Join("\n", problems.Select(p => p.ToString())));
        }
        if (Result.Exception is not null) throw new Xunit.Sdk.XunitException("Generator threw: " + Result.Exception);
    }
}
