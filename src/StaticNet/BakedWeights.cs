using System;
using System.ComponentModel;
using StaticNet.Serialization;

namespace StaticNet
{
    /// <summary>
    /// Installs parameters the generator baked into an assembly (<see cref="NetworkAttribute.Weights"/>): the
    /// constructor of a baked network calls this with its read-only data. Not meant to be called by hand.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class BakedWeights
    {
        /// <summary>Decodes little-endian float32 values (the PARM payload of a .snet file) into <paramref name="parameters"/>.</summary>
        /// <exception cref="ArgumentException">The data is not 4 bytes per parameter.</exception>
        public static void CopyTo(ReadOnlySpan<byte> littleEndianSingles, Span<float> parameters)
        {
            if (littleEndianSingles.Length != 4L * parameters.Length)
            {
                throw new ArgumentException($"{littleEndianSingles.Length} bytes of baked weights for {parameters.Length} parameters; 4 bytes per parameter are needed.", nameof(littleEndianSingles));
            }
            FloatBits.ReadSingles(littleEndianSingles, parameters);
        }
    }
}
