using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StaticNet.Generators.Baking;
using StaticNet.Generators.Diagnostics;
using StaticNet.Generators.Emit;
using StaticNet.Generators.Model;
using StaticNet.Generators.Parsing;

namespace StaticNet.Generators
{
    /// <summary>
    /// The StaticNet source generator. Pipeline only: find classes with [Network], parse each into an
    /// equatable <see cref="NetworkSpec"/> (Parsing/), report its diagnostics, and emit its code (Emit/).
    /// Every step carries a tracking name so tests can prove what stays cached.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NetworkGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
        public static class TrackingNames
        {
            public const string Parse = nameof(Parse);
            public const string Diagnostics = nameof(Diagnostics);
            public const string Specs = nameof(Specs);
            public const string Limits = nameof(Limits);
            public const string WeightsFiles = nameof(WeightsFiles);
            public const string Bake = nameof(Bake);
        }

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(NetworkParser.NetworkAttributeName, NetworkParser.IsCandidate, NetworkParser.Parse)
                .WithTrackingName(TrackingNames.Parse);

            IncrementalValueProvider<int> maxParameters = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => NetworkLimits.MaxParameters(options.GlobalOptions))
                .WithTrackingName(TrackingNames.Limits);

            // Diagnostics travel on their own output, so a diagnostic-only change does not regenerate source.
            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
                .Combine(maxParameters)
                .Select(static (pair, _) => NetworkLimits.AddSizeWarning(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Diagnostics);
            // Reported at a location in the compilation's own syntax tree, so that #pragma warning disable and .editorconfig
            // severities apply (a location rebuilt from a file path alone is "external" and bypasses both). Only this last
            // step takes the compilation, to find the tree; the models before it stay free of it and cached.
            context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) => Report(spc, pair.Left, pair.Right));

            IncrementalValuesProvider<NetworkSpec> specs = parsed
                .Select(static (result, _) => result.Spec)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.Specs);

            context.RegisterSourceOutput(specs, static (spc, spec) =>
            {
                try
                {
                    spc.AddSource(spec.HintName, NetworkEmitter.Emit(spec));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Never throw into the compiler (a throwing generator loses every network's code): say what failed instead.
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalog.InternalError, null, spec.Type.Name, ex.GetType().Name + ": " + ex.Message));
                }
            });

            // Baked weights: the project's .snet additional files, read once each into equatable bytes, matched with the
            // networks that name one. Editing a weights file reruns only the bake of the networks that use it, and the
            // network's own file (which depends on the declaration alone) stays cached.
            IncrementalValueProvider<ImmutableArray<WeightsFile>> weightsFiles = context.AdditionalTextsProvider
                .Where(static text => WeightsFile.IsCandidate(text))
                .Select(static (text, cancellationToken) => WeightsFile.Read(text, cancellationToken))
                .WithTrackingName(TrackingNames.WeightsFiles)
                .Collect();
            IncrementalValuesProvider<BakeResult> bakes = parsed
                .Where(static result => result.Spec?.Weights is not null)
                .Combine(weightsFiles)
                .Select(static (pair, _) => WeightsBaker.Bake(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.Bake);
            context.RegisterSourceOutput(bakes.Select(static (bake, _) => bake.Diagnostics).Combine(context.CompilationProvider),
                static (spc, pair) => Report(spc, pair.Left, pair.Right));
            context.RegisterSourceOutput(bakes, static (spc, bake) =>
            {
                try
                {
                    spc.AddSource(bake.Spec.WeightsHintName, BakedWeightsEmitter.Emit(bake));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalog.InternalError, null, bake.Spec.Type.Name, ex.GetType().Name + ": " + ex.Message));
                }
            });
        }

        private static void Report(SourceProductionContext spc, EquatableArray<DiagnosticInfo> diagnostics, Compilation compilation)
        {
            foreach (DiagnosticInfo info in diagnostics)
            {
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalog.Get(info.Id), info.Location?.ToLocation(compilation), info.MessageArgs.ToObjectArray()));
            }
        }
    }
}
