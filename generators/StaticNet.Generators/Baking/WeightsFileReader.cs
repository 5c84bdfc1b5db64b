using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using StaticNet.Generators.Model;
using StaticNet.Serialization;
using static StaticNet.Serialization.ModelFileLayout;

namespace StaticNet.Generators.Baking
{
    /// <summary>
    /// Reads a .snet file (docs/formats.md) at compile time and checks it against the declared network, as the runtime
    /// library's ModelFileReader checks it against a live one: magic, version, checksum (first, so damage is reported as
    /// damage), the architecture (input size, every layer's size, activation and α, the loss), the parameter count, the
    /// END section at the end of the file, and finite values. The constants and the CRC-32 are the library's own files.
    /// </summary>
    internal static class WeightsFileReader
    {
        internal enum Verdict { Baked, Invalid, Mismatch }

        /// <summary>The outcome: the parameters' bytes when baked; otherwise the message arguments of SN0032 (one) or SN0033 (three).</summary>
        internal sealed class Outcome
        {
            public Verdict Verdict { get; private set; }
            public byte[] Parameters { get; private set; } = Array.Empty<byte>();
            public uint Checksum { get; private set; }
            public string[] Message { get; private set; } = Array.Empty<string>();

            public static Outcome Baked(byte[] parameters, uint checksum) => new Outcome { Verdict = Verdict.Baked, Parameters = parameters, Checksum = checksum };
            public static Outcome Invalid(string why) => new Outcome { Verdict = Verdict.Invalid, Message = new[] { why } };
            public static Outcome Mismatch(string inFile, string declared, string difference)
                => new Outcome { Verdict = Verdict.Mismatch, Message = new[] { inFile, declared, difference } };
        }

        private const int HeaderSize = 12;   // magic (8) and version (4)
        private const int EndSectionSize = SectionHeaderSize + EndPayloadSize;

        public static Outcome Read(byte[] file, NetworkSpec spec)
        {
            if (file.Length < Magic.Length || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                return Outcome.Invalid("it starts with " + Hex(file.AsSpan(0, Math.Min(file.Length, Magic.Length))) + ", not the magic bytes " + Hex(Magic) + " of a StaticNet model file");
            }
            if (file.Length < HeaderSize + EndSectionSize) return Outcome.Invalid("it is " + Int(file.Length) + " bytes long, too short for a header and an END section");
            uint version = UInt32(file, Magic.Length);
            if (version != FormatVersion) return Outcome.Invalid("its format version is " + version.ToString(CultureInfo.InvariantCulture) + "; this StaticNet reads version " + FormatVersion.ToString(CultureInfo.InvariantCulture));

            // The END section closes the file: its payload is the CRC-32 of every byte before it.
            int end = file.Length - EndSectionSize;
            if (UInt32(file, end) != EndTag || UInt64(file, end + 4) != EndPayloadSize) return Outcome.Invalid("it does not end with the END section and its checksum (cut short, or more after it)");
            uint stored = UInt32(file, file.Length - EndPayloadSize);
            uint computed = Crc32.Compute(file.AsSpan(0, file.Length - EndPayloadSize));
            if (stored != computed)
            {
                return Outcome.Invalid("the checksum says 0x" + stored.ToString("X8", CultureInfo.InvariantCulture) + " but the bytes before it have CRC-32 0x"
                    + computed.ToString("X8", CultureInfo.InvariantCulture) + ": the file is damaged");
            }

            // ARCH: input size, loss, layer count, then (size, activation, α) per layer.
            int at = HeaderSize;
            if (UInt32(file, at) != ArchitectureTag) return Outcome.Invalid("the first section is " + TagName(UInt32(file, at)) + " where the architecture section 'ARCH' belongs");
            ulong archLength = UInt64(file, at + 4);
            if (archLength < (ulong)ArchitectureSize(1) || archLength > (ulong)(end - at - SectionHeaderSize) || (archLength - ArchitectureFixedSize) % LayerRecordSize != 0)
            {
                return Outcome.Invalid("the ARCH section says it is " + archLength.ToString(CultureInfo.InvariantCulture) + " bytes long");
            }
            at += SectionHeaderSize;
            int inputSize = Int32(file, at), loss = Int32(file, at + 4), layerCount = Int32(file, at + 8);
            if ((ulong)ArchitectureSize(layerCount) != archLength) return Outcome.Invalid("the ARCH section's length and its layer count (" + Int(layerCount) + ") disagree");
            at += ArchitectureFixedSize;
            var layers = new List<(int Size, int Activation, float Alpha)>(layerCount);
            for (int l = 0; l < layerCount; l++, at += LayerRecordSize) layers.Add((Int32(file, at), Int32(file, at + 4), Single(file, at + 8)));

            string? difference = Difference(spec, inputSize, loss, layers);
            if (difference is not null) return Outcome.Mismatch(Describe(inputSize, loss, layers), Describe(spec), difference);

            // PARM: the count, then the values; the architecture matched, so the count must be the declaration's.
            long count = spec.ParameterCount;
            if (end - at < SectionHeaderSize) return Outcome.Invalid("the file ends after the ARCH section, where the parameter section 'PARM' belongs");
            if (UInt32(file, at) != ParametersTag) return Outcome.Invalid("the section after ARCH is " + TagName(UInt32(file, at)) + " where the parameter section 'PARM' belongs");
            if (UInt64(file, at + 4) != (ulong)ParametersSize(count) || at + SectionHeaderSize + ParametersSize(count) > end)
            {
                return Outcome.Invalid("the PARM section says it is " + UInt64(file, at + 4).ToString(CultureInfo.InvariantCulture) + " bytes long; the " + Int(count) + " parameters take " + Int(ParametersSize(count)));
            }
            at += SectionHeaderSize;
            if (Int32(file, at) != count) return Outcome.Invalid("it says it holds " + Int(Int32(file, at)) + " parameters; the architecture has " + Int(count));
            at += 4;
            byte[] parameters = file.AsSpan(at, (int)(4 * count)).ToArray();
            for (int i = 0; i < count; i++)
            {
                float value = Single(parameters, 4 * i);
                if (float.IsNaN(value) || float.IsInfinity(value)) return Outcome.Invalid("parameter " + Int(i) + " is " + value.ToString(CultureInfo.InvariantCulture) + "; a network takes finite values only");
            }
            // Later sections (a checkpoint's training state) are skipped, as Load skips them; they must end where END begins.
            at += (int)(4 * count);
            while (at < end)
            {
                if (end - at < SectionHeaderSize) return Outcome.Invalid("a section header at byte " + Int(at) + " is cut short");
                uint tag = UInt32(file, at);
                ulong length = UInt64(file, at + 4);
                if (tag == ArchitectureTag || tag == ParametersTag) return Outcome.Invalid("a second " + TagName(tag) + " section starts at byte " + Int(at));
                if (length > (ulong)(end - at - SectionHeaderSize)) return Outcome.Invalid("section " + TagName(tag) + " at byte " + Int(at) + " runs past the END section");
                at += SectionHeaderSize + (int)length;
            }
            return Outcome.Baked(parameters, stored);
        }

