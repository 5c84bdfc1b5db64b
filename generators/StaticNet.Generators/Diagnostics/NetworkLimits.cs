using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Diagnostics
{
    /// <summary>
    /// The size above which a network earns SN0019. Generated code is fixed-size, so a huge network
    /// means a huge scratch and slow builds; the limit is a project setting, not a hard wall.
    /// </summary>
    internal static class NetworkLimits
    {
        /// <summary>Default limit: 10 million parameters (40 MB of weights).</summary>
        public const int DefaultMaxParameters = 10_000_000;

        public const string PropertyName = "build_property.StaticNetMaxParameters";

        /// <summary>
        /// The longest parameter vector a network can allocate (SN0021, an error): .NET's Array.MaxLength of 2,147,483,591
        /// floats, less the 15 floats StaticNet.AlignedFloats adds to start the vector on a cache line. Past it the
        /// constructor could only throw. The network's other arrays (a sample's activations and deltas) are far shorter.
        /// </summary>
        public const int MaxAllocatableParameters = 0x7FFFFFC7 - 15;

        public static int MaxParameters(AnalyzerConfigOptions options)
            => options.TryGetValue(PropertyName, out string? text)
               && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value
                : DefaultMaxParameters;

        /// <summary>The parse's diagnostics, plus SN0019 when the network has more parameters than the limit.</summary>
        public static EquatableArray<DiagnosticInfo> AddSizeWarning(ParseResult result, int maxParameters)
        {
            if (result.Spec is null) return result.Diagnostics;
            long parameters = result.Spec.ParameterCount;
            if (parameters <= maxParameters) return result.Diagnostics;

            var warning = new DiagnosticInfo(DiagnosticCatalog.LargeNetwork.Id, result.Location, new EquatableArray<string>(new[]
            {
                result.Spec.Type.Name,
                parameters.ToString("N0", CultureInfo.InvariantCulture),
                maxParameters.ToString("N0", CultureInfo.InvariantCulture),
            }));
            var all = new DiagnosticInfo[result.Diagnostics.Count + 1];
            for (int i = 0; i < result.Diagnostics.Count; i++) all[i] = result.Diagnostics[i];
            all[all.Length - 1] = warning;
            return new EquatableArray<DiagnosticInfo>(all);
        }
    }
}
