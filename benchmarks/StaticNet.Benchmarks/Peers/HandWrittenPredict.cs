using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Benchmarks.Peers;

/// <summary>
/// The hand-specialised single-sample Predict for a ReLU → softmax network with one hidden layer of 32 or 128:
/// the first layer's weights copied once, transposed to [input][hidden], and accumulated as broadcast(x[i]) × row i into
/// register accumulators (one linear stream, no horizontal sums); the second layer as dot products. One path for
/// AVX-512 and one for AVX2, where sixteen 256-bit registers hold eight accumulators of 64 outputs, so the 128-wide layer
/// takes two passes of 64 and its copy is packed as two [input][64] panels, each pass one linear stream (stored plainly
/// transposed, each pass would read half of every row, measured slower: CacheReadBenchmarks). The yardstick the
/// generated Predict is measured against, not a product.
/// </summary>
public sealed class HandWrittenPredict
{
    private readonly int _in, _hidden, _out;
    private readonly AlignedFloats _w1t, _w2;  // on cache lines, like the generated network's parameters
    private readonly float[] _b1, _b2;

    public HandWrittenPredict(INetwork network, int hidden)
    {
        if (!Vector256.IsHardwareAccelerated) throw new PlatformNotSupportedException("The hand-written Predict needs AVX2 or AVX-512.");
        if (hidden is not (32 or 128)) throw new ArgumentOutOfRangeException(nameof(hidden));
        _in = network.InputSize; _hidden = hidden; _out = network.OutputSize;
        // The library's own read: taking the public span would send the network's Predict off its transposed copy.
        ReadOnlySpan<float> p = ((StaticNet.Training.ITrainableNetwork)network).ParameterMemory;
        _w1t = new AlignedFloats(_in * _hidden);
        Span<float> w1t = _w1t.Span;
        int panel = !Vector512.IsHardwareAccelerated && hidden == 128 ? 64 : hidden;
        for (int j = 0; j < _hidden; j++)
            for (int i = 0; i < _in; i++) w1t[(j / panel) * panel * _in + i * panel + j % panel] = p[j * _in + i];
        _b1 = p.Slice(_in * _hidden, _hidden).ToArray();
        int w2 = _in * _hidden + _hidden;
        _w2 = new AlignedFloats(_out * _hidden);
        p.Slice(w2, _out * _hidden).CopyTo(_w2.Span);
        _b2 = p.Slice(w2 + _out * _hidden, _out).ToArray();
    }

