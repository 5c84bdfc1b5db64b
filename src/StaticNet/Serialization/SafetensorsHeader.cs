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
                offset = Tensor(json, TensorNames.Weight(indices[l]), new long[] { size, architecture.InputsOf(l) }, offset);
                offset = Tensor(json, TensorNames.Bias(indices[l]), new long[] { size }, offset);
            }
            string text = json.EndObject().ToString();
            int padded = (text.Length + 7) / 8 * 8;
            return Encoding.UTF8.GetBytes(text.PadRight(padded, ' '));
        }

        private static long Tensor(JsonWriter json, string name, long[] shape, long offset)
        {
            long end = offset + 4 * shape.Aggregate(1L, (a, b) => a * b);
            json.Name(name).BeginObject().Name("dtype").String("F32").Name("shape").BeginArray();
            foreach (long dim in shape) json.Integer(dim);
            json.EndArray().Name("data_offsets").BeginArray().Integer(offset).Integer(end).EndArray().EndObject();
            return end;
        }

        /// <summary>The tensors of <paramref name="header"/>, each placed in the network's parameters, sorted by where their data begins.</summary>
        public static TensorPlacement[] Read(JsonValue header, NetworkArchitecture architecture, Func<string, InvalidDataException> invalid)
        {
            if (header.Kind != JsonKind.Object) throw invalid($"the header is {header.KindName}, not a JSON object.");
            var layers = new SortedDictionary<int, Linear>();
            string? prefix = null, prefixOwner = null;
            foreach (KeyValuePair<string, JsonValue> member in header.Members)
            {
                if (member.Key == MetadataKey)
                {
                    CheckMetadata(member.Value, invalid);
                    continue;
                }
                if (!TensorNames.TryParse(member.Key, out string itsPrefix, out int index, out bool isWeight))
                {
                    throw invalid($"tensor '{member.Key}' is not named as nn.Sequential names a Linear layer's parameters: '<prefix><index>{TensorNames.WeightSuffix}' or '<prefix><index>{TensorNames.BiasSuffix}'.");
                }
                if (prefix is null)
                {
                    prefix = itsPrefix;
                    prefixOwner = member.Key;
                }
                else if (itsPrefix != prefix)
                {
                    throw invalid($"tensors '{prefixOwner}' and '{member.Key}' have different prefixes ('{prefix}' and '{itsPrefix}'); one model's tensors share one.");
                }
                if (!layers.TryGetValue(index, out Linear? linear)) layers.Add(index, linear = new Linear());
                if (isWeight) linear.Weight = member;
                else linear.Bias = member;
            }

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

        private static TensorPlacement Place(KeyValuePair<string, JsonValue> tensor, int[] shape, int parameterOffset, string description, Func<string, InvalidDataException> invalid)
        {
            string name = tensor.Key;
            if (tensor.Value.Kind != JsonKind.Object) throw invalid($"tensor '{name}' is described by {tensor.Value.KindName}, not an object.");
            JsonValue? dtypeValue = null, shapeValue = null, offsetsValue = null;
            foreach (KeyValuePair<string, JsonValue> field in tensor.Value.Members)
            {
                switch (field.Key)
                {
                    case "dtype": dtypeValue = field.Value; break;
                    case "shape": shapeValue = field.Value; break;
                    case "data_offsets": offsetsValue = field.Value; break;
                    default: throw invalid($"tensor '{name}' has the key \"{field.Key}\"; a tensor has only \"dtype\", \"shape\" and \"data_offsets\".");
                }
            }
            if (dtypeValue is null || shapeValue is null || offsetsValue is null)
            {
                string missing = dtypeValue is null ? "dtype" : shapeValue is null ? "shape" : "data_offsets";
                throw invalid($"tensor '{name}' has no \"{missing}\".");
            }

            if (dtypeValue.Kind != JsonKind.String) throw invalid($"tensor '{name}' has a dtype of {dtypeValue.KindName}, not a string.");
            if (!TensorDTypes.TryParse(dtypeValue.Text, out TensorDType dtype)) throw invalid($"tensor '{name}' has dtype {dtypeValue.Text}; StaticNet reads {TensorDTypes.Supported}.");

            long[] found = Integers(shapeValue, name, "shape", invalid);
            if (found.Length != shape.Length || !found.SequenceEqual(shape.Select(d => (long)d)))
            {
                throw invalid($"tensor '{name}' has shape [{string.Join(", ", found)}]; {description} needs [{string.Join(", ", shape)}].");
            }

            long[] offsets = Integers(offsetsValue, name, "data_offsets", invalid);
            if (offsets.Length != 2) throw invalid($"tensor '{name}' has {offsets.Length} data offsets; it needs two, [begin, end].");
            long bytes = (long)TensorDTypes.Size(dtype) * shape.Aggregate(1L, (a, b) => a * b);
            if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes)
            {
                throw invalid($"tensor '{name}' has data offsets [{offsets[0]}, {offsets[1]}]; [{string.Join(", ", shape)}] of {dtype} takes {bytes} bytes.");
            }
            return new TensorPlacement(name, dtype, shape, parameterOffset, offsets[0], offsets[1]);
        }

        private static long[] Integers(JsonValue array, string tensor, string key, Func<string, InvalidDataException> invalid)
        {
            if (array.Kind != JsonKind.Array) throw invalid($"tensor '{tensor}' has a \"{key}\" of {array.KindName}, not an array.");
            var values = new long[array.Items.Count];
            for (int i = 0; i < values.Length; i++)
            {
                if (!array.Items[i].TryGetNonNegativeInteger(out values[i]))
                {
                    throw invalid($"tensor '{tensor}' has {array.Items[i].KindName} in its \"{key}\", where an integer from 0 to {long.MaxValue} belongs.");
                }
            }
            return values;
        }

        /// <summary>Metadata is free text for people and tools (string to string); StaticNet reads none of it.</summary>
        private static void CheckMetadata(JsonValue metadata, Func<string, InvalidDataException> invalid)
        {
            if (metadata.Kind != JsonKind.Object) throw invalid($"\"{MetadataKey}\" is {metadata.KindName}, not an object of strings.");
            foreach (KeyValuePair<string, JsonValue> entry in metadata.Members)
            {
                if (entry.Value.Kind != JsonKind.String) throw invalid($"\"{MetadataKey}\" maps \"{entry.Key}\" to {entry.Value.KindName}, not a string.");
            }
        }

        /// <summary>One Linear layer's two tensors as found in the header.</summary>
        private sealed class Linear
        {
            public KeyValuePair<string, JsonValue>? Weight;
            public KeyValuePair<string, JsonValue>? Bias;
        }
    }
}
