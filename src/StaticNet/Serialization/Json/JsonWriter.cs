using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNet.Serialization.Json
{
    /// <summary>Writes compact JSON (no whitespace), putting the commas between members and items itself.</summary>
    internal sealed class JsonWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private readonly List<bool> _hasItems = new List<bool>();   // per open object or array: whether the next item needs a comma
        private bool _afterName;

        public JsonWriter BeginObject() => Open('{');

        public JsonWriter EndObject() => Close('}');

        public JsonWriter BeginArray() => Open('[');

        public JsonWriter EndArray() => Close(']');

        /// <summary>A member's name; its value comes next.</summary>
        public JsonWriter Name(string name)
        {
            BeforeValue();
            AppendString(name);
            _text.Append(':');
            _afterName = true;
            return this;
        }

        public JsonWriter String(string value)
        {
            BeforeValue();
            AppendString(value);
            return this;
        }

        public JsonWriter Integer(long value)
        {
            BeforeValue();
            _text.Append(value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        public override string ToString() => _text.ToString();

        private JsonWriter Open(char bracket)
        {
            BeforeValue();
            _text.Append(bracket);
            _hasItems.Add(false);
            return this;
        }

        private JsonWriter Close(char bracket)
        {
            _hasItems.RemoveAt(_hasItems.Count - 1);
            _text.Append(bracket);
            return this;
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }
            int open = _hasItems.Count - 1;
            if (open < 0) return;
            if (_hasItems[open]) _text.Append(',');
            _hasItems[open] = true;
        }

        /// <summary>A JSON string: quotes and backslashes escaped, control characters as \u escapes.</summary>
        private void AppendString(string value)
        {
            _text.Append('"');
            foreach (char c in value)
            {
                if (c == '"' || c == '\\') _text.Append('\\').Append(c);
                else if (c < 0x20) _text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                else _text.Append(c);
            }
            _text.Append('"');
        }
    }
}
