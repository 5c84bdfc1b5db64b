using System.Diagnostics;
using System.Threading;

namespace StaticNet.Training
{
    /// <summary>
    /// A barrier for threads that meet every few dozen microseconds: waiting threads spin (yielding the core
    /// now and then) for up to <see cref="SpinMicroseconds"/> before they block. <see cref="Barrier"/> blocks
    /// almost at once, and waking a blocked thread costs more than a mini-batch phase of a mid-sized network.
    /// </summary>
    internal sealed class SpinBarrier
    {
        /// <summary>How long a waiting thread spins before it blocks: longer than the serial work between two batches.</summary>
        public const int SpinMicroseconds = 500;

        private static readonly long SpinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;

        private readonly object _lock = new object();
        private readonly int _participants;
        private int _remaining;
        private volatile int _generation;

        public SpinBarrier(int participants)
        {
            _participants = participants;
            _remaining = participants;
        }

        /// <summary>Returns once all participants have called it.</summary>
        public void SignalAndWait()
        {
            int generation = _generation;
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _remaining = _participants;   // before the release: nobody can arrive at the next round yet
                lock (_lock)
                {
                    _generation = generation + 1;
                    Monitor.PulseAll(_lock);
                }
                return;
            }
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            var spinner = new SpinWait();
            while (_generation == generation)
            {
                if (Stopwatch.GetTimestamp() < deadline)
                {
#if NETSTANDARD2_0
                    spinner.SpinOnce();
#else
                    spinner.SpinOnce(sleep1Threshold: -1);   // yield now and then, never sleep a whole millisecond
#endif
                    continue;
                }
                lock (_lock)
                {
                    while (_generation == generation) Monitor.Wait(_lock);
                }
            }
        }
    }
}
