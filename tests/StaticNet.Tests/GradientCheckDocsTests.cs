using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>docs/gradient-check.md quotes GradientCheck's reports for the code it shows: these print them and compare.</summary>
public class GradientCheckDocsTests
{
    private const string Page = "docs/gradient-check.md";

    // The example of the page: SmallClassifier is Input(4) → Dense(8, ReLU) → Dense(3, Softmax), as declared there.
    private static readonly float[] Input = { 0.5f, -1f, 0.25f, 0.75f };
    private static readonly float[] Target = { 0f, 0f, 1f };

    [Fact]
    public void DocumentedReportOfACorrectNetworkIsWhatItPrints()
    {
        var net = new SmallClassifier(seed: 1);
        GradientCheckResult check = GradientCheck.Run(net, Input, Target);
        Assert.True(check.Passed);
        DocumentedOutput.Matches(Page, "correct", check.ToString());
    }

    [Fact]
    public void DocumentedReportOfABrokenNetworkIsWhatItPrints()
    {
        var net = new BrokenGradientNetwork(new SmallClassifier(seed: 1), BrokenGradientNetwork.FlipBiasSign(SmallClassifier.Architecture, layer: 0));
        GradientCheckResult check = GradientCheck.Run(net, Input, Target);
        Assert.False(check.Passed);
        DocumentedOutput.Matches(Page, "broken", check.ToString());
    }
}
