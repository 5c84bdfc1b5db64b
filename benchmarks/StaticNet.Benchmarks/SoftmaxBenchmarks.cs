using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// The softmax of a classifier's ten logits, as Predict calls it. Which register path runs depends on the machine; run
/// with <c>--envVars DOTNET_EnableAVX512:0</c> for the 256-bit one and <c>DOTNET_EnableAVX2:0</c> for the 128-bit one.
/// </summary>
public class SoftmaxBenchmarks
{
    private readonly float[] _logits = { 10f, 3f, -2f, 0.5f, 1f, 2f, 3f, 4f, 5f, 6f }, _probabilities = new float[10];

    [Benchmark]
    public void TenLogits() => VectorMath.Softmax(_logits, _probabilities);
}
