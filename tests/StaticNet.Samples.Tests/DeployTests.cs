using System;
using System.IO;
using System.Linq;
using System.Reflection;
using StaticNet.Serialization;
using Xunit;

namespace StaticNet.Samples.Tests;

/// <summary>
/// samples/Deploy: the inference program (built here on the JIT; its NativeAOT publish is measured in its README) runs
/// with the model baked in, and what it baked is exactly the committed file that samples/Deploy/Train wrote.
/// </summary>
public class DeployTests
{
    private static readonly Assembly Inference = Assembly.Load("Inference");

    private static string ModelFilePath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StaticNet.sln"))) return Path.Combine(dir.FullName, "samples", "Deploy", "Inference", "models", "digits.snet");
        }
        throw new DirectoryNotFoundException("no StaticNet.sln above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void TheInferenceProgramClassifiesItsDigitsWithTheBakedModel()
    {
        string printed = SampleRun.Run(Inference);
        string[] lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(11, lines.Length);
        for (int d = 0; d < 10; d++) Assert.StartsWith($"a {d}: predicted {d} (", lines[d]);
        Assert.StartsWith("10 of 10 right; network ready ", lines[10]);
        Assert.EndsWith("2410 baked parameters", lines[10]);
    }

    [Fact]
    public void TheBakedParametersAreTheCommittedFilesBitForBit()
    {
        Type type = Inference.GetType("StaticNet.Samples.Deploy.DigitsNet")!;
        var baked = (INetwork)Activator.CreateInstance(type)!;
        var loaded = (INetwork)Activator.CreateInstance(type, 7)!;
        ModelFile.Load(loaded, ModelFilePath());
        Assert.Equal(loaded.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits), baked.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits));
    }
}
