using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticNet.Serialization.Json
{
    /// <summary>
    /// A strict RFC 8259 JSON parser for headers read from files (System.Text.Json is a package on netstandard2.0,
    /// and the runtime library takes none): no comments, no trailing commas, no duplicate keys, no lone surrogates,
    /// nothing after the value but whitespace, and at most a given nesting depth, so that hostile input can neither
    /// overflow the stack nor be read two ways. The caller bounds the text's length. Every error is an
    /// <see cref="InvalidDataException"/> from the factory it is given, naming the character where parsing stopped.
    /// </summary>
    internal sealed class JsonParser
    {
        private readonly string _text;
        private readonly int _maxDepth;
        private readonly Func<string, InvalidDataException> _invalid;
        private int _position;

        private JsonParser(string text, int maxDepth, Func<string, InvalidDataException> invalid)
        {
            _text = text;
            _maxDepth = maxDepth;
            _invalid = invalid;
        }

        /// <summary>Parses <paramref name="text"/> as one JSON value nested at most <paramref name="maxDepth"/> levels (an array in an object is depth 2).</summary>
        public static JsonValue Parse(string text, int maxDepth, Func<string, InvalidDataException> invalid)
        {
            var parser = new JsonParser(text, maxDepth, invalid);
            parser.SkipWhitespace();
            JsonValue value = parser.ParseValue(0);
            parser.SkipWhitespace();
            if (parser._position < text.Length) throw parser.Error("text follows the JSON value");
            return value;
        }

        private JsonValue ParseValue(int depth)
        {
            if (_position >= _text.Length) throw Error("the text ends where a value belongs");
            char c = _text[_position];
            switch (c)
            {
                case '{': return ParseObject(depth + 1);
                case '[': return ParseArray(depth + 1);
                case '"': return JsonValue.String(ParseString());
                case 't': return ParseLiteral("true", JsonKind.True);
                case 'f': return ParseLiteral("false", JsonKind.False);
                case 'n': return ParseLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return JsonValue.Number(ParseNumber());
                    throw Error($"'{Printable(c)}' cannot start a value");
            }
        }

        private JsonValue ParseObject(int depth)
        {
            if (depth > _maxDepth) throw Error($"values nest deeper than {_maxDepth} levels");
            _position++;   // '{'
            var members = new List<KeyValuePair<string, JsonValue>>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            SkipWhitespace();
            if (TryConsume('}')) return JsonValue.Object(members);
            while (true)
            {
                SkipWhitespace();
                if (_position >= _text.Length || _text[_position] != '"') throw Error("an object's key must be a string");
                int keyStart = _position;
                string key = ParseString();
                if (!keys.Add(key)) throw Error($"the key \"{key}\" appears twice in one object (at character {keyStart} the second time)");
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                members.Add(new KeyValuePair<string, JsonValue>(key, ParseValue(depth)));
                SkipWhitespace();
                if (TryConsume('}')) return JsonValue.Object(members);
                Expect(',');
            }
        }

        private JsonValue ParseArray(int depth)
        {
            if (depth > _maxDepth) throw Error($"values nest deeper than {_maxDepth} levels");
            _position++;   // '['
            var items = new List<JsonValue>();
            SkipWhitespace();
            if (TryConsume(']')) return JsonValue.Array(items);
            while (true)
            {
                SkipWhitespace();
                items.Add(ParseValue(depth));
                SkipWhitespace();
                if (TryConsume(']')) return JsonValue.Array(items);
                Expect(',');
            }
        }

        private string ParseString()
        {
            _position++;   // the opening quote
            var text = new StringBuilder();
            while (true)
            {
                if (_position >= _text.Length) throw Error("the text ends inside a string");
                char c = _text[_position++];
                if (c == '"') return text.ToString();
                if (c < 0x20) throw Error($"a string holds the control character U+{(int)c:X4} unescaped");
                if (c != '\\')
                {
                    text.Append(c);
                    continue;
                }
                if (_position >= _text.Length) throw Error("the text ends inside an escape");
                char escape = _text[_position++];
                switch (escape)
                {
                    case '"': text.Append('"'); break;
                    case '\\': text.Append('\\'); break;
                    case '/': text.Append('/'); break;
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'u': AppendUnicodeEscape(text); break;
                    default: throw Error($"'\\{Printable(escape)}' is no JSON escape");
                }
            }
        }

        /// <summary>\uXXXX, where a high surrogate must be followed by an escaped low one: the pair is one character.</summary>
        private void AppendUnicodeEscape(StringBuilder text)
        {
            char unit = ReadHex4();
            if (char.IsLowSurrogate(unit)) throw Error("a \\u escape is a low surrogate without a high one before it");
            if (char.IsHighSurrogate(unit))
            {
                if (_position + 2 > _text.Length || _text[_position] != '\\' || _text[_position + 1] != 'u') throw Error("a high surrogate \\u escape is not followed by a low one");
                _position += 2;
                char low = ReadHex4();
                if (!char.IsLowSurrogate(low)) throw Error("a high surrogate \\u escape is not followed by a low one");
                text.Append(unit).Append(low);
                return;
            }
            text.Append(unit);
        }

        private char ReadHex4()
        {
            if (_position + 4 > _text.Length) throw Error("the text ends inside a \\u escape");
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                char h = _text[_position++];
                int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                if (digit < 0) throw Error($"'{Printable(h)}' is not a hex digit of a \\u escape");
                value = value * 16 + digit;
            }
            return (char)value;
        }

        /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, returned as written.</summary>
        private string ParseNumber()
        {
            int start = _position;
            TryConsume('-');
            if (TryConsume('0'))
            {
                if (_position < _text.Length && IsDigit(_text[_position])) throw Error("a number has a leading zero");
            }
            else if (!ConsumeDigits())
            {
                throw Error("a '-' is not followed by a digit");
            }
            if (TryConsume('.') && !ConsumeDigits()) throw Error("a number's '.' is not followed by a digit");
            if (TryConsume('e') || TryConsume('E'))
            {
                if (!TryConsume('+')) TryConsume('-');
                if (!ConsumeDigits()) throw Error("a number's exponent has no digits");
            }
            return _text.Substring(start, _position - start);
        }

        private bool ConsumeDigits()
        {
            int start = _position;
            while (_position < _text.Length && IsDigit(_text[_position])) _position++;
            return _position > start;
        }

        private JsonValue ParseLiteral(string literal, JsonKind kind)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0) throw Error($"'{Printable(_text[_position])}' starts no value (true, false and null are lower case)");
            _position += literal.Length;
            return JsonValue.Literal(kind);
        }

        private void SkipWhitespace()
        {
            while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r') _position++;
        }

        private bool TryConsume(char c)
        {
            if (_position < _text.Length && _text[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            if (TryConsume(c)) return;
            throw Error(_position < _text.Length ? $"'{c}' expected, '{Printable(_text[_position])}' found" : $"'{c}' expected, the text ends");
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static string Printable(char c) => c >= 0x20 && c < 0x7F ? c.ToString() : "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

        private InvalidDataException Error(string what) => _invalid($"{what}, at character {_position} of the JSON header");
    }
}
