using System.Collections.Generic;
using System.Linq;
using StaticNet.Samples.GameAgent;
using Xunit;

namespace StaticNet.Samples.Tests;

/// <summary>
/// samples/GameAgent's game loop for a few rounds: the agent learns to catch (it ends up far better than it started and
/// close to its teacher), and its frames (inference and training) allocate nothing. Correctness only: no time is asserted.
/// </summary>
[Collection(nameof(SampleCollection))]
public class GameAgentTests
{
    private const int Seed = 7;

    [Fact]
    public void TheAgentLearnsToCatchFromItsTeacher()
    {
        int untrained = new GameSession(Seed).PlayRound(100, learn: false).Caught;

        var session = new GameSession(Seed);
        List<RoundResult> rounds = Enumerable.Range(0, 8).Select(_ => session.PlayRound(20)).ToList();
        int trained = session.PlayRound(100, learn: false).Caught;

        Assert.True(trained >= 90, $"the trained agent catches {trained} of 100");
        Assert.True(trained >= untrained + 30, $"trained {trained} of 100, untrained {untrained}");
        Assert.True(rounds[^1].Caught > rounds[0].Caught, string.Join(", ", rounds.Select(r => r.Caught)));
        Assert.Equal(100, GameSession.TeacherScore(Seed + 1, 100));
    }

    [Fact]
    public void AFrameAllocatesNothing()
    {
        var session = new GameSession(Seed);
        session.PlayRound(20);   // the JIT settles (tier-up can allocate in the runtime, on this thread, once)
        List<RoundResult> rounds = Enumerable.Range(0, 4).Select(_ => session.PlayRound(20)).ToList();

        // Code that allocated per frame would allocate in every round, at least a few bytes per frame.
        Assert.Contains(rounds, r => r.AllocatedBytes == 0);
        Assert.All(rounds, r => Assert.True(r.AllocatedBytes < r.Frames, $"{r.AllocatedBytes} bytes in {r.Frames} frames"));
        RoundResult watching = session.PlayRound(20, learn: false);
        Assert.True(watching.AllocatedBytes < watching.Frames, $"{watching.AllocatedBytes} bytes in {watching.Frames} frames without learning");
    }

    [Fact]
    public void TheSameSeedPlaysTheSameGame()
    {
        var a = new GameSession(Seed);
        var b = new GameSession(Seed);
        for (int round = 0; round < 3; round++)
        {
            RoundResult ra = a.PlayRound(10), rb = b.PlayRound(10);
            Assert.Equal((ra.Caught, ra.Frames, ra.MeanLoss), (rb.Caught, rb.Frames, rb.MeanLoss));
        }
        Assert.Equal(a.Agent.Policy.Parameters.ToArray(), b.Agent.Policy.Parameters.ToArray());
    }
}
