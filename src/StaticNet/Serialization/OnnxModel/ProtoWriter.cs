using System;
using System.Buffers.Binary;
using System.Text;

namespace StaticNet.Serialization.OnnxModel
{
    /// <summary>
    /// Encodes one protocol buffers message into a growing byte array: field tags, varints, fixed 32-bit floats and
    /// length-delimited fields (strings, bytes, nested messages written by a writer of their own). Only what the
    /// ONNX export needs; written here so that the runtime library carries no protobuf package (see docs/formats.md).
    /// </summary>
    internal sealed class ProtoWriter
    {
        private const int VarintWire = 0, Fixed32Wire = 5, LengthDelimitedWire = 2;

        private byte[] _buffer = new byte[64];
        private int _length;

        /// <summary>The message encoded so far.</summary>
        public ReadOnlySpan<byte> Written => new ReadOnlySpan<byte>(_buffer, 0, _length);

        /// <summary>An int64 (or enum, or int32) field: a varint; negative values take ten bytes, as protobuf encodes them.</summary>
        public ProtoWriter Int64(int field, long value)
        {
            Tag(field, VarintWire);
            Varint(unchecked((ulong)value));
            return this;
        }

        /// <summary>A float field: four bytes, little-endian.</summary>
        public ProtoWriter Float(int field, float value)
        {
            Tag(field, Fixed32Wire);
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), FloatBits.SingleToInt32Bits(value));
            return this;
        }

        /// <summary>A string field, UTF-8.</summary>
        public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public ProtoWriter Bytes(int field, ReadOnlySpan<byte> bytes)
        {
            Tag(field, LengthDelimitedWire);
            Varint((ulong)bytes.Length);
            bytes.CopyTo(Reserve(bytes.Length));
            return this;
        }

        /// <summary>A bytes field holding float32 values little-endian (ONNX's TensorProto.raw_data).</summary>
        public ProtoWriter Singles(int field, ReadOnlySpan<float> values)
        {
            Tag(field, LengthDelimitedWire);
            Varint(4UL * (ulong)values.Length);
            FloatBits.WriteSingles(values, Reserve(4 * values.Length));
            return this;
        }

        /// <summary>A nested message field.</summary>
        public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.Written);

        private void Tag(int field, int wireType) => Varint((ulong)field << 3 | (uint)wireType);

        /// <summary>Seven bits per byte, least significant first, the high bit set on every byte but the last.</summary>
        private void Varint(ulong value)
        {
            Span<byte> bytes = Reserve(VarintLength(value));
            int i = 0;
            while (value >= 0x80)
            {
                bytes[i++] = (byte)(value | 0x80);
                value >>= 7;
            }
            bytes[i] = (byte)value;
        }

        private static int VarintLength(ulong value)
        {
            int length = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                length++;
            }
            return length;
        }

        private Span<byte> Reserve(int count)
        {
            if (_length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_length + count, 2 * _buffer.Length));
            var span = new Span<byte>(_buffer, _length, count);
            _length += count;
            return span;
        }
    }
}
