using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using StaticNet;

namespace StaticNet.Tests;

/// <summary>
/// A plain, obviously-written MLP in double precision, built from a network type's own attributes
/// (read by reflection). It is the yardstick for generated code: outputs, losses and — by central
/// finite differences in double — true gradients.
/// </summary>
public sealed class ReferenceMlp
{
    public ReferenceMlp(Type networkType)
    {
        InputSize = networkType.GetCustomAttribute<InputAttribute>()!.Size;
        Loss = networkType.GetCustomAttribute<NetworkAttribute>()!.Loss;
        Layers = networkType.GetCustomAttributes<DenseAttribute>().ToArray();
        Sizes = new[] { InputSize }.Concat(Layers.Select(l => l.Size)).ToArray();
        ParameterCount = Enumerable.Range(1, Layers.Length).Sum(l => Sizes[l] * Sizes[l - 1] + Sizes[l]);
    }

    public int InputSize { get; }

    public int OutputSize => Sizes[^1];

    public Loss Loss { get; }

    public DenseAttribute[] Layers { get; }

    public int[] Sizes { get; }

    public int ParameterCount { get; }

    /// <summary>The network's output; <paramref name="mask"/> (dropout) gives the factor on unit j of layer l, 0 or 1/(1 − p).</summary>
    public double[] Forward(ReadOnlySpan<double> p, ReadOnlySpan<double> x, Func<int, int, double>? mask = null)
    {
        double[] a = x.ToArray();
        int offset = 0;
        for (int l = 1; l <= Layers.Length; l++)
        {
            int nIn = Sizes[l - 1], nOut = Sizes[l];
            var z = new double[nOut];
            for (int j = 0; j < nOut; j++)
            {
                double sum = p[offset + nOut * nIn + j];
                for (int i = 0; i < nIn; i++) sum += p[offset + j * nIn + i] * a[i];
                z[j] = sum;
            }
            offset += nOut * nIn + nOut;
            a = Activate(Layers[l - 1], z);
            if (mask is not null)
            {
                for (int j = 0; j < nOut; j++) a[j] *= mask(l, j);
            }
        }
        return a;
    }

    public double LossOf(ReadOnlySpan<double> p, ReadOnlySpan<double> x, ReadOnlySpan<double> t, Func<int, int, double>? mask = null)
    {
        double[] y = Forward(p, x, mask);
        int n = y.Length;
        double sum = 0;
        switch (Loss)
        {
            case Loss.MeanSquaredError:
                for (int k = 0; k < n; k++) sum += (y[k] - t[k]) * (y[k] - t[k]);
                return sum / n;
            case Loss.BinaryCrossEntropy:
                for (int k = 0; k < n; k++) sum += t[k] * Math.Max(Math.Log(y[k]), -100) + (1 - t[k]) * Math.Max(Math.Log(1 - y[k]), -100);
                return -sum / n;
            default:
                for (int k = 0; k < n; k++) sum += t[k] * Math.Log(y[k]);
                return -sum;
        }
    }

    /// <summary>Every how many parameters central differences are taken: all of them up to 5,000, then a spread-out sample (each costs two forward passes).</summary>
    public int GradientStride => Math.Max(1, ParameterCount / 5000);

    /// <summary>
    /// ∂L/∂θ by central differences, h scaled to each parameter, for every <see cref="GradientStride"/>-th
    /// parameter; the others are NaN (skipped by comparisons).
    /// </summary>
    public double[] NumericalGradient(ReadOnlySpan<double> p, ReadOnlySpan<double> x, ReadOnlySpan<double> t, Func<int, int, double>? mask = null)
    {
        double[] q = p.ToArray();
        var gradient = new double[q.Length];
        for (int i = 0; i < q.Length; i++)
        {
            if (i % GradientStride != 0)
            {
                gradient[i] = double.NaN;
                continue;
            }
            double original = q[i], h = 1e-6 * Math.Max(1, Math.Abs(original));
            q[i] = original + h;
            double plus = LossOf(q, x, t, mask);
            q[i] = original - h;
            double minus = LossOf(q, x, t, mask);
            q[i] = original;
            gradient[i] = (plus - minus) / (2 * h);
        }
        return gradient;
    }

    private static double[] Activate(DenseAttribute layer, double[] z)
    {
        double alpha = float.IsNaN(layer.Alpha) ? (layer.Activation == Activation.LeakyReLU ? 0.01 : 1.0) : layer.Alpha;
        if (layer.Activation == Activation.Softmax)
        {
            double max = z.Max();
            double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
            double sum = e.Sum();
            return e.Select(v => v / sum).ToArray();
        }
        return z.Select(v => layer.Activation switch
        {
            Activation.Identity => v,
            Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
            Activation.Tanh => Math.Tanh(v),
            Activation.ReLU => Math.Max(0, v),
            Activation.LeakyReLU => v > 0 ? v : alpha * v,
            Activation.ELU => v > 0 ? v : alpha * (Math.Exp(v) - 1),
            _ => throw new ArgumentOutOfRangeException(nameof(layer)),
        }).ToArray();
    }

    /// <summary>Inputs in [−1, 1] and targets the loss accepts: any reals for MSE, [0, 1] for BCE, a distribution for CE.</summary>
    public (float[] Input, float[] Target) RandomSample(Random random)
    {
        float[] input = Enumerable.Range(0, InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] target = Enumerable.Range(0, OutputSize).Select(_ => (float)random.NextDouble()).ToArray();
        if (Loss == Loss.CrossEntropy)
        {
            float sum = target.Sum();
            for (int k = 0; k < target.Length; k++) target[k] /= sum;
        }
        return (input, target);
    }

    /// <summary>
    /// Initialisation leaves biases at zero; this gives them values in ±range/2 so that checks of the
    /// forward pass cover the bias terms too.
    /// </summary>
    public void RandomizeBiases(Span<float> parameters, Random random, float range = 0.6f)
    {
        int offset = 0;
        for (int l = 1; l < Sizes.Length; l++)
        {
            offset += Sizes[l] * Sizes[l - 1];
            for (int j = 0; j < Sizes[l]; j++) parameters[offset + j] = (float)(random.NextDouble() - 0.5) * range;
            offset += Sizes[l];
        }
    }

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }

    /// <summary>The largest network the reference checks run over (finite differences cost its size for each of 5,000 parameters).</summary>
    public const int MaxCheckedParameters = 100_000;

    /// <summary>
    /// The networks the reference checks run over: every one declared in <paramref name="assembly"/> up to
    /// <see cref="MaxCheckedParameters"/>. Larger ones are declared only for their sizes (HostileNetworks' WideSoftmax,
    /// 65,536 outputs): finite differences through a softmax that wide take half a minute per SIMD path and check nothing
    /// a 10-wide one does not.
    /// </summary>
    public static IEnumerable<Type> NetworkTypes(Assembly assembly)
        => assembly.GetTypes().Where(t => t.GetCustomAttribute<NetworkAttribute>() is not null && new ReferenceMlp(t).ParameterCount <= MaxCheckedParameters)
            .OrderBy(t => t.Name, StringComparer.Ordinal);
}
