using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generators;

namespace StaticNet.Benchmarks;

/// <summary>
/// The generator as a guest in the IDE: how long it takes to generate a network from scratch, to
/// re-run after an edit elsewhere (what every keystroke costs), and how long the compiler then
/// needs to compile the generated code.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    [Params("Xor 2-4-1", "Digits 64-32-10", "Mnist 784-128-10", "Deep 4×1024")]
    public string Network { get; set; } = "";

    private CSharpCompilation _compilation = null!, _edited = null!;
    private GeneratorDriver _warm = null!;
    private Compilation _withGenerated = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        string layers = Network switch
        {
            "Xor 2-4-1" => "[Input(2)][Dense(4, Activation.Tanh)][Dense(1, Activation.Sigmoid)]",
            "Digits 64-32-10" => "[Input(64)][Dense(32, Activation.ReLU)][Dense(10, Activation.Softmax)]",
            "Mnist 784-128-10" => "[Input(784)][Dense(128, Activation.ReLU)][Dense(10, Activation.Softmax)]",
            _ => "[Input(1024)][Dense(1024, Activation.ReLU)][Dense(1024, Activation.ReLU)][Dense(1024, Activation.ReLU)][Dense(1024, Activation.ReLU)][Dense(10, Activation.Softmax)]",
        };
        string loss = Network.StartsWith("Xor") ? "MeanSquaredError" : "CrossEntropy";
        string source = "using StaticNet; namespace Bench { [Network(Loss = Loss." + loss + ")]" + layers + " public partial class Net { } }";
        MetadataReference[] references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location)).ToArray();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release);
        _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(source) }, references, options);
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Bench { class Unrelated { int X; } }"));
        _warm = CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGeneratorsAndUpdateCompilation(_compilation, out _withGenerated, out _);
    }

    [Benchmark(Description = "generate (cold driver)")]
    public GeneratorDriver Generate() => CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGenerators(_compilation);

    [Benchmark(Description = "re-run after an unrelated edit")]
    public GeneratorDriver RerunAfterEdit() => _warm.RunGenerators(_edited);

    [Benchmark(Description = "compile with generated code")]
    public bool Compile() => _withGenerated.Clone().Emit(Stream.Null).Success; // Clone: nothing bound is reused
}
