using System;
using System.Numerics.Tensors;

namespace StaticNet.Benchmarks.Peers;

/// <summary>
/// A careful runtime-sized MLP: flat row-major weights and SIMD through TensorPrimitives (dot products,
/// multiply-adds, activations), but every size a run-time value. What a good library without code
/// generation does.
/// </summary>
public sealed class SimdMlp
{
    private readonly int[] _sizes;
    private readonly float[][] _w, _b, _a, _d, _gw, _gb;
    private readonly bool _relu, _softmax;

    public SimdMlp(int[] sizes, bool reluHidden, bool softmaxOutput, int seed)
    {
        _sizes = sizes;
        _relu = reluHidden;
        _softmax = softmaxOutput;
        var random = new Random(seed);
        int layers = sizes.Length - 1;
        _w = new float[layers][];
        _gw = new float[layers][];
        _gb = new float[layers][];
        _b = new float[layers][];
        _a = new float[sizes.Length][];
        _d = new float[sizes.Length][];
        for (int l = 0; l < sizes.Length; l++) { _a[l] = new float[sizes[l]]; _d[l] = new float[sizes[l]]; }
        for (int l = 0; l < layers; l++)
        {
            float limit = MathF.Sqrt(6f / sizes[l]);
            _w[l] = new float[sizes[l + 1] * sizes[l]];
            for (int i = 0; i < _w[l].Length; i++) _w[l][i] = (float)(random.NextDouble() * 2 - 1) * limit;
            _b[l] = new float[sizes[l + 1]];
            _gw[l] = new float[_w[l].Length];
            _gb[l] = new float[sizes[l + 1]];
        }
    }

    /// <summary>Mini-batch SGD: each sample's gradient accumulated with SIMD, then one averaged update.</summary>
    public void TrainBatch(float[] inputs, float[] targets, int start, int count, float learningRate)
    {
        int nIn = _sizes[0], nOut = _sizes[^1], last = _sizes.Length - 1;
        for (int s = start; s < start + count; s++)
        {
            inputs.AsSpan(s * nIn, nIn).CopyTo(_a[0]);
            ForwardFromA0();
            ReadOnlySpan<float> t = targets.AsSpan(s * nOut, nOut);
            TensorPrimitives.Subtract(_a[last], t, _d[last]);
            if (!_softmax) for (int k = 0; k < nOut; k++) { float y = _a[last][k]; _d[last][k] *= 2f / nOut * y * (1f - y); }
            for (int l = last; l >= 1; l--)
            {
                int n = _sizes[l - 1];
                Span<float> dPrev = _d[l - 1];
                if (l > 1) dPrev.Clear();
                for (int j = 0; j < _sizes[l]; j++)
                {
                    float dj = _d[l][j];
                    if (l > 1) TensorPrimitives.MultiplyAdd(_w[l - 1].AsSpan(j * n, n), dj, dPrev, dPrev);
                    Span<float> g = _gw[l - 1].AsSpan(j * n, n);
                    TensorPrimitives.MultiplyAdd(_a[l - 1], dj, g, g);
                    _gb[l - 1][j] += dj;
                }
                if (l > 1) for (int i = 0; i < n; i++) { float a = _a[l - 1][i]; dPrev[i] *= _relu ? (a > 0f ? 1f : 0f) : 1f - a * a; }
            }
        }
        float step = -learningRate / count;
        for (int l = 0; l < _w.Length; l++)
        {
            TensorPrimitives.MultiplyAdd(_gw[l], step, _w[l], _w[l]);
            TensorPrimitives.MultiplyAdd(_gb[l], step, _b[l], _b[l]);
            Array.Clear(_gw[l]);
            Array.Clear(_gb[l]);
        }
    }

    public void Predict(float[] input, float[] output)
    {
        Forward(input);
        _a[^1].AsSpan().CopyTo(output);
    }

    public float TrainStep(float[] input, float[] target, float learningRate)
    {
        Forward(input);
        int last = _sizes.Length - 1;
        float loss;
        if (_softmax)
        {
            TensorPrimitives.Subtract(_a[last], target, _d[last]);
            loss = 0f;
            for (int k = 0; k < target.Length; k++) if (target[k] != 0f) loss -= target[k] * MathF.Log(_a[last][k]);
        }
        else
        {
            TensorPrimitives.Subtract(_a[last], target, _d[last]);
            loss = TensorPrimitives.SumOfSquares(_d[last]) / _d[last].Length;
            for (int k = 0; k < _d[last].Length; k++) { float y = _a[last][k]; _d[last][k] *= 2f / _d[last].Length * y * (1f - y); }
        }
        for (int l = last; l >= 1; l--)
        {
            int nIn = _sizes[l - 1];
            Span<float> dPrev = _d[l - 1];
            if (l > 1) dPrev.Clear();
            for (int j = 0; j < _sizes[l]; j++)
            {
                Span<float> row = _w[l - 1].AsSpan(j * nIn, nIn);
                float dj = _d[l][j];
                if (l > 1) TensorPrimitives.MultiplyAdd(row, dj, dPrev, dPrev);
                TensorPrimitives.MultiplyAdd(_a[l - 1], -learningRate * dj, row, row);
                _b[l - 1][j] -= learningRate * dj;
            }
            if (l > 1)
            {
                for (int i = 0; i < nIn; i++)
                {
                    float a = _a[l - 1][i];
                    dPrev[i] *= _relu ? (a > 0f ? 1f : 0f) : 1f - a * a;
                }
            }
        }
        return loss;
    }

    private void Forward(float[] input)
    {
        input.AsSpan().CopyTo(_a[0]);
        ForwardFromA0();
    }

    private void ForwardFromA0()
    {
        int last = _sizes.Length - 1;
        for (int l = 1; l <= last; l++)
        {
            int nIn = _sizes[l - 1];
            for (int j = 0; j < _sizes[l]; j++) _a[l][j] = _b[l - 1][j] + TensorPrimitives.Dot(_w[l - 1].AsSpan(j * nIn, nIn), _a[l - 1]);
            if (l < last)
            {
                if (_relu) TensorPrimitives.Max(_a[l], 0f, _a[l]);
                else TensorPrimitives.Tanh(_a[l], _a[l]);
            }
            else if (_softmax) TensorPrimitives.SoftMax(_a[l], _a[l]);
            else TensorPrimitives.Sigmoid(_a[l], _a[l]);
        }
    }
}
