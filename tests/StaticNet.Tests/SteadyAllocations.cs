using System;

namespace StaticNet.Tests;

/// <summary>
/// Bytes a piece of code allocates per run once the runtime has settled. The first calls of a method can allocate
/// in the runtime itself (tiered compilation's promotion, on-stack replacement), and in a busy test run that can
/// happen late; so the code runs in a few windows and the smallest count is the code's own. Code that allocates on
/// every run allocates in every window, so this still fails it.
/// </summary>
internal static class SteadyAllocations
{
    public static long Of(Action<int> run, int times, int windows = 4)
    {
        run(times);  // let the JIT settle before measuring
        long least = long.MaxValue;
        for (int w = 0; w < windows && least != 0; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            run(times);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
