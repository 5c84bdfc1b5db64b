using System;
using System.IO;
using System.Linq;
using StaticNet.Serialization.Json;
using Xunit;

namespace StaticNet.Tests.Serialization;

/// <summary>The header JSON parser and writer: what they accept, and that everything else is an InvalidDataException.</summary>
public class JsonTests
{
    private static JsonValue Parse(string text, int maxDepth = 8) => JsonParser.Parse(text, maxDepth, message => new InvalidDataException(message));

    [Fact]
    public void ParsesWhatHeadersHold()
    {
        JsonValue value = Parse(" {\"__metadata__\" : {\"format\":\"pt\"},\n\t\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[0,32]}, \"x\": [true, false, null, -1.5e+3, 0, \"\"]}\r\n ");
        Assert.Equal(JsonKind.Object, value.Kind);
        Assert.Equal(new[] { "__metadata__", "0.weight", "x" }, value.Members.Select(m => m.Key));
        JsonValue shape = value.Members[1].Value.Members[1].Value;
        Assert.Equal(new[] { 4L, 2L }, shape.Items.Select(i => i.TryGetNonNegativeInteger(out long v) ? v : -1));
        Assert.Equal(new[] { JsonKind.True, JsonKind.False, JsonKind.Null, JsonKind.Number, JsonKind.Number, JsonKind.String }, value.Members[2].Value.Items.Select(i => i.Kind));
        Assert.Equal("-1.5e+3", value.Members[2].Value.Items[3].Text);
    }

    [Fact]
    public void DecodesEscapes()
    {
        Assert.Equal("q\"b\\s/\b\f\n\r\té😀", Parse("\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"").Text);
    }

    [Fact]
    public void IntegersAreDigitsThatFitALong()
    {
        Assert.True(Parse("9223372036854775807").TryGetNonNegativeInteger(out long max));
        Assert.Equal(long.MaxValue, max);
        Assert.False(Parse("9223372036854775808").TryGetNonNegativeInteger(out _));
        Assert.False(Parse("-1").TryGetNonNegativeInteger(out _));
        Assert.False(Parse("1.0").TryGetNonNegativeInteger(out _));
        Assert.False(Parse("1e3").TryGetNonNegativeInteger(out _));
        Assert.False(Parse("\"7\"").TryGetNonNegativeInteger(out _));
    }

    [Theory]
    [InlineData("", "the text ends where a value belongs")]
    [InlineData("{", "an object's key must be a string")]
    [InlineData("{\"a\":1,}", "an object's key must be a string")]
    [InlineData("[1,]", "']' cannot start a value")]
    [InlineData("{\"a\" 1}", "':' expected, '1' found")]
    [InlineData("{\"a\":1 \"b\":2}", "',' expected, '\"' found")]
    [InlineData("{\"a\":1,\"a\":2}", "the key \"a\" appears twice")]
    [InlineData("\"abc", "the text ends inside a string")]
    [InlineData("\"a\u0001\"", "control character U+0001")]
    [InlineData("\"\\x\"", "'\\x' is no JSON escape")]
    [InlineData("\"\\u12G4\"", "'G' is not a hex digit")]
    [InlineData("\"\\uDE00\"", "a low surrogate without a high one")]
    [InlineData("\"\\uD83D\"", "not followed by a low one")]
    [InlineData("\"\\uD83D\\u0041\"", "not followed by a low one")]
    [InlineData("01", "a number has a leading zero")]
    [InlineData("-", "a '-' is not followed by a digit")]
    [InlineData("1.", "'.' is not followed by a digit")]
    [InlineData("1e", "exponent has no digits")]
    [InlineData("+1", "'+' cannot start a value")]
    [InlineData("NaN", "'N' cannot start a value")]
    [InlineData("True", "'T' cannot start a value")]
    [InlineData("nul", "'n' starts no value")]
    [InlineData("{} {}", "text follows the JSON value")]
    [InlineData("// comment\n{}", "'/' cannot start a value")]
    public void RefusesWhatIsNotStrictJson(string text, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse(text));
        Assert.Contains(message, e.Message);
        Assert.Contains("of the JSON header", e.Message);
    }

    [Fact]
    public void NestingIsBounded()
    {
        Assert.Equal(JsonKind.Array, Parse(new string('[', 8) + new string(']', 8)).Kind);
        Assert.Contains("deeper than 8 levels", Assert.Throws<InvalidDataException>(() => Parse(new string('[', 9) + new string(']', 9))).Message);
        // Far deeper than any stack would take recursively: refused at the limit, not by overflowing.
        Assert.Contains("deeper than 8 levels", Assert.Throws<InvalidDataException>(() => Parse(new string('[', 1_000_000))).Message);
        Assert.Contains("deeper than 8 levels", Assert.Throws<InvalidDataException>(() => Parse(string.Concat(Enumerable.Repeat("{\"a\":", 100_000)))).Message);
    }

    [Fact]
    public void TheWriterEscapesAndTheParserReadsItBack()
    {
        string awkward = "quote \" backslash \\ tab \t nul \u0000 é";
        string json = new JsonWriter().BeginObject()
            .Name(awkward).String(awkward)
            .Name("n").BeginArray().Integer(0).Integer(long.MaxValue).EndArray()
            .Name("o").BeginObject().EndObject()
            .EndObject().ToString();
        Assert.Equal("{\"quote \\\" backslash \\\\ tab \\u0009 nul \\u0000 é\":\"quote \\\" backslash \\\\ tab \\u0009 nul \\u0000 é\",\"n\":[0,9223372036854775807],\"o\":{}}", json);
        JsonValue value = Parse(json);
        Assert.Equal(awkward, value.Members[0].Key);
        Assert.Equal(awkward, value.Members[0].Value.Text);
        using var document = System.Text.Json.JsonDocument.Parse(json);   // and a reference parser agrees
        Assert.Equal(awkward, document.RootElement.GetProperty(awkward).GetString());
    }
}
