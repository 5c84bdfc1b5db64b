using System;
using System.Numerics.Tensors;
using System.Threading;

namespace StaticNet.Training
{
    /// <summary>
    /// Runs a mini-batch as <see cref="Slices"/> fixed slices, each into its own gradient buffer, on up to
    /// that many threads; then the threads add the buffers (and the gradient's squared norm) over
    /// <see cref="Slices"/> fixed ranges of the parameters, each element in one fixed order. The arithmetic
    /// is the same whatever the thread count, so results do not depend on it. Threads live for one
    /// Train call and wait at a barrier between phases: nothing is allocated per batch.
    /// </summary>
    internal sealed class SliceRunner : IDisposable
    {
        public const int Slices = 4;

        private readonly ITrainableNetwork _network;
        private readonly float[][] _gradients = new float[Slices][];
        private readonly float[] _loss = new float[Slices], _score = new float[Slices], _squares = new float[Slices];
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

        /// <summary>
        /// Accumulates scale·Σ ∂L/∂θ over the batch's <paramref name="count"/> rows into slice 0's buffer;
        /// returns Σ loss, with Σ accuracy in <paramref name="score"/> and ‖gradient‖₂ in <paramref name="norm"/>.
        /// </summary>
        public float Run(float[] inputs, float[] targets, int count, float scale, out float score, out double norm)
        {
            _inputs = inputs;
            _targets = targets;
            _count = count;
            _scale = scale;
            _barrier?.SignalAndWait();   // start: helpers pick up their slices
            Work(0);
            _barrier?.SignalAndWait();   // every slice is done: add them up, range by range
            Reduce(0);
            _barrier?.SignalAndWait();   // end
            if (_error is not null) throw new InvalidOperationException("A training thread failed.", _error);

            score = (_score[0] + _score[1]) + (_score[2] + _score[3]);
            norm = Math.Sqrt(((double)_squares[0] + _squares[1]) + ((double)_squares[2] + _squares[3]));
            return (_loss[0] + _loss[1]) + (_loss[2] + _loss[3]);
        }

        /// <summary>g0 = (g0 + g1) + (g2 + g3) and its squared norm over this worker's fixed ranges.</summary>
        private void Reduce(int worker)
        {
            try
            {
                int length = _gradients[0].Length;
                for (int k = worker; k < Slices; k += _workers)
                {
                    int start = (int)((long)length * k / Slices), end = (int)((long)length * (k + 1) / Slices);
                    Span<float> g0 = _gradients[0].AsSpan(start, end - start), g2 = _gradients[2].AsSpan(start, end - start);
                    TensorPrimitives.Add(g0, _gradients[1].AsSpan(start, end - start), g0);
                    TensorPrimitives.Add(g2, _gradients[3].AsSpan(start, end - start), g2);
                    TensorPrimitives.Add(g0, g2, g0);
                    _squares[k] = TensorPrimitives.SumOfSquares(g0);
                }
            }
            catch (Exception ex)
            {
                _error = ex;
            }
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
                Reduce(worker);
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
