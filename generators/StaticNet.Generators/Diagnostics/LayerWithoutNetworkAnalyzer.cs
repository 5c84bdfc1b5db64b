using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StaticNet.Generators.Diagnostics
{
    /// <summary>
    /// SN0020: [Input] or [Dense] on a class without [Network]. The generator only looks at classes
    /// with [Network], so this check is an analyzer: it runs as the user types.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LayerWithoutNetworkAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticCatalog.LayerWithoutNetwork);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? network = start.Compilation.GetTypeByMetadataName("StaticNet.NetworkAttribute");
                INamedTypeSymbol? input = start.Compilation.GetTypeByMetadataName("StaticNet.InputAttribute");
                INamedTypeSymbol? dense = start.Compilation.GetTypeByMetadataName("StaticNet.DenseAttribute");
                if (network is null || input is null || dense is null) return; // StaticNet is not referenced
                start.RegisterSymbolAction(symbolContext => Check(symbolContext, network, input, dense), SymbolKind.NamedType);
            });
        }

        private static void Check(SymbolAnalysisContext context, INamedTypeSymbol network, INamedTypeSymbol input, INamedTypeSymbol dense)
        {
            AttributeData? layer = null;
            foreach (AttributeData attribute in context.Symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, network)) return;
                if (layer is null && (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, input) || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, dense)))
                {
                    layer = attribute;
                }
            }
            if (layer is null) return;
            Location location = layer.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Symbol.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticCatalog.LayerWithoutNetwork, location, context.Symbol.Name, layer.AttributeClass!.Name.Replace("Attribute", "")));
        }
    }
}
