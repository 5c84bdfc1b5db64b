using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace StaticNet.Generators.Tests;

/// <summary>
/// StaticNet's warnings obey the compiler's own controls, as the compiler applies them to what a generator reports:
/// <c>#pragma warning disable</c> around the declaration, and the severity an .editorconfig gives the ID.
/// </summary>
public class DiagnosticSuppressionTests
{
    private const string Declaration = "[Network][Input(2)][Dense(1, Activation.Tanh, Alpha = 0.5f)] public partial class TanhAlpha { }";

    [Fact]
    public void WithoutSuppressionTheWarningIsReported()
        => Assert.Contains(Reported("using StaticNet;\n" + Declaration), d => d.Id == "SN0010" && d.Severity == DiagnosticSeverity.Warning);

    /// <summary>
    /// #pragma warning disable applies to a diagnostic whose location lies in the compilation's own syntax tree (one
    /// rebuilt from a file path is "external" and bypasses it). The in-memory driver does not apply pragmas itself, so the
    /// end effect is shown by a real build: tests/StaticNet.NetStandardConsumer declares a network earning SN0010 inside
    /// a pragma and builds with warnings as errors.
    /// </summary>
    [Fact]
    public void DiagnosticsPointIntoTheCompilationsOwnTree()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(null, "using StaticNet;\n#pragma warning disable SN0010\n" + Declaration);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == "SN0010");
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Same(compilation.SyntaxTrees.Single(), diagnostic.Location.SourceTree);
    }

    [Theory]
    [InlineData(ReportDiagnostic.Suppress, null)]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    public void EditorConfigSeverityApplies(ReportDiagnostic severity, DiagnosticSeverity? expected)
    {
        // dotnet_diagnostic.SN0010.severity = none | error, as the compiler passes it: per syntax tree.
        IEnumerable<Diagnostic> reported = Reported("using StaticNet;\n" + Declaration, new TreeSeverities("SN0010", severity));
        Diagnostic? diagnostic = reported.SingleOrDefault(d => d.Id == "SN0010");
        Assert.Equal(expected, diagnostic?.Severity);
    }

    /// <summary>What the compiler reports from the generator: its diagnostics after the compilation's filters.</summary>
    private static ImmutableArray<Diagnostic> Reported(string source, SyntaxTreeOptionsProvider? treeOptions = null)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(null, source);
        if (treeOptions is not null) compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(treeOptions));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
        return diagnostics;
    }

    /// <summary>One ID's severity for every tree, as an .editorconfig section for all files gives it.</summary>
    private sealed class TreeSeverities(string id, ReportDiagnostic severity) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic value)
        {
            value = severity;
            return diagnosticId == id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic value)
        {
            value = ReportDiagnostic.Default;
            return false;
        }
    }
}
