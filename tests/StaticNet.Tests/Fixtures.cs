using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace StaticNet.Tests;

/// <summary>Reads the committed PyTorch fixtures (Fixtures/*.json, written by tests/tools/*.py).</summary>
internal static class Fixtures
{
    /// <summary>The elements of the top-level array <paramref name="property"/> of Fixtures/<paramref name="file"/>.</summary>
    public static JsonElement[] Load(string file, string property)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", file);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty(property).EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static double[] Doubles(JsonElement element, string property)
        => element.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static float[] Floats(JsonElement element, string property)
        => Doubles(element, property).Select(v => (float)v).ToArray();
}