    /// <summary>Throws unless this Predict gives <paramref name="network"/>'s outputs for <paramref name="input"/> within 1e-5.</summary>
    public void CheckAgainst(INetwork network, float[] input)
    {
        float[] expected = new float[_out], actual = new float[_out];
        network.Predict(input, expected);
        Predict(input, actual);
        for (int k = 0; k < _out; k++)
        {
            if (!(MathF.Abs(expected[k] - actual[k]) <= 1e-5f)) throw new InvalidOperationException($"The hand-written Predict differs at {k}: {actual[k]} vs {expected[k]}.");
        }
    }

    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        Span<float> h = stackalloc float[128];
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float w = ref MemoryMarshal.GetReference(_w1t.Span);
        ref float hr = ref MemoryMarshal.GetReference(h);
        ref float w2 = ref MemoryMarshal.GetReference(_w2.Span);
        ref float o = ref MemoryMarshal.GetReference(output);
        if (Vector512.IsHardwareAccelerated)
        {
            if (_hidden == 128) Hidden128(ref x, ref w, ref hr);
            else Hidden32(ref x, ref w, ref hr);
            for (int j = 0; j < _hidden; j += 16)
                Vector512.Max(Vector512.LoadUnsafe(ref h[j]) + Vector512.LoadUnsafe(ref _b1[j]), Vector512<float>.Zero).StoreUnsafe(ref h[j]);
            for (int k = 0; k < _out; k++)
            {
                Vector512<float> acc = Vector512<float>.Zero;
                for (int j = 0; j < _hidden; j += 16) acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w2, (nuint)(k * _hidden + j)), Vector512.LoadUnsafe(ref hr, (nuint)j), acc);
                Unsafe.Add(ref o, k) = Vector512.Sum(acc) + _b2[k];
            }
        }
        else
        {
            if (_hidden == 128) { Hidden64x256(ref x, ref w, ref hr, 0); Hidden64x256(ref x, ref Unsafe.Add(ref w, 64 * _in), ref hr, 64); }
            else Hidden32x256(ref x, ref w, ref hr);
            for (int j = 0; j < _hidden; j += 8)
                Vector256.Max(Vector256.LoadUnsafe(ref h[j]) + Vector256.LoadUnsafe(ref _b1[j]), Vector256<float>.Zero).StoreUnsafe(ref h[j]);
            for (int k = 0; k < _out; k++)
            {
                Vector256<float> acc = Vector256<float>.Zero;
                for (int j = 0; j < _hidden; j += 8) acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w2, (nuint)(k * _hidden + j)), Vector256.LoadUnsafe(ref hr, (nuint)j), acc);
                Unsafe.Add(ref o, k) = Vector256.Sum(acc) + _b2[k];
            }
        }
        VectorMath.Softmax(output.Slice(0, _out), output);  // the softmax the generated code calls: the yardstick differs in its first layer only
    }

    private void Hidden128(ref float x, ref float w, ref float h)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int i = 0; i < _in; i++)
        {
            var xi = Vector512.Create(Unsafe.Add(ref x, i));
            ref float row = ref Unsafe.Add(ref w, i * 128);
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 0), xi, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 16), xi, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 32), xi, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 48), xi, a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 64), xi, a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 80), xi, a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 96), xi, a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 112), xi, a7);
        }
        a0.StoreUnsafe(ref h, 0); a1.StoreUnsafe(ref h, 16); a2.StoreUnsafe(ref h, 32); a3.StoreUnsafe(ref h, 48);
        a4.StoreUnsafe(ref h, 64); a5.StoreUnsafe(ref h, 80); a6.StoreUnsafe(ref h, 96); a7.StoreUnsafe(ref h, 112);
    }

    private void Hidden32(ref float x, ref float w, ref float h)
    {
        // Two inputs per step into two sets of accumulators, so four FMA chains are in flight.
        Vector512<float> a0 = default, a1 = default, b0 = default, b1 = default;
        for (int i = 0; i < _in; i += 2)
        {
            var xi = Vector512.Create(Unsafe.Add(ref x, i));
            var xj = Vector512.Create(Unsafe.Add(ref x, i + 1));
            ref float row = ref Unsafe.Add(ref w, i * 32);
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 0), xi, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 16), xi, a1);
            b0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 32), xj, b0);
            b1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 48), xj, b1);
        }
        (a0 + b0).StoreUnsafe(ref h, 0); (a1 + b1).StoreUnsafe(ref h, 16);
    }

    /// <summary>Outputs j0 … j0 + 63 of the 128-wide layer from their [input][64] panel in eight 256-bit accumulators.</summary>
    private void Hidden64x256(ref float x, ref float panel, ref float h, int j0)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int i = 0; i < _in; i++)
        {
            var xi = Vector256.Create(Unsafe.Add(ref x, i));
            ref float row = ref Unsafe.Add(ref panel, i * 64);
            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 0), xi, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 8), xi, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 16), xi, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 24), xi, a3);
            a4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 32), xi, a4);
            a5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 40), xi, a5);
            a6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 48), xi, a6);
            a7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 56), xi, a7);
        }
        ref float hj = ref Unsafe.Add(ref h, j0);
        a0.StoreUnsafe(ref hj, 0); a1.StoreUnsafe(ref hj, 8); a2.StoreUnsafe(ref hj, 16); a3.StoreUnsafe(ref hj, 24);
        a4.StoreUnsafe(ref hj, 32); a5.StoreUnsafe(ref hj, 40); a6.StoreUnsafe(ref hj, 48); a7.StoreUnsafe(ref hj, 56);
    }

    private void Hidden32x256(ref float x, ref float w, ref float h)
    {
        // Two inputs per step into two sets of four accumulators, so eight FMA chains are in flight.
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        for (int i = 0; i < _in; i += 2)
        {
            var xi = Vector256.Create(Unsafe.Add(ref x, i));
            var xj = Vector256.Create(Unsafe.Add(ref x, i + 1));
            ref float row = ref Unsafe.Add(ref w, i * 32);
            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 0), xi, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 8), xi, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 16), xi, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 24), xi, a3);
            b0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 32), xj, b0);
            b1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 40), xj, b1);
            b2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 48), xj, b2);
            b3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row, 56), xj, b3);
        }
        (a0 + b0).StoreUnsafe(ref h, 0); (a1 + b1).StoreUnsafe(ref h, 8); (a2 + b2).StoreUnsafe(ref h, 16); (a3 + b3).StoreUnsafe(ref h, 24);
    }
}
