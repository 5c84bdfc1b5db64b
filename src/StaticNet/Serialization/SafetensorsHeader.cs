using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Serialization.Json;

namespace StaticNet.Serialization
{
    /// <summary>
    /// The JSON header of a safetensors file: {"__metadata__": {…}, "&lt;name&gt;": {"dtype": …, "shape": […],
    /// "data_offsets": [begin, end]}, …}. Writes the one StaticNet saves, and reads any that holds exactly one
    /// weight and one bias per layer of the network, named, shaped and typed as the network needs, whose tensors
    /// tile the data with no gap or overlap (as the safetensors format requires).
    /// </summary>
    internal static class SafetensorsHeader
    {
        public const string MetadataKey = "__metadata__";

        /// <summary>The header as written: compact JSON, padded with spaces so that the data starts 8-byte aligned.</summary>
        public static byte[] Build(NetworkArchitecture architecture)
        {
            var json = new JsonWriter().BeginObject()
                .Name(MetadataKey).BeginObject().Name("format").String("pt").EndObject();   // what safetensors.torch writes
            int[] indices = TensorNames.LinearIndices(architecture);
            long offset = 0;
            for (int l = 0; l < indices.Length; l++)
            {
                int size = architecture.Layers[l].Size;
                offset = WriteTensor(json, TensorNames.Weight(indices[l]), new long[] { size, architecture.InputsOf(l) }, offset);
                offset = WriteTensor(json, TensorNames.Bias(indices[l]), new long[] { size }, offset);
            }
            string text = json.EndObject().ToString();
            int padded = (text.Length + 7) / 8 * 8;
            return Encoding.UTF8.GetBytes(text.PadRight(padded, ' '));
        }

        private static long WriteTensor(JsonWriter json, string name, long[] shape, long offset)
        {
            long end = offset + 4 * shape.Aggregate(1L, (a, b) => a * b);
            json.Name(name).BeginObject().Name("dtype").String("F32").Name("shape").BeginArray();
            foreach (long dim in shape) json.Integer(dim);
            json.EndArray().Name("data_offsets").BeginArray().Integer(offset).Integer(end).EndArray().EndObject();
            return end;
        }

        /// <summary>Longest tensor name read: PyTorch's names are a few dozen bytes.</summary>
        private const int MaxNameBytes = 1024;

        /// <summary>More dimensions than any tensor here has (2), few enough to keep a bad shape small.</summary>
        private const int MaxDimensions = 8;

