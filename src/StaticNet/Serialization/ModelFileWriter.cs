using System;
using System.IO;
using static StaticNet.Serialization.ModelFileLayout;

namespace StaticNet.Serialization
{
    /// <summary>
    /// Writes a .snet file section by section: the header on construction, then <see cref="WriteArchitecture"/> and
    /// <see cref="WriteParameters"/>, then any further sections a richer file (a checkpoint) adds with
    /// <see cref="BeginSection"/>, and <see cref="Finish"/> for the END section and its checksum.
    /// </summary>
    internal sealed class ModelFileWriter
    {
        private readonly FormatWriter _output;
        private long _sectionEnd;   // where the open section's payload must end; checked when the next one begins

        public ModelFileWriter(Stream stream)
        {
            _output = new FormatWriter(stream);
            _output.WriteBytes(Magic);
            _output.WriteUInt32(FormatVersion);
            _sectionEnd = _output.Position;
        }

        public void WriteArchitecture(NetworkArchitecture architecture)
        {
            FormatWriter payload = BeginSection(ArchitectureTag, ArchitectureSize(architecture.Layers.Count));
            payload.WriteInt32(architecture.InputSize);
            payload.WriteInt32((int)architecture.Loss);
            payload.WriteInt32(architecture.Layers.Count);
            foreach (LayerInfo layer in architecture.Layers)
            {
                payload.WriteInt32(layer.Size);
                payload.WriteInt32((int)layer.Activation);
                payload.WriteSingle(layer.Alpha);
            }
        }

        public void WriteParameters(ReadOnlySpan<float> parameters)
        {
            FormatWriter payload = BeginSection(ParametersTag, ParametersSize(parameters.Length));
            payload.WriteInt32(parameters.Length);
            payload.WriteSingles(parameters);
        }

        /// <summary>Writes a section's tag and length; the caller then writes exactly <paramref name="length"/> bytes to the writer returned.</summary>
        public FormatWriter BeginSection(uint tag, long length)
        {
            EndSection();
            _output.WriteUInt32(tag);
            _output.WriteUInt64((ulong)length);
            _sectionEnd = _output.Position + length;
            return _output;
        }

        /// <summary>Writes the END section (the CRC-32 of every byte before the checksum itself) and flushes.</summary>
        public void Finish()
        {
            BeginSection(EndTag, EndPayloadSize);
            _output.WriteUInt32(_output.Crc);
            EndSection();
            _output.Flush();
        }

        private void EndSection()
        {
            if (_output.Position != _sectionEnd)
            {
                throw new InvalidOperationException($"A section was declared to end at byte {_sectionEnd} but its payload ended at {_output.Position}.");
            }
        }
    }
}
