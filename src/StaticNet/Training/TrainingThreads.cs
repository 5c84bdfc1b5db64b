using System;
using System.Collections.Generic;
using System.Threading;

namespace StaticNet.Training
{
    /// <summary>
    /// Helper threads for <see cref="BatchRunner"/>, kept between Train calls: starting a thread costs more
    /// than a mini-batch of a mid-sized network, and a game may call Train every frame. An idle helper waits
    /// on its own semaphore (it does not spin); the pool grows to the most helpers ever busy at once.
    /// </summary>
    internal static class TrainingThreads
    {
        private static readonly Stack<Helper> Idle = new Stack<Helper>();

        /// <summary>Runs <paramref name="job"/>(<paramref name="worker"/>) on a helper thread; the helper rejoins the pool when it returns.</summary>
        public static void Start(Action<int> job, int worker)
        {
            Helper? helper = null;
            lock (Idle)
            {
                if (Idle.Count > 0) helper = Idle.Pop();
            }
            (helper ?? new Helper()).Run(job, worker);
        }

        private sealed class Helper
        {
            private readonly SemaphoreSlim _go = new SemaphoreSlim(0);
            private Action<int>? _job;
            private int _worker;

            public Helper()
            {
                new Thread(Loop) { IsBackground = true, Name = "StaticNet training" }.Start();
            }

            public void Run(Action<int> job, int worker)
            {
                _job = job;
                _worker = worker;
                _go.Release();   // publishes the two fields above to the helper
            }

            private void Loop()
            {
                while (true)
                {
                    _go.Wait();
                    Action<int> job = _job!;
                    _job = null;
                    job(_worker);   // BatchRunner's helper loop: it catches what its work throws
                    lock (Idle) Idle.Push(this);
                }
            }
        }
    }
}
