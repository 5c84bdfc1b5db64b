using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Baking
{
    /// <summary>
    /// One .snet file the project lists in AdditionalFiles, as equatable data: its path and its bytes (or why they
    /// could not be read). Equal bytes compare equal, so an unchanged file keeps every step after it cached.
    /// </summary>
    internal sealed record WeightsFile(string Path, EquatableArray<byte> Content, string? ReadError)
    {
        /// <summary>Only .snet files are read: a project's other additional files are not the generator's business.</summary>
        public static bool IsCandidate(AdditionalText text) => text.Path.EndsWith(".snet", StringComparison.OrdinalIgnoreCase);

        public static WeightsFile Read(AdditionalText text, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // AdditionalText offers the file as decoded text only, which would mangle a binary file, so its bytes are read
                // from the path the compiler gives. The file is an input of the compilation (MSBuild rebuilds when it changes,
                // the IDE hands a new AdditionalText), so this stays deterministic and incremental.
#pragma warning disable RS1035 // File IO: see above
                byte[] bytes = File.ReadAllBytes(text.Path);
#pragma warning restore RS1035
                return new WeightsFile(text.Path, new EquatableArray<byte>(bytes), null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                return new WeightsFile(text.Path, default, ex.Message);
            }
        }
    }
}
