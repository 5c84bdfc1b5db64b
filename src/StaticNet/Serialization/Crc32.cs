using System;

namespace StaticNet.Serialization
{
    /// <summary>
    /// CRC-32 as zlib, PNG and Ethernet compute it (reflected polynomial 0xEDB88320, initial value and final
    /// XOR 0xFFFFFFFF; "123456789" gives 0xCBF43926), appended to chunk by chunk. Written here because
    /// netstandard2.0 has none (System.IO.Hashing is a package, and the runtime library takes no new one).
    /// </summary>
    internal struct Crc32
    {
        private static readonly uint[] Table = CreateTable();
        private uint _inverted;   // the running remainder, kept inverted so that default(Crc32) is the empty message

        /// <summary>The CRC-32 of everything appended so far.</summary>
        public uint Value => _inverted;

        /// <summary>Extends the checksum by <paramref name="bytes"/>.</summary>
        public void Append(ReadOnlySpan<byte> bytes)
        {
            uint crc = ~_inverted;
            uint[] table = Table;
            foreach (byte b in bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            _inverted = ~crc;
        }

        /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
        public static uint Compute(ReadOnlySpan<byte> bytes)
        {
            var crc = new Crc32();
            crc.Append(bytes);
            return crc.Value;
        }

        private static uint[] CreateTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }
    }
}
