using System;

namespace StaticNet.Benchmarks.Peers;

/// <summary>
/// The MLP most people write first: jagged float[] weights, plain loops, sizes known only at run time.
/// Hidden layers use <see cref="Hidden"/>; the output is softmax + cross-entropy, or sigmoid + MSE.
/// </summary>
public sealed class NaiveMlp
{
    public enum Hidden { ReLU, Tanh }

    private readonly int[] _sizes;
    private readonly float[][][] _w, _gw;
    private readonly float[][] _gb;
    private readonly float[][] _b, _a, _d;
    private readonly Hidden _hidden;
    private readonly bool _softmax;

    public NaiveMlp(int[] sizes, Hidden hidden, bool softmaxOutput, int seed)
    {
        _sizes = sizes;
        _hidden = hidden;
        _softmax = softmaxOutput;
        var random = new Random(seed);
        int layers = sizes.Length - 1;
        _w = new float[layers][][];
        _gw = new float[layers][][];
        _gb = new float[layers][];
        _b = new float[layers][];
        _a = new float[sizes.Length][];
        _d = new float[sizes.Length][];
        for (int l = 0; l < sizes.Length; l++) { _a[l] = new float[sizes[l]]; _d[l] = new float[sizes[l]]; }
        for (int l = 0; l < layers; l++)
        {
            float limit = MathF.Sqrt(6f / sizes[l]);
            _w[l] = new float[sizes[l + 1]][];
            for (int j = 0; j < sizes[l + 1]; j++)
            {
                _w[l][j] = new float[sizes[l]];
                for (int i = 0; i < sizes[l]; i++) _w[l][j][i] = (float)(random.NextDouble() * 2 - 1) * limit;
            }
            _b[l] = new float[sizes[l + 1]];
            _gb[l] = new float[sizes[l + 1]];
            _gw[l] = new float[sizes[l + 1]][];
            for (int j = 0; j < sizes[l + 1]; j++) _gw[l][j] = new float[sizes[l]];
        }
    }

    /// <summary>Mini-batch SGD the plain way: accumulate each sample's gradient, then one averaged update.</summary>
    public void TrainBatch(float[] inputs, float[] targets, int start, int count, float learningRate)
    {
        int nIn = _sizes[0], nOut = _sizes[^1];
        for (int s = start; s < start + count; s++)
        {
            Array.Copy(inputs, s * nIn, _a[0], 0, nIn);
            ForwardFromA0();
            OutputDelta(targets, s * nOut);
            for (int l = _sizes.Length - 1; l >= 1; l--)
            {
                float[] dPrev = _d[l - 1], aPrev = _a[l - 1];
                if (l > 1) Array.Clear(dPrev);
                for (int j = 0; j < _sizes[l]; j++)
                {
                    float dj = _d[l][j];
                    float[] row = _w[l - 1][j], grad = _gw[l - 1][j];
                    for (int i = 0; i < _sizes[l - 1]; i++)
                    {
                        if (l > 1) dPrev[i] += dj * row[i];
                        grad[i] += dj * aPrev[i];
                    }
                    _gb[l - 1][j] += dj;
                }
                if (l > 1) Derivative(l - 1);
            }
        }
        float step = learningRate / count;
        for (int l = 0; l < _w.Length; l++)
        {
            for (int j = 0; j < _w[l].Length; j++)
            {
                for (int i = 0; i < _w[l][j].Length; i++) { _w[l][j][i] -= step * _gw[l][j][i]; _gw[l][j][i] = 0f; }
                _b[l][j] -= step * _gb[l][j];
                _gb[l][j] = 0f;
            }
        }
    }

    private void OutputDelta(float[] targets, int at)
    {
        int last = _sizes.Length - 1;
        for (int k = 0; k < _sizes[last]; k++)
        {
            float y = _a[last][k], t = targets[at + k];
            _d[last][k] = _softmax ? y - t : 2f * (y - t) / _sizes[last] * y * (1f - y);
        }
    }

    private void Derivative(int l)
    {
        for (int i = 0; i < _sizes[l]; i++)
        {
            float a = _a[l][i];
            _d[l][i] *= _hidden == Hidden.ReLU ? (a > 0f ? 1f : 0f) : 1f - a * a;
        }
    }

    public void Predict(float[] input, float[] output)
    {
        Forward(input);
        Array.Copy(_a[^1], output, output.Length);
    }

    public float TrainStep(float[] input, float[] target, float learningRate)
    {
        Forward(input);
        int last = _sizes.Length - 1;
        float loss = 0f;
        for (int k = 0; k < _sizes[last]; k++)
        {
            float y = _a[last][k], t = target[k];
            if (_softmax) { loss -= t * MathF.Log(y); _d[last][k] = y - t; }
            else { loss += (y - t) * (y - t) / _sizes[last]; _d[last][k] = 2f * (y - t) / _sizes[last] * y * (1f - y); }
        }
        for (int l = last; l >= 1; l--)
        {
            float[] dPrev = _d[l - 1], aPrev = _a[l - 1];
            if (l > 1) Array.Clear(dPrev);
            for (int j = 0; j < _sizes[l]; j++)
            {
                float dj = _d[l][j];
                float[] row = _w[l - 1][j];
                for (int i = 0; i < _sizes[l - 1]; i++)
                {
                    if (l > 1) dPrev[i] += dj * row[i];
                    row[i] -= learningRate * dj * aPrev[i];
                }
                _b[l - 1][j] -= learningRate * dj;
            }
            if (l > 1)
            {
                for (int i = 0; i < _sizes[l - 1]; i++)
                {
                    float a = aPrev[i];
                    dPrev[i] *= _hidden == Hidden.ReLU ? (a > 0f ? 1f : 0f) : 1f - a * a;
                }
            }
        }
        return loss;
    }

    private void Forward(float[] input)
    {
        Array.Copy(input, _a[0], input.Length);
        ForwardFromA0();
    }

    private void ForwardFromA0()
    {
        int last = _sizes.Length - 1;
        for (int l = 1; l <= last; l++)
        {
            for (int j = 0; j < _sizes[l]; j++)
            {
                float z = _b[l - 1][j];
                float[] row = _w[l - 1][j];
                for (int i = 0; i < _sizes[l - 1]; i++) z += row[i] * _a[l - 1][i];
                _a[l][j] = l < last
                    ? (_hidden == Hidden.ReLU ? MathF.Max(0f, z) : MathF.Tanh(z))
                    : (_softmax ? z : 1f / (1f + MathF.Exp(-z)));
            }
        }
        if (_softmax)
        {
            float max = float.NegativeInfinity, sum = 0f;
            foreach (float z in _a[last]) max = MathF.Max(max, z);
            for (int k = 0; k < _sizes[last]; k++) { _a[last][k] = MathF.Exp(_a[last][k] - max); sum += _a[last][k]; }
            for (int k = 0; k < _sizes[last]; k++) _a[last][k] /= sum;
        }
    }
}