        /// <summary>The first way the file's architecture differs from the declaration, or null: what Predict depends on.</summary>
        private static string? Difference(NetworkSpec spec, int inputSize, int loss, List<(int Size, int Activation, float Alpha)> layers)
        {
            if (inputSize != spec.InputSize) return "the input size is " + Int(inputSize) + " in the file, " + Int(spec.InputSize) + " declared";
            if (layers.Count != spec.Layers.Count) return "the file has " + Int(layers.Count) + " layers, the declaration " + Int(spec.Layers.Count);
            for (int l = 0; l < layers.Count; l++)
            {
                LayerSpec declared = spec.Layers[l];
                bool sameAlpha = !HasAlpha(layers[l].Activation) || layers[l].Alpha.Equals(declared.Alpha);
                if (layers[l].Size != declared.Size || layers[l].Activation != (int)declared.Activation || !sameAlpha)
                {
                    return "layer " + Int(l + 1) + " is " + Describe(layers[l]) + " in the file, " + Describe((declared.Size, (int)declared.Activation, declared.Alpha)) + " declared";
                }
            }
            if (loss != (int)spec.Loss) return "the loss is " + LossName(loss) + " in the file, " + spec.Loss + " declared";
            return null;
        }

        private static bool HasAlpha(int activation) => activation is (int)ActivationKind.LeakyReLU or (int)ActivationKind.ELU;

        private static string Describe(NetworkSpec spec)
        {
            var layers = new List<(int, int, float)>();
            foreach (LayerSpec layer in spec.Layers) layers.Add((layer.Size, (int)layer.Activation, layer.Alpha));
            return Describe(spec.InputSize, (int)spec.Loss, layers);
        }

        private static string Describe(int inputSize, int loss, List<(int Size, int Activation, float Alpha)> layers)
        {
            var text = new StringBuilder("Input(").Append(Int(inputSize)).Append(')');
            const int Shown = 16;   // layers spelled out before the description abbreviates
            for (int l = 0; l < layers.Count && l < Shown; l++) text.Append(" → ").Append(Describe(layers[l]));
            if (layers.Count > Shown) text.Append(" → … (").Append(Int(layers.Count)).Append(" layers)");
            return text.Append(", loss ").Append(LossName(loss)).ToString();
        }

        private static string Describe((int Size, int Activation, float Alpha) layer)
            => "Dense(" + Int(layer.Size) + ", " + ActivationName(layer.Activation)
                + (HasAlpha(layer.Activation) ? ", α " + layer.Alpha.ToString("R", CultureInfo.InvariantCulture) : "") + ")";

        private static string ActivationName(int value) => Enum.IsDefined(typeof(ActivationKind), value) ? ((ActivationKind)value).ToString() : "activation " + Int(value);

        private static string LossName(int value) => Enum.IsDefined(typeof(LossKind), value) ? ((LossKind)value).ToString() : "loss " + Int(value);

        private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static uint UInt32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

        private static int Int32(byte[] b, int at) => (int)UInt32(b, at);

        private static ulong UInt64(byte[] b, int at) => UInt32(b, at) | (ulong)UInt32(b, at + 4) << 32;

        private static float Single(byte[] b, int at)
        {
            if (BitConverter.IsLittleEndian) return BitConverter.ToSingle(b, at);
            byte[] swapped = { b[at + 3], b[at + 2], b[at + 1], b[at] };
            return BitConverter.ToSingle(swapped, 0);
        }
    }
}
