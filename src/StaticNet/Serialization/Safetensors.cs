using System;
using StaticNet.Training;
using System.IO;

namespace StaticNet.Serialization
{
    /// <summary>
    /// The safetensors format (8-byte little-endian header length, a JSON header, the raw tensors), the way to and
    /// from PyTorch: tensors named as an <c>nn.Sequential</c> of <c>nn.Linear</c> and activation modules names them
    /// ("0.weight" [out, in], "0.bias" [out], "2.weight", …; docs/formats.md has the rules). Every generated
    /// network's <c>SaveSafetensors</c> and <c>LoadSafetensors</c> call these.
    /// </summary>
    public static class Safetensors
    {
        /// <summary>The largest header read: far more than the tensors of any network need, and it bounds what a bad file can make a reader do.</summary>
        public const int MaxHeaderLength = 1 << 20;

        /// <summary>Writes the network's weights and biases as F32 tensors to <paramref name="stream"/> from its current position; the stream is left open.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The stream cannot be written, or the network disagrees with its own architecture.</exception>
        /// <exception cref="InvalidOperationException">A parameter is NaN or ±∞.</exception>
        public static void Save(INetwork network, Stream stream)
        {
            NetworkArchitecture architecture = NetworkChecks.Architecture(network);
            StreamChecks.Writable(stream);
            ReadOnlySpan<float> parameters = LibraryParameters.Of(network);
            NetworkChecks.FiniteForSaving(parameters, architecture);
            byte[] header = SafetensorsHeader.Build(architecture);
            var output = new FormatWriter(stream);
            output.WriteUInt64((ulong)header.Length);
            output.WriteBytes(header);
            // The header lists each layer's weight then bias at increasing offsets: the parameter vector's own order.
            output.WriteSingles(parameters);
            output.Flush();
        }

        /// <summary>Writes the network to <paramref name="path"/> atomically (temporary file beside it, flushed, renamed over it).</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="InvalidOperationException">A parameter is NaN or ±∞.</exception>
        /// <exception cref="IOException">The file system refused (the old file, if any, is unchanged).</exception>
        public static void Save(INetwork network, string path)
        {
            NetworkChecks.Architecture(network);
            AtomicFile.Write(path, file => Save(network, file));
        }

        /// <summary>
        /// Reads safetensors from <paramref name="stream"/> (from its current position; it may be non-seekable and
        /// return short reads; it is left open just after the data) into the network's parameters. The Linear layers are
        /// the "&lt;index&gt;.weight"/".bias" pairs in index order, behind any common prefix; F32 is read as is and F16,
        /// BF16 and F64 are converted. Everything — names, shapes, dtypes, offsets, finite values — is checked before a
        /// parameter is written, so a bad file leaves the network unchanged.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="InvalidDataException">The data is not safetensors for this network; the message says what is wrong.</exception>
        /// <exception cref="InvalidOperationException">A training call is running on the network (another thread, or Train's progress callback); nothing changed.</exception>
        public static void Load(INetwork network, Stream stream)
        {
            NetworkChecks.Architecture(network);
            StreamChecks.Readable(stream);
            Read(network, stream, wholeStream: false);
        }

        /// <summary>Reads the safetensors file at <paramref name="path"/>, checked as <see cref="Load(INetwork, Stream)"/> checks it, and the file must end where its data does.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="FileNotFoundException">There is no such file.</exception>
        /// <exception cref="InvalidDataException">The file is not safetensors for this network; the message names the file and says what is wrong.</exception>
        /// <exception cref="InvalidOperationException">A training call is running on the network (another thread, or Train's progress callback); nothing changed.</exception>
        public static void Load(INetwork network, string path)
        {
            NetworkChecks.Architecture(network);
            ExistingFile.Read(path, file => Read(network, file, wholeStream: true));
        }

        private static void Read(INetwork network, Stream stream, bool wholeStream)
        {
            NetworkArchitecture architecture = network.Architecture;
            var input = new FormatReader(stream, "safetensors");
            ulong headerLength = input.ReadUInt64("the header length");
            if (headerLength < 2 || headerLength > MaxHeaderLength)
            {
                string signed = (long)headerLength < 0 ? $" ({(long)headerLength} as a signed number)" : "";
                throw input.Invalid($"the header length is {headerLength}{signed}; StaticNet reads headers of 2 to {MaxHeaderLength} bytes.");
            }
            byte[] headerBytes = ReadHeader(input, stream, (int)headerLength);
            if (headerBytes[0] != (byte)'{') throw input.Invalid($"the header starts with byte 0x{headerBytes[0]:X2}, not '{{'.");
            TensorPlacement[] tensors = SafetensorsHeader.Read(headerBytes, architecture, input.Invalid);

            var parameters = new float[architecture.ParameterCount];   // the network's size, checked against the header, never the file's say
            foreach (TensorPlacement tensor in tensors)
            {
                int size = TensorDTypes.Size(tensor.DType);
                int done = 0;
                while (done < tensor.ElementCount)
                {
                    ReadOnlySpan<byte> chunk = input.ReadChunk((long)size * (tensor.ElementCount - done), "tensor '" + tensor.Name + "'");
                    int count = chunk.Length / size;
                    TensorDTypes.Decode(tensor.DType, chunk, parameters.AsSpan(tensor.ParameterOffset + done, count));
                    done += count;
                }
                int bad = NetworkChecks.FirstNonFinite(parameters.AsSpan(tensor.ParameterOffset, tensor.ElementCount));
                if (bad >= 0)
                {
                    float value = parameters[tensor.ParameterOffset + bad];
                    string note = tensor.DType == TensorDType.F64 && !float.IsNaN(value) ? " (its F64 value is beyond float32's range)" : "";
                    throw input.Invalid($"tensor '{tensor.Name}' holds {NetworkChecks.Format(value)} at {tensor.Element(bad)}{note}; a network takes finite values only.");
                }
            }
            if (wholeStream) input.ExpectEndOfFile();
            NetworkChecks.Install(network, parameters, "LoadSafetensors");
        }

        /// <summary>
        /// The header's bytes. Where the stream can tell how much it holds, a length it does not hold is refused before
        /// anything is allocated; elsewhere the buffer grows with what actually arrives. Either way a length that lies
        /// costs nothing.
        /// </summary>
        private static byte[] ReadHeader(FormatReader input, Stream stream, int length)
        {
            if (stream.CanSeek)
            {
                long available = stream.Length - stream.Position;
                if (available < length) throw input.Invalid($"the header length is {length} but only {Math.Max(0, available)} bytes follow it.");
                var header = new byte[length];
                input.ReadExactly(header, 0, length, "the header");
                return header;
            }
            var bytes = new byte[Math.Min(length, FormatReader.ChunkSize)];
            int filled = 0;
            while (true)
            {
                input.ReadExactly(bytes, filled, bytes.Length - filled, "the header");
                filled = bytes.Length;
                if (filled == length) return bytes;
                Array.Resize(ref bytes, (int)Math.Min(length, 2L * bytes.Length));
            }
        }
    }
}
