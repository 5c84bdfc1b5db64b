using System.Threading;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The barrier between training threads releases nobody early, whether the waiting thread is still spinning or has blocked.</summary>
public class SpinBarrierTests
{
    [Fact]
    public void EveryRoundWaitsForBothThreadsEvenAfterTheSpinGivesUp()
    {
        const int Rounds = 40;
        var barrier = new SpinBarrier(2);
        int written = -1, mismatches = 0;
        var writer = new Thread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                // Every third round arrives late, past the spin budget, so the other thread has blocked by then.
                if (round % 3 == 0) Thread.Sleep(2 * SpinBarrier.SpinMicroseconds / 1000 + 1);
                Volatile.Write(ref written, round);
                barrier.SignalAndWait();   // the round's value is written
                barrier.SignalAndWait();   // the reader has read it
            }
        });
        writer.Start();
        for (int round = 0; round < Rounds; round++)
        {
            barrier.SignalAndWait();
            if (Volatile.Read(ref written) != round) mismatches++;
            barrier.SignalAndWait();
        }
        Assert.True(writer.Join(10_000), "a thread was never released");   // a hang guard, not a timing check
        Assert.Equal(0, mismatches);
    }
}
