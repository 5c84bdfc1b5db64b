using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace StaticNet.Serialization.Json
{
    /// <summary>
    /// A strict RFC 8259 JSON reader over UTF-8 bytes that the caller walks token by token (System.Text.Json is a
    /// package on netstandard2.0, and the runtime library takes none). It builds no tree: a caller turns into .NET
    /// strings only the strings it asks for, each up to a length it names, and validates the rest in place, so a
    /// hostile header costs no more memory than its own bytes. No comments, no trailing commas, no lone surrogates,
    /// no invalid UTF-8, nothing after the value but whitespace. Every error is an <see cref="InvalidDataException"/>
    /// from the factory it is given, naming the byte where reading stopped.
    /// </summary>
    internal sealed class JsonReader
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private readonly byte[] _json;
        private readonly Func<string, InvalidDataException> _invalid;
        private int _position;

        public JsonReader(byte[] json, Func<string, InvalidDataException> invalid)
        {
            _json = json;
            _invalid = invalid;
        }

        /// <summary>Consumes <paramref name="c"/> (after whitespace) if it comes next.</summary>
        public bool TryConsume(char c)
        {
            SkipWhitespace();
            if (_position < _json.Length && _json[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        public void Expect(char c)
        {
            if (TryConsume(c)) return;
            throw Error(_position < _json.Length ? $"'{c}' expected, {Describe(_json[_position])} found" : $"'{c}' expected, the text ends");
        }

        /// <summary>
        /// Walks an object's members, called after its '{' with <paramref name="first"/> true: whether a member follows
        /// (its key is read next), false after the closing '}'.
        /// </summary>
        public bool NextMember(ref bool first) => Next(ref first, '}');

        /// <summary>Walks an array's items like <see cref="NextMember"/>, ending at ']'.</summary>
        public bool NextItem(ref bool first) => Next(ref first, ']');

        private bool Next(ref bool first, char close)
        {
            if (first)
            {
                first = false;
                return !TryConsume(close);
            }
            if (TryConsume(',')) return true;
            Expect(close);
            return false;
        }

        /// <summary>What the next value is, for messages ("an object", "a string", "the number 12", …), without consuming it.</summary>
        public string NextKind()
        {
            SkipWhitespace();
            if (_position >= _json.Length) throw Error("the text ends where a value belongs");
            byte b = _json[_position];
            switch (b)
            {
                case (byte)'{': return "an object";
                case (byte)'[': return "an array";
                case (byte)'"': return "a string";
                case (byte)'t': return "true";
                case (byte)'f': return "false";
                case (byte)'n': return "null";
                default:
                    if (b == '-' || (b >= '0' && b <= '9'))
                    {
                        int start = _position;
                        Number number = ReadNumber();
                        _position = start;
                        return "the number " + Text(number);
                    }
                    throw Error(Describe(b) + " cannot start a value");
            }
        }

        /// <summary>Reads a string of at most <paramref name="maxBytes"/> bytes (as written, escapes included) and returns its text.</summary>
        public string ReadString(int maxBytes, string what)
        {
            bool escaped = ScanString(out int start);
            int length = _position - 1 - start;
            if (length > maxBytes) throw Error($"{what} is a string of {length} bytes; at most {maxBytes} are read");
            string raw = StrictUtf8.GetString(_json, start, length);   // valid: ScanString checked it
            return escaped ? Unescape(raw) : raw;
        }

        /// <summary>Reads a string and checks it (escapes, UTF-8) without turning it into a .NET string.</summary>
        public void SkipString() => ScanString(out _);

        /// <summary>A number as written: its bytes in the document.</summary>
        public readonly struct Number
        {
            public Number(int start, int length)
            {
                Start = start;
                Length = length;
            }

            public int Start { get; }

            public int Length { get; }
        }

        /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
        public Number ReadNumber()
        {
            SkipWhitespace();
            int start = _position;
            TryConsumeHere('-');
            if (TryConsumeHere('0'))
            {
                if (_position < _json.Length && IsDigit(_json[_position])) throw Error("a number has a leading zero");
            }
            else if (!ConsumeDigits())
            {
                throw Error(_position < _json.Length ? Describe(_json[_position]) + " where a number's digits belong" : "the text ends inside a number");
            }
            if (TryConsumeHere('.') && !ConsumeDigits()) throw Error("a number's '.' is not followed by a digit");
            if (TryConsumeHere('e') || TryConsumeHere('E'))
            {
                if (!TryConsumeHere('+')) TryConsumeHere('-');
                if (!ConsumeDigits()) throw Error("a number's exponent has no digits");
            }
            return new Number(start, _position - start);
        }

        /// <summary>Whether the number is written as digits only (no sign, fraction or exponent) and fits a long.</summary>
        public bool TryGetNonNegativeInteger(Number number, out long value)
        {
            value = 0;
            for (int i = number.Start; i < number.Start + number.Length; i++)
            {
                byte c = _json[i];
                if (!IsDigit(c)) return false;
                int digit = c - '0';
                if (value > (long.MaxValue - digit) / 10) return false;
                value = value * 10 + digit;
            }
            return true;
        }

        /// <summary>The number as written, shortened when long, for messages.</summary>
        public string Text(Number number)
        {
            const int Shown = 24;
            string text = Encoding.ASCII.GetString(_json, number.Start, Math.Min(number.Length, Shown));
            return number.Length > Shown ? text + "…" : text;
        }

        /// <summary>Throws unless nothing but whitespace follows.</summary>
        public void ExpectEnd()
        {
            SkipWhitespace();
            if (_position < _json.Length) throw Error("text follows the JSON value");
        }

        /// <summary>An exception naming where the reader stands.</summary>
        public InvalidDataException Error(string what) => _invalid($"{what}, at byte {_position} of the JSON header");

        /// <summary>Steps over a string starting at the current position (after whitespace); returns whether it holds escapes, and where its content starts.</summary>
        private bool ScanString(out int start)
        {
            SkipWhitespace();
            if (_position >= _json.Length || _json[_position] != '"')
            {
                throw Error(_position < _json.Length ? $"a string expected, {Describe(_json[_position])} found" : "a string expected, the text ends");
            }
            start = ++_position;
            bool escaped = false;
            while (true)
            {
                if (_position >= _json.Length) throw Error("the text ends inside a string");
                byte b = _json[_position++];
                if (b == '"') break;
                if (b < 0x20) throw Error($"a string holds the control character U+{b:X4} unescaped");
                if (b != '\\') continue;
                escaped = true;
                if (_position >= _json.Length) throw Error("the text ends inside an escape");
                byte escape = _json[_position++];
                switch (escape)
                {
                    case (byte)'"': case (byte)'\\': case (byte)'/': case (byte)'b': case (byte)'f': case (byte)'n': case (byte)'r': case (byte)'t':
                        break;
                    case (byte)'u':
                        ScanUnicodeEscape();
                        break;
                    default:
                        throw Error($"'\\{(char)escape}' is no JSON escape");
                }
            }
            try
            {
                StrictUtf8.GetCharCount(_json, start, _position - 1 - start);
            }
            catch (DecoderFallbackException)
            {
                throw Error("a string is not valid UTF-8");
            }
            return escaped;
        }

        /// <summary>\uXXXX, where a high surrogate must be followed by an escaped low one.</summary>
        private void ScanUnicodeEscape()
        {
            char unit = ReadHex4();
            if (char.IsLowSurrogate(unit)) throw Error("a \\u escape is a low surrogate without a high one before it");
            if (!char.IsHighSurrogate(unit)) return;
            if (_position + 2 > _json.Length || _json[_position] != '\\' || _json[_position + 1] != 'u') throw Error("a high surrogate \\u escape is not followed by a low one");
            _position += 2;
            if (!char.IsLowSurrogate(ReadHex4())) throw Error("a high surrogate \\u escape is not followed by a low one");
        }

        private char ReadHex4()
        {
            if (_position + 4 > _json.Length) throw Error("the text ends inside a \\u escape");
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int digit = HexDigit(_json[_position]);
                if (digit < 0) throw Error($"{Describe(_json[_position])} is not a hex digit of a \\u escape");
                value = value * 16 + digit;
                _position++;
            }
            return (char)value;
        }

        /// <summary>The text of a string whose escapes <see cref="ScanString"/> has checked.</summary>
        private static string Unescape(string raw)
        {
            var text = new StringBuilder(raw.Length);
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c != '\\')
                {
                    text.Append(c);
                    continue;
                }
                char escape = raw[++i];
                switch (escape)
                {
                    case 'b': text.Append('\b'); break;
                    case 'f': text.Append('\f'); break;
                    case 'n': text.Append('\n'); break;
                    case 'r': text.Append('\r'); break;
                    case 't': text.Append('\t'); break;
                    case 'u':
                        text.Append((char)int.Parse(raw.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default: text.Append(escape); break;   // " \ /
                }
            }
            return text.ToString();
        }

        private void SkipWhitespace()
        {
            while (_position < _json.Length && _json[_position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') _position++;
        }

        private bool TryConsumeHere(char c)
        {
            if (_position < _json.Length && _json[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        private bool ConsumeDigits()
        {
            int start = _position;
            while (_position < _json.Length && IsDigit(_json[_position])) _position++;
            return _position > start;
        }

        private static bool IsDigit(byte c) => c >= '0' && c <= '9';

        private static int HexDigit(byte h) => h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;

        private static string Describe(byte b) => b >= 0x20 && b < 0x7F ? "'" + (char)b + "'" : "byte 0x" + b.ToString("X2", CultureInfo.InvariantCulture);
    }
}
