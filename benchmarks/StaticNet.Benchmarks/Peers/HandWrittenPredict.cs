using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Benchmarks.Peers;

/// <summary>
/// The hand-specialised single-sample Predict for a ReLU → softmax network with one hidden layer of 32 or 128:
/// the first layer's weights copied once, transposed to [input][hidden], and accumulated as broadcast(x[i]) × row i into
/// register accumulators (one linear stream, no horizontal sums); the second layer as dot products. AVX-512 only: the
/// yardstick the generated Predict is measured against, not a product.
/// </summary>
public sealed class HandWrittenPredict
{
    private readonly int _in, _hidden, _out;
    private readonly AlignedFloats _w1t, _w2;  // on cache lines, like the generated network's parameters
    private readonly float[] _b1, _b2;

    public HandWrittenPredict(INetwork network, int hidden)
    {
        if (!Vector512.IsHardwareAccelerated) throw new PlatformNotSupportedException("The hand-written Predict is AVX-512 only.");
        if (hidden is not (32 or 128)) throw new ArgumentOutOfRangeException(nameof(hidden));
        _in = network.InputSize; _hidden = hidden; _out = network.OutputSize;
        // The library's own read: taking the public span would send the network's Predict off its transposed copy.
        ReadOnlySpan<float> p = ((StaticNet.Training.ITrainableNetwork)network).ParameterMemory;
        _w1t = new AlignedFloats(_in * _hidden);
        Span<float> w1t = _w1t.Span;
        for (int j = 0; j < _hidden; j++)
            for (int i = 0; i < _in; i++) w1t[i * _hidden + j] = p[j * _in + i];
        _b1 = p.Slice(_in * _hidden, _hidden).ToArray();
        int w2 = _in * _hidden + _hidden;
        _w2 = new AlignedFloats(_out * _hidden);
        p.Slice(w2, _out * _hidden).CopyTo(_w2.Span);
        _b2 = p.Slice(w2 + _out * _hidden, _out).ToArray();
    }

    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        Span<float> h = stackalloc float[128];
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float w = ref MemoryMarshal.GetReference(_w1t.Span);
        if (_hidden == 128) Hidden128(ref x, ref w, ref MemoryMarshal.GetReference(h));
        else Hidden32(ref x, ref w, ref MemoryMarshal.GetReference(h));
        for (int j = 0; j < _hidden; j += 16)
            Vector512.Max(Vector512.LoadUnsafe(ref h[j]) + Vector512.LoadUnsafe(ref _b1[j]), Vector512<float>.Zero).StoreUnsafe(ref h[j]);
        ref float w2 = ref MemoryMarshal.GetReference(_w2.Span);
        ref float hr = ref MemoryMarshal.GetReference(h);
        for (int k = 0; k < _out; k++)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (int j = 0; j < _hidden; j += 16) acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w2, (nuint)(k * _hidden + j)), Vector512.LoadUnsafe(ref hr, (nuint)j), acc);
            Unsafe.Add(ref MemoryMarshal.GetReference(output), k) = Vector512.Sum(acc) + _b2[k];
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
}