        /// <summary>
        /// The tensors of the header (its UTF-8 bytes), each placed in the network's parameters, sorted by where their data
        /// begins. Reads it in one pass and stops at the first thing that cannot belong to this network, so that only a
        /// network's worth of names is ever turned into strings.
        /// </summary>
        public static TensorPlacement[] Read(byte[] header, NetworkArchitecture architecture, Func<string, InvalidDataException> invalid)
        {
            var json = new JsonReader(header, invalid);
            var layers = new SortedDictionary<int, Linear>();
            string? prefix = null, prefixOwner = null;
            bool sawMetadata = false, first = true;
            json.Expect('{');
            while (json.NextMember(ref first))
            {
                string key = json.ReadString(MaxNameBytes, "a tensor's name");
                json.Expect(':');
                if (key == MetadataKey)
                {
                    if (sawMetadata) throw json.Error($"\"{MetadataKey}\" appears twice");
                    sawMetadata = true;
                    SkipMetadata(json);
                    continue;
                }
                if (!TensorNames.TryParse(key, out string itsPrefix, out int index, out bool isWeight))
                {
                    throw invalid($"tensor '{key}' is not named as nn.Sequential names a Linear layer's parameters: '<prefix><index>{TensorNames.WeightSuffix}' or '<prefix><index>{TensorNames.BiasSuffix}'.");
                }
                if (prefix is null)
                {
                    prefix = itsPrefix;
                    prefixOwner = key;
                }
                else if (itsPrefix != prefix)
                {
                    throw invalid($"tensors '{prefixOwner}' and '{key}' have different prefixes ('{prefix}' and '{itsPrefix}'); one model's tensors share one.");
                }
                if (!layers.TryGetValue(index, out Linear? linear))
                {
                    if (layers.Count == architecture.Layers.Count)
                    {
                        throw invalid($"it holds more Linear layers than this network's {architecture.Layers.Count} (module indices {string.Join(", ", layers.Keys)} and {index}); this network is {architecture}.");
                    }
                    layers.Add(index, linear = new Linear());
                }
                Tensor tensor = ReadTensor(json, key);
                if ((isWeight ? linear.Weight : linear.Bias) is not null) throw invalid($"tensor '{key}' appears twice.");
                if (isWeight) linear.Weight = tensor;
                else linear.Bias = tensor;
            }
            json.ExpectEnd();

            if (layers.Count != architecture.Layers.Count)
            {
                string found = layers.Count == 0 ? "no Linear layers" : $"{layers.Count} Linear layers (module indices {string.Join(", ", layers.Keys)})";
                throw invalid($"it holds {found}; this network, {architecture}, has {architecture.Layers.Count}.");
            }
            var placements = new List<TensorPlacement>(2 * layers.Count);
            int l = 0;
            foreach (KeyValuePair<int, Linear> layer in layers)
            {
                string name = prefix + layer.Key.ToString(CultureInfo.InvariantCulture);
                int size = architecture.Layers[l].Size, inputs = architecture.InputsOf(l);
                string description = $"layer {l + 1} of this network ({architecture.Layers[l]} on {inputs} inputs)";
                if (layer.Value.Weight is not { } weight) throw invalid($"'{name}{TensorNames.BiasSuffix}' has no '{name}{TensorNames.WeightSuffix}' beside it; {description} needs both.");
                if (layer.Value.Bias is not { } bias) throw invalid($"'{name}{TensorNames.WeightSuffix}' has no '{name}{TensorNames.BiasSuffix}' beside it; {description} needs both (a Linear layer without bias has no StaticNet counterpart).");
                placements.Add(Place(weight, new[] { size, inputs }, architecture.WeightOffset(l), description, invalid));
                placements.Add(Place(bias, new[] { size }, architecture.BiasOffset(l), description, invalid));
                l++;
            }

            placements.Sort((a, b) => a.Begin.CompareTo(b.Begin));
            long expected = 0;
            foreach (TensorPlacement placement in placements)
            {
                if (placement.Begin != expected)
                {
                    throw invalid(expected == 0
                        ? $"the first tensor's data, '{placement.Name}', begins at byte {placement.Begin} of the data, not 0."
                        : $"tensor '{placement.Name}' begins at byte {placement.Begin} of the data, but the tensor before it ends at byte {expected}: the tensors must tile the data with no gap or overlap.");
                }
                expected = placement.End;
            }
            return placements.ToArray();
        }

        /// <summary>A tensor's entry as written: {"dtype": "F32", "shape": [4, 2], "data_offsets": [0, 32]}, each key once, no other.</summary>
        private static Tensor ReadTensor(JsonReader json, string name)
        {
            if (!json.TryConsume('{')) throw json.Error($"tensor '{name}' is described by {json.NextKind()}, not an object");
            string? dtype = null;
            long[]? shape = null, offsets = null;
            bool first = true;
            while (json.NextMember(ref first))
            {
                string key = json.ReadString(16, $"a key of tensor '{name}'");
                json.Expect(':');
                switch (key)
                {
                    case "dtype":
                        if (dtype is not null) throw json.Error($"tensor '{name}' has two \"dtype\"s");
                        if (json.NextKind() != "a string") throw json.Error($"tensor '{name}' has a dtype of {json.NextKind()}, not a string");
                        dtype = json.ReadString(16, $"the dtype of tensor '{name}'");
                        break;
                    case "shape":
                        if (shape is not null) throw json.Error($"tensor '{name}' has two \"shape\"s");
                        shape = Integers(json, name, key);
                        break;
                    case "data_offsets":
                        if (offsets is not null) throw json.Error($"tensor '{name}' has two \"data_offsets\"");
                        offsets = Integers(json, name, key);
                        break;
                    default:
                        throw json.Error($"tensor '{name}' has the key \"{key}\"; a tensor has only \"dtype\", \"shape\" and \"data_offsets\"");
                }
            }
            if (dtype is null || shape is null || offsets is null)
            {
                string missing = dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets";
                throw json.Error($"tensor '{name}' has no \"{missing}\"");
            }
            return new Tensor(name, dtype, shape, offsets);
        }

