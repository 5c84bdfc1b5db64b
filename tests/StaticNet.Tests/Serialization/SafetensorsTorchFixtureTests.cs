using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Serialization;
using Xunit;
using static StaticNet.Tests.Serialization.SerializationData;

namespace StaticNet.Tests.Serialization;

/// <summary>
/// safetensors both ways with PyTorch (tests/tools/make_safetensors_fixture.py): files PyTorch's state_dicts made load
/// into the declared networks with PyTorch's outputs, and the files StaticNet writes from them are the committed
/// ones that the script's --check mode loads into PyTorch with load_state_dict(strict=True).
/// </summary>
public class SafetensorsTorchFixtureTests
{
    private const string FixtureFile = "safetensors_fixture.json";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in Fixtures.Load(FixtureFile, "cases")) data.Add(c.GetProperty("file").GetString()!);
        return data;
    }

    private static JsonElement Case(string file) => Fixtures.Load(FixtureFile, "cases").Single(c => c.GetProperty("file").GetString() == file);

    private static string FixturePath(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors", file);

    private static INetwork LoadTorchFile(string file, out JsonElement fixture)
    {
        fixture = Case(file);
        var network = (INetwork)NetworkCatalog.Create(NetworkCatalog.Find(fixture.GetProperty("network").GetString()!), 99);
        Safetensors.Load(network, FixturePath(file));
        return network;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PyTorchsFileLoadsWithPyTorchsOutputs(string file)
    {
        INetwork network = LoadTorchFile(file, out JsonElement fixture);
        SameBits(Fixtures.Floats(fixture, "parameters"), network.Parameters);   // every tensor in its place, converted as PyTorch converts

        float[] inputs = Fixtures.Floats(fixture, "inputs"), outputs = Fixtures.Floats(fixture, "outputs");
        int rows = inputs.Length / network.InputSize;
        Assert.Equal(4, rows);
        var output = new float[network.OutputSize];
        for (int r = 0; r < rows; r++)
        {
            network.Predict(inputs.AsSpan(r * network.InputSize, network.InputSize), output);
            for (int k = 0; k < output.Length; k++)
            {
                float expected = outputs[r * network.OutputSize + k];
                Assert.True(Math.Abs(output[k] - expected) <= 1e-5f * Math.Max(1f, Math.Abs(expected)), $"{file} row {r} output {k}: PyTorch {expected:R}, Predict {output[k]:R}");
            }
        }
    }

    [Fact]
    public void TheCasesCoverWhatTheIssueAsksFor()
    {
        JsonElement[] cases = Fixtures.Load(FixtureFile, "cases");
        Assert.Equal(new[] { "BF16", "F16", "F32", "F64" }, cases.Select(c => c.GetProperty("dtype").GetString()).Distinct().OrderBy(d => d, StringComparer.Ordinal));
        Assert.Contains(cases, c => c.GetProperty("prefix").GetString() == "model.");
        // An nn.Identity module between Linear layers: PyTorch's indices 0, 2, 4, 6 where StaticNet writes 0, 2, 4, 5.
        Assert.Contains(cases, c => c.GetProperty("network").GetString() == nameof(Networks.DeepBottleneck) && c.GetProperty("linearIndices").EnumerateArray().Select(i => i.GetInt32()).SequenceEqual(new[] { 0, 2, 4, 6 }));
    }

    /// <summary>
    /// The bytes StaticNet writes for each fixture's parameters are the committed *.staticnet.safetensors files, which
    /// `make_safetensors_fixture.py --check` loads into PyTorch (CI runs no Python: this pins what was checked).
    /// A deliberate format change is accepted with STATICNET_ACCEPT=1, and must then be checked with the script again.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void WhatStaticNetWritesIsTheFilePyTorchWasCheckedWith(string file)
    {
        INetwork network = LoadTorchFile(file, out _);
        var stream = new MemoryStream();
        Safetensors.Save(network, stream);
        byte[] written = stream.ToArray();
        string committed = file.Replace(".safetensors", ".staticnet.safetensors");
        string path = FixturePath(committed);
        if (Environment.GetEnvironmentVariable("STATICNET_ACCEPT") == "1")
        {
            File.WriteAllBytes(Path.Combine(RepositoryRoot(), "tests", "StaticNet.Tests", "Fixtures", "safetensors", committed), written);
            return;
        }
        Assert.True(File.Exists(path), $"{committed} is not committed: write it with STATICNET_ACCEPT=1, then run make_safetensors_fixture.py --check.");
        Assert.True(written.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"SaveSafetensors no longer writes {committed}; if that is meant, accept with STATICNET_ACCEPT=1 and run make_safetensors_fixture.py --check.");
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StaticNet.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("StaticNet.sln not found above " + AppContext.BaseDirectory);
    }
}
