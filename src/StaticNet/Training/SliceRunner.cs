using System;
using System.Numerics.Tensors;
using System.Threading;

namespace StaticNet.Training
{
    /// <summary>
    /// Runs a mini-batch as <see cref="Slices"/> fixed slices, each into its own gradient buffer, on up to
    /// that many threads, then adds the buffers in a fixed order. The arithmetic is the same whatever the
    /// thread count, so results do not depend on it. Threads live for one Train call and wait at a
    /// barrier between batches: nothing is allocated per batch.
    /// </summary>
    internal sealed class SliceRunner : IDisposable
    {
        public const int Slices = 4;

        private readonly ITrainableNetwork _network;
        private readonly float[][] _gradients = new float[Slices][];
        private readonly float[] _loss = new float[Slices], _score = new float[Slices];
        private readonly Thread[] _helpers;
        private readonly Barrier? _barrier;
        private readonly int _workers;
        private float[] _inputs = Array.Empty<float>(), _targets = Array.Empty<float>();
        private int _count;
        private float _scale;
        private volatile bool _stopping;
        private Exception? _error;

        /// <summary>Starts threads − 1 helpers (none for one thread); <paramref name="gradients"/> is slice 0's buffer, the caller's, which receives the sum.</summary>
        public SliceRunner(ITrainableNetwork network, float[] gradients, int threads)
        {
            _network = network;
            _gradients[0] = gradients;
            for (int k = 1; k < Slices; k++) _gradients[k] = new float[gradients.Length];
            _workers = Math.Max(1, Math.Min(threads, Slices));
            _helpers = new Thread[_workers - 1];
            if (_workers == 1) return;
            _barrier = new Barrier(_workers);
            for (int w = 1; w < _workers; w++)
            {
                int worker = w;
                _helpers[w - 1] = new Thread(() => HelperLoop(worker)) { IsBackground = true, Name = "StaticNet slice " + w };
                _helpers[w - 1].Start();
            }
        }

        /// <summary>Accumulates scale·Σ ∂L/∂θ over the batch's <paramref name="count"/> rows into slice 0's buffer; returns Σ loss.</summary>
        public float Run(float[] inputs, float[] targets, int count, float scale, out float score)
        {
            _inputs = inputs;
            _targets = targets;
            _count = count;
            _scale = scale;
            _barrier?.SignalAndWait();   // start: helpers pick up their slices
            Work(0);
            _barrier?.SignalAndWait();   // end: every slice is done
            if (_error is not null) throw new InvalidOperationException("A training thread failed.", _error);

            float[] g0 = _gradients[0], g1 = _gradients[1], g2 = _gradients[2], g3 = _gradients[3];
            TensorPrimitives.Add(g0, g1, g0);  // ((g0 + g1) + (g2 + g3)): one fixed order
            TensorPrimitives.Add(g2, g3, g2);
            TensorPrimitives.Add(g0, g2, g0);
            score = (_score[0] + _score[1]) + (_score[2] + _score[3]);
            return (_loss[0] + _loss[1]) + (_loss[2] + _loss[3]);
        }

        private void Work(int worker)
        {
            try
            {
                for (int k = worker; k < Slices; k += _workers)
                {
                    int start = _count * k / Slices, end = _count * (k + 1) / Slices;
                    if (k > 0) Array.Clear(_gradients[k], 0, _gradients[k].Length);
                    _loss[k] = 0f;
                    _score[k] = 0f;
                    if (end > start)
                    {
                        _loss[k] = _network.AccumulateSlice(_inputs, _targets, start, end - start, _scale, _gradients[k], training: true, out _score[k]);
                    }
                }
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        }

        private void HelperLoop(int worker)
        {
            while (true)
            {
                _barrier!.SignalAndWait();
                if (_stopping) return;
                Work(worker);
                _barrier.SignalAndWait();
            }
        }

        public void Dispose()
        {
            if (_barrier is null) return;
            _stopping = true;
            _barrier.SignalAndWait();
            foreach (Thread helper in _helpers) helper.Join();
            _barrier.Dispose();
        }
    }
}
