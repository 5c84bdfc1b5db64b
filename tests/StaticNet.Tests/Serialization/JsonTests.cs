using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Serialization.Json;
using Xunit;

namespace StaticNet.Tests.Serialization;

/// <summary>The header JSON reader and writer: what they accept, and that everything else is an InvalidDataException.</summary>
public class JsonTests
{
    private static JsonReader Reader(string text) => Reader(Encoding.UTF8.GetBytes(text));

    private static JsonReader Reader(byte[] bytes) => new(bytes, message => new InvalidDataException(message));

    /// <summary>A whole value through the reader's calls, as a compact canonical string: objects, arrays, strings and numbers.</summary>
    private static string Walk(string text)
    {
        JsonReader json = Reader(text);
        string value = Value(json);
        json.ExpectEnd();
        return value;

        static string Value(JsonReader json)
        {
            string kind = json.NextKind();
            var parts = new List<string>();
            bool first = true;
            switch (kind)
            {
                case "an object":
                    json.Expect('{');
                    while (json.NextMember(ref first))
                    {
                        string key = json.ReadString(1000, "a key");
                        json.Expect(':');
                        parts.Add(key + "=" + Value(json));
                    }
                    return "{" + string.Join(";", parts) + "}";
                case "an array":
                    json.Expect('[');
                    while (json.NextItem(ref first)) parts.Add(Value(json));
                    return "[" + string.Join(";", parts) + "]";
                case "a string":
                    return "s:" + json.ReadString(1000, "a value");
                default:
                    JsonReader.Number number = json.ReadNumber();
                    return json.TryGetNonNegativeInteger(number, out long value) ? "i:" + value : "n:" + json.Text(number);
            }
        }
    }

    [Fact]
    public void ReadsWhatHeadersHold()
    {
        Assert.Equal("{__metadata__={format=s:pt};0.weight={dtype=s:F32;shape=[i:4;i:2];data_offsets=[i:0;i:32]};x=[n:-1.5e+3;i:0;s:;[];{}]}",
            Walk(" {\"__metadata__\" : {\"format\":\"pt\"},\n\t\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[0,32]}, \"x\": [-1.5e+3, 0, \"\", [], {}]}\r\n "));
    }

    [Fact]
    public void DecodesEscapesAndUtf8()
    {
        Assert.Equal("s:q\"b\\s/\b\f\n\r\té😀é", Walk("\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00é\""));
    }

    [Fact]
    public void IntegersAreDigitsThatFitALong()
    {
        Assert.Equal("i:9223372036854775807", Walk("9223372036854775807"));
        Assert.Equal("n:9223372036854775808", Walk("9223372036854775808"));
        Assert.Equal("n:-1", Walk("-1"));
        Assert.Equal("n:1.0", Walk("1.0"));
        Assert.Equal("n:1e3", Walk("1e3"));
        Assert.Equal("n:123456789012345678901234…", Walk("1234567890123456789012345678901234567890"));   // shortened in messages
    }

    [Theory]
    [InlineData("", "the text ends where a value belongs")]
    [InlineData("{", "a string expected, the text ends")]
    [InlineData("[", "the text ends where a value belongs")]
    [InlineData("[1", "']' expected, the text ends")]
    [InlineData("{\"a\":1,}", "a string expected, '}' found")]
    [InlineData("[1,]", "']' cannot start a value")]
    [InlineData("{\"a\" 1}", "':' expected, '1' found")]
    [InlineData("{\"a\":1 \"b\":2}", "'}' expected, '\"' found")]
    [InlineData("\"abc", "the text ends inside a string")]
    [InlineData("\"a\u0001\"", "control character U+0001")]
    [InlineData("\"\\x\"", "'\\x' is no JSON escape")]
    [InlineData("\"\\u12G4\"", "'G' is not a hex digit")]
    [InlineData("\"\\uDE00\"", "a low surrogate without a high one")]
    [InlineData("\"\\uD83D\"", "not followed by a low one")]
    [InlineData("\"\\uD83D\\u0041\"", "not followed by a low one")]
    [InlineData("01", "a number has a leading zero")]
    [InlineData("-", "the text ends inside a number")]
    [InlineData("-a", "'a' where a number's digits belong")]
    [InlineData("1.", "'.' is not followed by a digit")]
    [InlineData("1e", "exponent has no digits")]
    [InlineData("+1", "'+' cannot start a value")]
    [InlineData("NaN", "'N' cannot start a value")]
    [InlineData("{} {}", "text follows the JSON value")]
    [InlineData("// comment\n{}", "'/' cannot start a value")]
    [InlineData("\"\u00e9\"x", "text follows the JSON value, at byte 4")]
    public void RefusesWhatIsNotStrictJson(string text, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => Walk(text));
        Assert.Contains(message, e.Message);
        Assert.Contains("of the JSON header", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]                     // a lead byte without its continuation
    [InlineData(new byte[] { 0xC0, 0xAF })]               // an overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]         // an encoded surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]   // above U+10FFFF
    public void RefusesStringsThatAreNotUtf8(byte[] bad)
    {
        byte[] bytes = new[] { (byte)'"' }.Concat(bad).Concat(new[] { (byte)'"' }).ToArray();
        Assert.Contains("a string is not valid UTF-8", Assert.Throws<InvalidDataException>(() => Reader(bytes).SkipString()).Message);
        Assert.Throws<InvalidDataException>(() => Reader(bytes).ReadString(100, "a key"));
        Assert.Contains("byte 0x", Assert.Throws<InvalidDataException>(() => Walk("[" + Encoding.Latin1.GetString(bad) + "]")).Message);
    }

    [Fact]
    public void StringsLongerThanAskedForAreRefusedWithoutBeingDecoded()
    {
        Assert.Equal("abcd", Reader("\"abcd\"").ReadString(4, "a key"));
        Assert.Contains("a key is a string of 5 bytes; at most 4 are read", Assert.Throws<InvalidDataException>(() => Reader("\"abcde\"").ReadString(4, "a key")).Message);
        JsonReader skipped = Reader("\"" + new string('x', 100_000) + "\" ");
        skipped.SkipString();
        skipped.ExpectEnd();
    }

    [Fact]
    public void TheWriterEscapesAndTheReaderReadsItBack()
    {
        string awkward = "quote \" backslash \\ tab \t nul \u0000 é";
        string json = new JsonWriter().BeginObject()
            .Name(awkward).String(awkward)
            .Name("n").BeginArray().Integer(0).Integer(long.MaxValue).EndArray()
            .Name("o").BeginObject().EndObject()
            .EndObject().ToString();
        Assert.Equal("{\"quote \\\" backslash \\\\ tab \\u0009 nul \\u0000 é\":\"quote \\\" backslash \\\\ tab \\u0009 nul \\u0000 é\",\"n\":[0,9223372036854775807],\"o\":{}}", json);
        Assert.Equal("{" + awkward + "=s:" + awkward + ";n=[i:0;i:9223372036854775807];o={}}", Walk(json));
        using var document = System.Text.Json.JsonDocument.Parse(json);   // and a reference parser agrees
        Assert.Equal(awkward, document.RootElement.GetProperty(awkward).GetString());
    }
}
