using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using StaticNet.Generators.Diagnostics;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Baking
{
    /// <summary>
    /// Finds the additional file a network's <c>Weights</c> names and bakes it: SN0031 when no file (or more than one)
    /// matches or it cannot be read, SN0032 when it is no valid .snet model, SN0033 when it is another architecture's.
    /// </summary>
    internal static class WeightsBaker
    {
        public static BakeResult Bake(ParseResult parsed, ImmutableArray<WeightsFile> files)
        {
            NetworkSpec spec = parsed.Spec!;
            string requested = spec.Weights!;
            var matches = new List<WeightsFile>();
            foreach (WeightsFile file in files)
            {
                if (Matches(file.Path, requested)) matches.Add(file);
            }
            if (matches.Count != 1)
            {
                string why = matches.Count == 0
                    ? "no AdditionalFiles item of the project ends with that path (a .snet file): add <AdditionalFiles Include=\"" + requested + "\" /> to the project file"
                    : matches.Count.ToString(CultureInfo.InvariantCulture) + " AdditionalFiles items end with that path (" + string.Join(", ", matches.ConvertAll(m => m.Path))
                        + "): give more of the path";
                return Failed(parsed, DiagnosticCatalog.WeightsFileNotFound, spec.Type.Name, requested, why);
            }
            WeightsFile found = matches[0];
            if (found.ReadError is not null)
            {
                return Failed(parsed, DiagnosticCatalog.WeightsFileNotFound, spec.Type.Name, requested, "the file could not be read: " + found.ReadError);
            }

            var bytes = new byte[found.Content.Count];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = found.Content[i];
            WeightsFileReader.Outcome outcome = WeightsFileReader.Read(bytes, spec);
            return outcome.Verdict switch
            {
                WeightsFileReader.Verdict.Baked => new BakeResult(spec, new EquatableArray<byte>(outcome.Parameters), outcome.Checksum, default),
                WeightsFileReader.Verdict.Invalid => Failed(parsed, DiagnosticCatalog.WeightsFileInvalid, spec.Type.Name, requested, outcome.Message[0]),
                _ => Failed(parsed, DiagnosticCatalog.WeightsFileMismatch, spec.Type.Name, requested, outcome.Message[0], outcome.Message[1], outcome.Message[2]),
            };
        }

        /// <summary>
        /// Whether an additional file is the one <paramref name="requested"/> names: its full path, with either separator,
        /// is the requested path or ends with "/" and it (compared without regard to case; a leading "./" is ignored).
        /// </summary>
        internal static bool Matches(string path, string requested)
        {
            string file = Normalize(path), wanted = Normalize(requested);
            while (wanted.StartsWith("./", StringComparison.Ordinal)) wanted = wanted.Substring(2);
            if (wanted.Length == 0) return false;
            return file.Equals(wanted, StringComparison.OrdinalIgnoreCase) || file.EndsWith("/" + wanted, StringComparison.OrdinalIgnoreCase);
        }

        private static string Normalize(string path) => path.Replace('\\', '/');

        private static BakeResult Failed(ParseResult parsed, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params string[] args)
            => new BakeResult(parsed.Spec!, default, 0, new EquatableArray<DiagnosticInfo>(new[] { new DiagnosticInfo(descriptor.Id, parsed.Location, new EquatableArray<string>(args)) }));
    }
}
