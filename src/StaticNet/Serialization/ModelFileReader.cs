using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using static StaticNet.Serialization.ModelFileLayout;

namespace StaticNet.Serialization
{
    /// <summary>
    /// Reads a .snet file section by section, checking each against the network it is meant for before reading on:
    /// the header on construction, then <see cref="ReadArchitecture"/>, <see cref="ReadParameters"/> (into a new
    /// array: nothing touches the network), then <see cref="NextSection"/> until the END section, whose checksum
    /// <see cref="ReadEnd"/> verifies. Sections after PARM that a reader does not know are skipped with
    /// <see cref="Skip"/> (a checkpoint adds its state there); every problem is an <see cref="InvalidDataException"/>.
    /// </summary>
    internal sealed class ModelFileReader
    {
        /// <summary>Layers a mismatch message spells out before it abbreviates.</summary>
        private const int DescribedLayers = 16;

        private readonly FormatReader _input;

        public ModelFileReader(Stream stream)
        {
            _input = new FormatReader(stream, ".snet");
            var magic = new byte[Magic.Length];
            _input.ReadExactly(magic, 0, magic.Length, "the magic bytes");
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw _input.Invalid($"it starts with {Hex(magic)}, not the magic bytes {Hex(Magic)} (\\x89SNET\\r\\n\\x1A) of a StaticNet model file.");
            }
            uint version = _input.ReadUInt32("the format version");
            if (version != FormatVersion)
            {
                throw _input.Invalid($"its format version is {version}; this StaticNet reads version {FormatVersion}.");
            }
        }

        /// <summary>The reader underneath: position, checksum so far, end-of-file check.</summary>
        public FormatReader Input => _input;

        /// <summary>Reads the ARCH section and throws unless it describes <paramref name="expected"/> (input size, loss, and every layer's size, activation and α).</summary>
        public void ReadArchitecture(NetworkArchitecture expected)
        {
            SectionHeader section = ReadSectionHeader();
            if (section.Tag != ArchitectureTag) throw _input.Invalid($"the first section is {TagName(section.Tag)} where the architecture section 'ARCH' belongs.");
            if (section.Length < (ulong)ArchitectureSize(1) || section.Length > (ulong)ArchitectureSize(MaxLayers)
                || (section.Length - ArchitectureFixedSize) % LayerRecordSize != 0)
            {
                throw _input.Invalid($"the ARCH section says it is {section.Length} bytes long; it is {ArchitectureFixedSize} bytes plus {LayerRecordSize} per layer, 1 to {MaxLayers} layers.");
            }
            long layerCount = (long)(section.Length - ArchitectureFixedSize) / LayerRecordSize;

            int inputSize = _input.ReadInt32("the input size");
            if (inputSize < 1) throw _input.Invalid($"the input size is {inputSize}.");
            int lossValue = _input.ReadInt32("the loss");
            if (!Enum.IsDefined(typeof(Loss), lossValue)) throw _input.Invalid($"the loss is {lossValue}, which is no {nameof(Loss)}.");
            var loss = (Loss)lossValue;
            int declaredLayers = _input.ReadInt32("the layer count");
            if (declaredLayers != layerCount) throw _input.Invalid($"the ARCH section is {section.Length} bytes long, room for {layerCount} layers, but says it holds {declaredLayers}.");

            var described = new List<LayerInfo>(Math.Min(declaredLayers, DescribedLayers));
            string? difference = null;
            if (inputSize != expected.InputSize) difference = $"the input size is {inputSize} in the file, {expected.InputSize} in this network";
            else if (declaredLayers != expected.Layers.Count) difference = $"the file has {declaredLayers} layers, this network {expected.Layers.Count}";
            for (int l = 0; l < declaredLayers; l++)
            {
                LayerInfo layer = ReadLayer(l);
                if (described.Count < DescribedLayers) described.Add(layer);
                if (difference is null && !SameLayer(layer, expected.Layers[l]))
                {
                    difference = $"layer {l + 1} is {Describe(layer)} in the file, {Describe(expected.Layers[l])} in this network";
                }
            }
            if (difference is null && loss != expected.Loss) difference = $"the loss is {loss} in the file, {expected.Loss} in this network";
            if (difference is not null)
            {
                throw _input.Invalid($"it holds a model of {Describe(inputSize, described, declaredLayers, loss)}, but this network is {Describe(expected.InputSize, expected.Layers, expected.Layers.Count, expected.Loss)}: {difference}.");
            }
        }

