using System;
using System.Buffers.Binary;
using System.IO;

namespace StaticNet.Serialization
{
    /// <summary>
    /// Writes a file format to a stream through one small buffer, little-endian, keeping the CRC-32 of every byte
    /// written. <see cref="Flush"/> hands the rest to the stream; the stream is left open.
    /// </summary>
    internal sealed class FormatWriter
    {
        private readonly Stream _stream;
        private readonly byte[] _buffer = new byte[FormatReader.ChunkSize];
        private int _used;
        private Crc32 _crc;

        public FormatWriter(Stream stream) => _stream = stream;

        /// <summary>The CRC-32 of everything written so far.</summary>
        public uint Crc => _crc.Value;

        /// <summary>Bytes written so far.</summary>
        public long Position { get; private set; }

        public void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            while (bytes.Length > 0)
            {
                if (_used == _buffer.Length) FlushBuffer();
                int n = Math.Min(bytes.Length, _buffer.Length - _used);
                bytes.Slice(0, n).CopyTo(new Span<byte>(_buffer, _used, n));
                _crc.Append(bytes.Slice(0, n));
                _used += n;
                Position += n;
                bytes = bytes.Slice(n);
            }
        }

        public void WriteUInt32(uint value)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            WriteBytes(bytes);
        }

        public void WriteInt32(int value) => WriteUInt32(unchecked((uint)value));

        public void WriteUInt64(ulong value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
            WriteBytes(bytes);
        }

        public void WriteSingle(float value) => WriteInt32(FloatBits.SingleToInt32Bits(value));

        /// <summary>Writes the values as little-endian float32, a buffer's worth at a time.</summary>
        public void WriteSingles(ReadOnlySpan<float> values)
        {
            Span<byte> bytes = stackalloc byte[256];
            while (values.Length > 0)
            {
                int n = Math.Min(values.Length, bytes.Length / 4);
                FloatBits.WriteSingles(values.Slice(0, n), bytes);
                WriteBytes(bytes.Slice(0, 4 * n));
                values = values.Slice(n);
            }
        }

        /// <summary>Writes what is buffered to the stream and flushes the stream.</summary>
        public void Flush()
        {
            FlushBuffer();
            _stream.Flush();
        }

        private void FlushBuffer()
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
