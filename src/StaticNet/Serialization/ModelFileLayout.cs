using System;
using System.Globalization;
using System.Text;

namespace StaticNet.Serialization
{
    /// <summary>
    /// The constants of the .snet format (docs/formats.md draws it byte by byte): an 8-byte magic, the format
    /// version, then sections, each a 4-byte ASCII tag, a 64-bit length and that many bytes: ARCH (the
    /// architecture), PARM (the parameters), any later sections, and END, whose payload is the CRC-32 of every
    /// byte before it. Everything is little-endian.
    /// </summary>
    internal static class ModelFileLayout
    {
        /// <summary>0x89 "SNET" CR LF 0x1A: the high byte and the line ends catch a transfer in text mode, as PNG's do.</summary>
        public static readonly byte[] Magic = { 0x89, (byte)'S', (byte)'N', (byte)'E', (byte)'T', 0x0D, 0x0A, 0x1A };

        /// <summary>The version this library writes, and the only one it reads.</summary>
        public const uint FormatVersion = 1;

        public static readonly uint ArchitectureTag = Tag("ARCH");
        public static readonly uint ParametersTag = Tag("PARM");
        public static readonly uint EndTag = Tag("END ");

        /// <summary>Tag (4 bytes) and length (8 bytes) in front of every section's payload.</summary>
        public const int SectionHeaderSize = 12;

        /// <summary>ARCH: input size, loss and layer count (int32 each), then one record per layer.</summary>
        public const int ArchitectureFixedSize = 12;

        /// <summary>Per layer: size (int32), activation (int32, the <c>StaticNet.Activation</c> value) and α (float32, 0 where the activation has none).</summary>
        public const int LayerRecordSize = 12;

        /// <summary>The most layers a file may describe: far more than any declared network, and it bounds what a reader reads of a bad file.</summary>
        public const int MaxLayers = 1 << 16;

        /// <summary>END's payload: the CRC-32.</summary>
        public const int EndPayloadSize = 4;

        /// <summary>The little-endian value of a 4-character ASCII tag.</summary>
        public static uint Tag(string name)
            => (uint)name[0] | (uint)name[1] << 8 | (uint)name[2] << 16 | (uint)name[3] << 24;

        /// <summary>A tag for a message: 'ARCH' when printable ASCII, else its bytes in hex.</summary>
        public static string TagName(uint tag)
        {
            var text = new StringBuilder(4);
            for (int i = 0; i < 4; i++)
            {
                char c = (char)((tag >> (8 * i)) & 0xFF);
                if (c < 0x20 || c > 0x7E) return "0x" + tag.ToString("X8", CultureInfo.InvariantCulture) + " (bytes little-endian)";
                text.Append(c);
            }
            return "'" + text + "'";
        }

        /// <summary>The size of an ARCH payload for <paramref name="layers"/> layers.</summary>
        public static long ArchitectureSize(long layers) => ArchitectureFixedSize + LayerRecordSize * layers;

        /// <summary>The size of a PARM payload: the count (int32), then the values (float32).</summary>
        public static long ParametersSize(long count) => 4 + 4 * count;

        /// <summary>Bytes in hex, for messages: "89 53 4E".</summary>
        public static string Hex(ReadOnlySpan<byte> bytes)
        {
            var text = new StringBuilder(bytes.Length * 3);
            foreach (byte b in bytes) text.Append(text.Length == 0 ? "" : " ").Append(b.ToString("X2", CultureInfo.InvariantCulture));
            return text.ToString();
        }
    }
}
