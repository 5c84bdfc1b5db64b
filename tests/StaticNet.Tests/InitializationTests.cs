using System;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Every <see cref="Initialization"/> scheme draws the distribution docs/training.md gives it: uniform ones stay inside
/// ±limit and reach near it, normal ones have the stated standard deviation and tails past √3·σ, all centred on 0.
/// </summary>
public class InitializationTests
{
    private const int FanIn = 60, FanOut = 20;

    [Theory]
    [InlineData(Initialization.GlorotUniform, 6.0 / (FanIn + FanOut), true)]   // U(±√(6/(in + out)))
    [InlineData(Initialization.GlorotNormal, 2.0 / (FanIn + FanOut), false)]   // N(0, 2/(in + out))
    [InlineData(Initialization.HeUniform, 6.0 / FanIn, true)]                  // U(±√(6/in))
    [InlineData(Initialization.HeNormal, 2.0 / FanIn, false)]                  // N(0, 2/in)
    [InlineData(Initialization.LeCunUniform, 3.0 / FanIn, true)]               // U(±√(3/in))
    [InlineData(Initialization.LeCunNormal, 1.0 / FanIn, false)]               // N(0, 1/in)
    public void EverySchemeDrawsItsDocumentedDistribution(Initialization scheme, double squared, bool uniform)
    {
        var weights = new float[20_000];
        var random = new NetRandom(3);
        ParameterInit.Fill(weights, scheme, FanIn, FanOut, ref random);

        double mean = 0, square = 0, max = 0;
        foreach (float w in weights) { mean += w; square += (double)w * w; max = Math.Max(max, Math.Abs(w)); }
        mean /= weights.Length;
        double std = Math.Sqrt(square / weights.Length - mean * mean);
        double scale = Math.Sqrt(squared);   // the uniform's limit, or the normal's σ
        double sigma = uniform ? scale / Math.Sqrt(3) : scale;

        Assert.InRange(std, 0.97 * sigma, 1.03 * sigma);
        Assert.InRange(mean, -0.03 * sigma, 0.03 * sigma);
        if (uniform) Assert.InRange(max, 0.99 * scale, scale);
        else Assert.True(max > 1.2 * Math.Sqrt(3) * sigma, $"{scheme}: no draw beyond a uniform's reach (max {max}, σ {sigma})");
    }

    [Fact]
    public void DefaultIsHeForTheReluFamilyAndGlorotOtherwise()
    {
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            bool relu = activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU;
            Assert.Equal(relu ? Initialization.HeUniform : Initialization.GlorotUniform, ParameterInit.DefaultFor(activation));
        }
    }
}
