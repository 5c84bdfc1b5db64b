using System;
using System.IO;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests.Serialization;

/// <summary>Networks with awkward parameters, and the checks every serialisation test makes.</summary>
internal static class SerializationData
{
    /// <summary>Values a format must carry bit for bit: signed zeros, subnormals, the extremes, and ordinary noise.</summary>
    private static readonly float[] Awkward = { -0f, 0f, float.Epsilon, -float.Epsilon, 1.17549435e-38f, float.MaxValue, float.MinValue, 1f / 3f, -2.5e-7f };

    public static INetwork Create(string name, int seed)
    {
        var network = (INetwork)NetworkCatalog.Create(NetworkCatalog.Find(name), seed);
        Span<float> parameters = network.Parameters;
        var random = new Random(seed);
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = i < Awkward.Length ? Awkward[i] : (float)(random.NextDouble() * 4 - 2);
        }
        return network;
    }

    public static float[] Snapshot(INetwork network) => network.Parameters.ToArray();

    /// <summary>Exactly these bits: NaN-safe and −0-safe, unlike float equality.</summary>
    public static void SameBits(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"Parameter {i}: expected {expected[i]:R} (0x{BitConverter.SingleToInt32Bits(expected[i]):X8}), found {actual[i]:R} (0x{BitConverter.SingleToInt32Bits(actual[i]):X8}).");
            }
        }
    }

    /// <summary>Runs <paramref name="load"/>, expects an InvalidDataException whose message holds every one of <paramref name="fragments"/>, and that the network is unchanged.</summary>
    public static InvalidDataException Rejects(INetwork network, Action load, params string[] fragments)
    {
        float[] before = Snapshot(network);
        var e = Assert.Throws<InvalidDataException>(load);
        foreach (string fragment in fragments) Assert.Contains(fragment, e.Message);
        SameBits(before, network.Parameters);
        return e;
    }

    public static string TemporaryDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "staticnet-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
