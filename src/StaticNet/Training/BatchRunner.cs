using System;

namespace StaticNet.Training
{
    /// <summary>
    /// Runs a mini-batch on several threads in phases: first the gather of the batch's rows, each thread a range of
    /// them; then layer 1's forward pass, each thread a range of its rows, when it is hidden (each thread then reads
    /// only the rows of W1 it also updates, which stay in its own cache instead of crossing to the other core's every
    /// batch); then the rest of the forward and the backward pass and the losses, each thread a range of samples; then the
    /// gradients, each thread a range of every layer's rows, written straight into the one gradient buffer (and, when the trainer asks for it, each thread's optimizer step on its rows as soon as
    /// they are finished). No thread writes what another reads within a phase, there is no reduction,
    /// and every sample and gradient row is computed exactly as on one thread (ranges are whole blocks of four,
    /// <see cref="BlockSplit"/>), so results are bit for bit the same for any thread count. Each thread streams
    /// only its share of the weight gradients. The optimizer step is shared the same way, by parameter ranges
    /// (<see cref="Update"/>). The helper threads come from <see cref="TrainingThreads"/> for one Train call and
    /// wait at a spinning barrier between phases: nothing is allocated per batch.
    /// </summary>
    internal sealed class BatchRunner : IDisposable
    {
        private readonly IParallelTrainableNetwork _network;
        private readonly float[] _gradients;
        private readonly SpinBarrier _barrier;
        private readonly int _workers;
        private readonly bool _firstLayerByRows;
        private readonly AlignedFloats _inputs;
        private readonly float[] _targets;
        private readonly float[] _losses, _scores;   // each sample's, written by the thread that ran it forward
        private PinnedDataSet? _data;
        private int[] _rows = Array.Empty<int>();
        private int _first, _count;
        private float _scale;
        private ParameterUpdate? _update;
        private IParameterRangeUpdate? _fusedUpdate;
        private volatile Phase _phase;
        private volatile bool _stopping;

        private enum Phase { Batch, Update }
        private Exception? _error;

        /// <summary>Takes <paramref name="threads"/> − 1 helper threads (at least one); the caller's thread is the first worker.</summary>
        public BatchRunner(IParallelTrainableNetwork network, float[] gradients, AlignedFloats inputs, float[] targets, int threads)
        {
            if (threads < 2) throw new ArgumentOutOfRangeException(nameof(threads), threads, "A batch runner needs at least two threads; one thread calls AccumulateSlice.");
            _network = network;
            _gradients = gradients;
            _inputs = inputs;
            _targets = targets;
            _workers = threads;
            _firstLayerByRows = network is IRowSplitTrainableNetwork;
            _losses = new float[inputs.Length / network.InputSize];
            _scores = new float[_losses.Length];
            _barrier = new SpinBarrier(_workers);
            for (int w = 1; w < _workers; w++) TrainingThreads.Start(HelperLoop, w);
        }

        /// <summary>
        /// Gathers the batch, rows <paramref name="rows"/>[first … first + count − 1] of <paramref name="data"/>, into the
        /// input and target buffers (each thread its share of them), then sets the gradient buffer to scale·Σ ∂L/∂θ over
        /// it; returns Σ loss, with Σ accuracy in <paramref name="score"/>. With an <paramref name="update"/>, each thread
        /// also takes the optimizer step on its gradient rows as it finishes them (<see cref="IParallelTrainableNetwork.ComputeGradientRows"/>).
        /// </summary>
        public float Run(PinnedDataSet data, int[] rows, int first, int count, float scale, IParameterRangeUpdate? update, out float score)
        {
            _fusedUpdate = update;
            _data = data;
            _rows = rows;
            _first = first;
            _count = count;
            _scale = scale;
            _phase = Phase.Batch;
            _barrier.SignalAndWait();   // start: the helpers take their rows of the batch to gather
            Gather(0);
            _barrier.SignalAndWait();   // the batch is gathered: the helpers take their rows of layer 1, or their samples
            if (_firstLayerByRows)
            {
                FirstLayer(0);
                _barrier.SignalAndWait();   // every row of layer 1 is ready: the helpers take their samples
            }
            ForwardBackward(0);
            _barrier.SignalAndWait();   // every sample's activations, δ and loss are ready
            Gradients(0);
            _barrier.SignalAndWait();   // end
            if (_error is not null) throw new InvalidOperationException("A training thread failed.", _error);
            float loss = 0f;
            score = 0f;
            for (int s = 0; s < _count; s++)   // in sample order, so the sums are LossOfBatch's on one thread
            {
                loss += _losses[s];
                score += _scores[s];
            }
            return loss;
        }

        /// <summary>Applies the prepared optimizer step, each thread to its share of the parameters.</summary>
        public void Update(ParameterUpdate update)
        {
            _update = update;
            _phase = Phase.Update;
            _barrier.SignalAndWait();   // start: the helpers take their parameters
            UpdateShare(0);
            _barrier.SignalAndWait();   // end
            if (_error is not null) throw new InvalidOperationException("A training thread failed.", _error);
        }

        private void UpdateShare(int worker)
        {
            if (_error is not null) return;
            try
            {
                int length = _gradients.Length;
                int start = BlockSplit.Start(length, worker, _workers), end = BlockSplit.Start(length, worker + 1, _workers);
                _update!.Apply(start, end - start);
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        }

        private void Gather(int worker)
        {
            if (_error is not null) return;
            try
            {
                int start = BlockSplit.Start(_count, worker, _workers), end = BlockSplit.Start(_count, worker + 1, _workers);
                _data!.Gather(_rows.AsSpan(_first, _count), start, end, _inputs.Span, _targets);
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        }

        private void FirstLayer(int worker)
        {
            if (_error is not null) return;
            try
            {
                ((IRowSplitTrainableNetwork)_network).ForwardFirstLayer(_inputs.Span, _count, worker, _workers);
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        }

        private void ForwardBackward(int worker)
        {
            if (_error is not null) return;
            try
            {
                int start = BlockSplit.Start(_count, worker, _workers), end = BlockSplit.Start(_count, worker + 1, _workers);
                if (end <= start) return;
                if (_firstLayerByRows) ((IRowSplitTrainableNetwork)_network).ForwardBackwardAboveFirstLayer(_targets, start, end - start, _scale);
                else _network.ForwardBackward(_inputs.Span, _targets, start, end - start, _scale);
                _network.SampleLosses(_targets, start, end - start, _losses.AsSpan(start, end - start), _scores.AsSpan(start, end - start));
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        }

        private void Gradients(int worker)
        {
            if (_error is not null) return;
            try
            {
                _network.ComputeGradientRows(_inputs.Span, _count, worker, _workers, _gradients, _fusedUpdate);
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
                _barrier.SignalAndWait();
                if (_stopping) return;
                if (_phase == Phase.Update)
                {
                    UpdateShare(worker);
                    _barrier.SignalAndWait();
                    continue;
                }
                Gather(worker);
                _barrier.SignalAndWait();
                if (_firstLayerByRows)
                {
                    FirstLayer(worker);
                    _barrier.SignalAndWait();
                }
                ForwardBackward(worker);
                _barrier.SignalAndWait();
                Gradients(worker);
                _barrier.SignalAndWait();
            }
        }

        /// <summary>Releases the helpers: each leaves its loop and goes back to <see cref="TrainingThreads"/>.</summary>
        public void Dispose()
        {
            _stopping = true;
            _barrier.SignalAndWait();
        }
    }
}
