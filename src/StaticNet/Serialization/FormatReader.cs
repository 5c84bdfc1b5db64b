using System;
using System.Buffers.Binary;
using System.IO;

namespace StaticNet.Serialization
{
    /// <summary>
    /// Reads a file format from a stream as it comes: from the stream's current position, never seeking, with
    /// short reads taken in a loop, and never past what was asked for (a reader stops at the end of its file, so
    /// a stream may hold more after it). Counts the bytes it consumed and keeps their CRC-32. Running out of
    /// bytes is an <see cref="InvalidDataException"/> saying where; bulk data goes through one small buffer, so
    /// no length read from a file decides an allocation.
    /// </summary>
    internal sealed class FormatReader
    {
        /// <summary>The largest piece read at once, and the most the reader's buffer holds.</summary>
        public const int ChunkSize = 4096;

        private readonly Stream _stream;
        private readonly string _format;
        private readonly byte[] _scalar = new byte[8];
        private byte[]? _chunk;
        private Crc32 _crc;

        /// <param name="stream">Read from its current position; left open.</param>
        /// <param name="format">Names the format in messages: ".snet", "safetensors".</param>
        public FormatReader(Stream stream, string format)
        {
            _stream = stream;
            _format = format;
        }

        /// <summary>Bytes consumed so far.</summary>
        public long Position { get; private set; }

        /// <summary>The CRC-32 of the bytes consumed so far.</summary>
        public uint Crc => _crc.Value;

        /// <summary>An exception for a bad file, its message starting "Not a valid {format} file: ".</summary>
        public InvalidDataException Invalid(string detail) => new InvalidDataException("Not a valid " + _format + " file: " + detail);

        /// <summary>Fills <paramref name="buffer"/>[offset, offset + count) or throws, naming <paramref name="what"/> was being read.</summary>
        public void ReadExactly(byte[] buffer, int offset, int count, string what)
        {
            int missing = count;
            while (missing > 0)
            {
                int read = _stream.Read(buffer, offset, missing);
                if (read <= 0)
                {
                    throw Invalid($"the file ends after {Position} bytes, inside {what} ({missing} more bytes expected).");
                }
                _crc.Append(new ReadOnlySpan<byte>(buffer, offset, read));
                Position += read;
                offset += read;
                missing -= read;
            }
        }

        public uint ReadUInt32(string what)
        {
            ReadExactly(_scalar, 0, 4, what);
            return BinaryPrimitives.ReadUInt32LittleEndian(_scalar);
        }

        public int ReadInt32(string what)
        {
            ReadExactly(_scalar, 0, 4, what);
            return BinaryPrimitives.ReadInt32LittleEndian(_scalar);
        }

        public ulong ReadUInt64(string what)
        {
            ReadExactly(_scalar, 0, 8, what);
            return BinaryPrimitives.ReadUInt64LittleEndian(_scalar);
        }

        public float ReadSingle(string what) => FloatBits.Int32BitsToSingle(ReadInt32(what));

        /// <summary>
        /// Reads the next min(<paramref name="remaining"/>, <see cref="ChunkSize"/>) bytes into the reader's buffer and
        /// returns them; the buffer is reused by the next call. <see cref="ChunkSize"/> is a multiple of 8, so a chunk
        /// never splits an element of 2, 4 or 8 bytes.
        /// </summary>
        public ReadOnlySpan<byte> ReadChunk(long remaining, string what)
        {
            int count = (int)Math.Min(remaining, ChunkSize);
            // Grown to what is wanted, up to a chunk, so that a small file costs a small buffer.
            if (_chunk is null || _chunk.Length < count) _chunk = new byte[Math.Min(ChunkSize, Math.Max(count, 2 * (_chunk?.Length ?? 0)))];
            ReadExactly(_chunk, 0, count, what);
            return new ReadOnlySpan<byte>(_chunk, 0, count);
        }

        /// <summary>Reads destination.Length little-endian float32 values into <paramref name="destination"/>.</summary>
        public void ReadSingles(Span<float> destination, string what)
        {
            while (destination.Length > 0)
            {
                ReadOnlySpan<byte> chunk = ReadChunk(4L * destination.Length, what);
                int values = chunk.Length / 4;
                FloatBits.ReadSingles(chunk, destination.Slice(0, values));
                destination = destination.Slice(values);
            }
        }

        /// <summary>Reads and discards <paramref name="count"/> bytes (they still count towards the CRC).</summary>
        public void Skip(long count, string what)
        {
            while (count > 0) count -= ReadChunk(count, what).Length;
        }

        /// <summary>
        /// When the stream can tell its length, throws unless it holds nothing after what was read: a file opened from a
        /// path must end where its format does.
        /// </summary>
        public void ExpectEndOfFile()
        {
            if (!_stream.CanSeek) return;
            long after = _stream.Length - _stream.Position;
            if (after > 0) throw Invalid($"{after} bytes follow the end of the data at byte {Position}.");
        }
    }
}
