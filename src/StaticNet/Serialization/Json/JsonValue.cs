using System.Collections.Generic;

namespace StaticNet.Serialization.Json
{
    /// <summary>What a JSON value is.</summary>
    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>
    /// A parsed JSON value: an object's members in file order, an array's items, a string's text, or a number's
    /// literal as written (converted only where a reader asks for an integer, so no number is rounded silently).
    /// </summary>
    internal sealed class JsonValue
    {
        private static readonly JsonValue TrueValue = new JsonValue(JsonKind.True, "true", null, null);
        private static readonly JsonValue FalseValue = new JsonValue(JsonKind.False, "false", null, null);
        private static readonly JsonValue NullValue = new JsonValue(JsonKind.Null, "null", null, null);

        private JsonValue(JsonKind kind, string text, IReadOnlyList<KeyValuePair<string, JsonValue>>? members, IReadOnlyList<JsonValue>? items)
        {
            Kind = kind;
            Text = text;
            Members = members ?? new KeyValuePair<string, JsonValue>[0];
            Items = items ?? new JsonValue[0];
        }

        public JsonKind Kind { get; }

        /// <summary>A string's content, a number's literal, or "true", "false", "null"; empty for objects and arrays.</summary>
        public string Text { get; }

        /// <summary>An object's members in the order written (no two share a key); empty for other kinds.</summary>
        public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; }

        /// <summary>An array's items; empty for other kinds.</summary>
        public IReadOnlyList<JsonValue> Items { get; }

        public static JsonValue Object(IReadOnlyList<KeyValuePair<string, JsonValue>> members) => new JsonValue(JsonKind.Object, "", members, null);

        public static JsonValue Array(IReadOnlyList<JsonValue> items) => new JsonValue(JsonKind.Array, "", null, items);

        public static JsonValue String(string text) => new JsonValue(JsonKind.String, text, null, null);

        public static JsonValue Number(string literal) => new JsonValue(JsonKind.Number, literal, null, null);

        public static JsonValue Literal(JsonKind kind) => kind == JsonKind.True ? TrueValue : kind == JsonKind.False ? FalseValue : NullValue;

        /// <summary>
        /// Whether this is a number written as a non-negative integer (digits only: no sign, fraction or exponent) that
        /// fits a long; <paramref name="value"/> is then its value.
        /// </summary>
        public bool TryGetNonNegativeInteger(out long value)
        {
            value = 0;
            if (Kind != JsonKind.Number || Text.Length == 0) return false;
            foreach (char c in Text)
            {
                if (c < '0' || c > '9') return false;
                int digit = c - '0';
                if (value > (long.MaxValue - digit) / 10) return false;
                value = value * 10 + digit;
            }
            return true;
        }

        /// <summary>"an object", "a string", … for messages.</summary>
        public string KindName => Kind switch
        {
            JsonKind.Object => "an object",
            JsonKind.Array => "an array",
            JsonKind.String => "a string",
            JsonKind.Number => "the number " + Text,
            _ => Text,
        };
    }
}