        private static long[] Integers(JsonReader json, string tensor, string key)
        {
            if (!json.TryConsume('[')) throw json.Error($"tensor '{tensor}' has a \"{key}\" of {json.NextKind()}, not an array");
            var values = new List<long>();
            bool first = true;
            while (json.NextItem(ref first))
            {
                if (values.Count == MaxDimensions) throw json.Error($"tensor '{tensor}' has more than {MaxDimensions} numbers in its \"{key}\"");
                string kind = json.NextKind();
                if (!kind.StartsWith("the number", StringComparison.Ordinal)) throw json.Error($"tensor '{tensor}' has {kind} in its \"{key}\", where an integer belongs");
                JsonReader.Number number = json.ReadNumber();
                if (!json.TryGetNonNegativeInteger(number, out long value))
                {
                    throw json.Error($"tensor '{tensor}' has the number {json.Text(number)} in its \"{key}\", where an integer from 0 to {long.MaxValue} belongs");
                }
                values.Add(value);
            }
            return values.ToArray();
        }

        private static TensorPlacement Place(Tensor tensor, int[] shape, int parameterOffset, string description, Func<string, InvalidDataException> invalid)
        {
            string name = tensor.Name;
            if (!TensorDTypes.TryParse(tensor.DType, out TensorDType dtype)) throw invalid($"tensor '{name}' has dtype {tensor.DType}; StaticNet reads {TensorDTypes.Supported}.");
            if (!tensor.Shape.SequenceEqual(shape.Select(d => (long)d)))
            {
                throw invalid($"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; {description} needs [{string.Join(", ", shape)}].");
            }
            long[] offsets = tensor.Offsets;
            if (offsets.Length != 2) throw invalid($"tensor '{name}' has {offsets.Length} data offsets; it needs two, [begin, end].");
            long bytes = (long)TensorDTypes.Size(dtype) * shape.Aggregate(1L, (a, b) => a * b);
            if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes)
            {
                throw invalid($"tensor '{name}' has data offsets [{offsets[0]}, {offsets[1]}]; [{string.Join(", ", shape)}] of {dtype} takes {bytes} bytes.");
            }
            return new TensorPlacement(name, dtype, shape, parameterOffset, offsets[0], offsets[1]);
        }

        /// <summary>Metadata is free text for people and tools, an object of strings; it is checked and not kept.</summary>
        private static void SkipMetadata(JsonReader json)
        {
            if (!json.TryConsume('{')) throw json.Error($"\"{MetadataKey}\" is {json.NextKind()}, not an object of strings");
            bool first = true;
            while (json.NextMember(ref first))
            {
                json.SkipString();
                json.Expect(':');
                string kind = json.NextKind();
                if (kind != "a string") throw json.Error($"\"{MetadataKey}\" maps a key to {kind}, not a string");
                json.SkipString();
            }
        }

        /// <summary>A tensor's entry as the header states it, before it is checked against a layer.</summary>
        private sealed class Tensor
        {
            public Tensor(string name, string dtype, long[] shape, long[] offsets)
            {
                Name = name;
                DType = dtype;
                Shape = shape;
                Offsets = offsets;
            }

            public string Name { get; }
            public string DType { get; }
            public long[] Shape { get; }
            public long[] Offsets { get; }
        }

        /// <summary>One Linear layer's two tensors as found in the header.</summary>
        private sealed class Linear
        {
            public Tensor? Weight;
            public Tensor? Bias;
        }
    }
}