        /// <summary>Reads the PARM section into a new array, after checking that its count is the network's.</summary>
        public float[] ReadParameters(NetworkArchitecture architecture)
        {
            int count = architecture.ParameterCount;
            SectionHeader section = ReadSectionHeader();
            if (section.Tag != ParametersTag) throw _input.Invalid($"the section after ARCH is {TagName(section.Tag)} where the parameter section 'PARM' belongs.");
            if (section.Length != (ulong)ParametersSize(count))
            {
                throw _input.Invalid($"the PARM section says it is {section.Length} bytes long; this network's {count} parameters take {ParametersSize(count)}.");
            }
            int stored = _input.ReadInt32("the parameter count");
            if (stored != count) throw _input.Invalid($"it holds {stored} parameters; this network has {count}.");
            var parameters = new float[count];   // the network's size, never the file's say
            _input.ReadSingles(parameters, "the parameters");
            return parameters;
        }

        /// <summary>The next section's tag and length; ARCH or PARM a second time is an error.</summary>
        public SectionHeader NextSection()
        {
            SectionHeader section = ReadSectionHeader();
            if (section.Tag == ArchitectureTag || section.Tag == ParametersTag)
            {
                throw _input.Invalid($"a second {TagName(section.Tag)} section starts at byte {_input.Position - SectionHeaderSize}.");
            }
            return section;
        }

        /// <summary>Skips a section this reader has no use for; its bytes still count towards the checksum.</summary>
        public void Skip(SectionHeader section)
        {
            if (section.Length > long.MaxValue) throw _input.Invalid($"section {TagName(section.Tag)} says it is {section.Length} bytes long.");
            _input.Skip((long)section.Length, "section " + TagName(section.Tag));
        }

        /// <summary>Reads the END section and throws unless its CRC-32 is that of every byte before it.</summary>
        public void ReadEnd(SectionHeader section)
        {
            if (section.Length != EndPayloadSize) throw _input.Invalid($"the END section says it is {section.Length} bytes long; it holds the {EndPayloadSize}-byte checksum.");
            uint computed = _input.Crc;
            uint stored = _input.ReadUInt32("the checksum");
            if (stored != computed)
            {
                throw _input.Invalid($"the checksum says 0x{stored:X8} but the {_input.Position - EndPayloadSize} bytes before it have CRC-32 0x{computed:X8}: the file is damaged.");
            }
        }

        private SectionHeader ReadSectionHeader()
        {
            uint tag = _input.ReadUInt32("a section's tag");
            ulong length = _input.ReadUInt64("the length of section " + TagName(tag));
            return new SectionHeader(tag, length);
        }

        private LayerInfo ReadLayer(int index)
        {
            string which = "layer " + (index + 1).ToString(CultureInfo.InvariantCulture);
            int size = _input.ReadInt32(which + "'s size");
            int activation = _input.ReadInt32(which + "'s activation");
            float alpha = _input.ReadSingle(which + "'s α");
            if (size < 1) throw _input.Invalid($"{which} has {size} neurons.");
            if (!Enum.IsDefined(typeof(Activation), activation)) throw _input.Invalid($"{which}'s activation is {activation}, which is no {nameof(Activation)}.");
            var kind = (Activation)activation;
            bool hasAlpha = kind is Activation.LeakyReLU or Activation.ELU;
            if (!NetMath.IsFinite(alpha) || (!hasAlpha && FloatBits.SingleToInt32Bits(alpha) != 0))
            {
                throw _input.Invalid($"{which} ({kind}) has α = {NetworkChecks.Format(alpha)}; LeakyReLU and ELU take a finite α, the others 0.");
            }
            return new LayerInfo(size, kind, alpha);
        }

        /// <summary>Size, activation and α: what Predict depends on (dropout is training's business).</summary>
        private static bool SameLayer(LayerInfo a, LayerInfo b) => a.Size == b.Size && a.Activation == b.Activation && a.Alpha.Equals(b.Alpha);

        private static string Describe(LayerInfo layer) => new LayerInfo(layer.Size, layer.Activation, layer.Alpha).ToString();

        private static string Describe(int inputSize, IReadOnlyList<LayerInfo> layers, int layerCount, Loss loss)
        {
            var text = new System.Text.StringBuilder("Input(").Append(inputSize.ToString(CultureInfo.InvariantCulture)).Append(')');
            for (int l = 0; l < layers.Count && l < DescribedLayers; l++) text.Append(" → ").Append(Describe(layers[l]));
            if (layerCount > DescribedLayers) text.Append(" → … (").Append(layerCount.ToString(CultureInfo.InvariantCulture)).Append(" layers)");
            return text.Append(", loss ").Append(loss).ToString();
        }
    }
}
