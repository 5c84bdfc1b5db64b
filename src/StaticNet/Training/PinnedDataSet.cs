using System;

namespace StaticNet.Training
{
    /// <summary>
    /// A <see cref="DataSet"/> whose spans the training call has pinned (<see cref="DataSet.Pin"/>): pointers and lengths
    /// that the helper threads of a shared batch can read, so each gathers its own share of the batch's rows into the
    /// batch buffers. Gathering on one thread cost 23 µs of a two-thread 784-128-10 batch, three times its cost on
    /// one thread: the other core had read every row of the previous batch, and each written line had to be taken
    /// back from its cache first.
    /// </summary>
    internal sealed unsafe class PinnedDataSet
    {
        private readonly float* _inputs, _targets;
        private readonly int* _labels;
        private readonly int _inputsLength, _targetsLength, _labelsLength, _inputSize, _outputSize;
        private readonly bool _hasLabels;

        public PinnedDataSet(float* inputs, int inputsLength, float* targets, int targetsLength, int* labels, int labelsLength, bool hasLabels, int inputSize, int outputSize)
        {
            _inputs = inputs; _inputsLength = inputsLength;
            _targets = targets; _targetsLength = targetsLength;
            _labels = labels; _labelsLength = labelsLength;
            _hasLabels = hasLabels;
            _inputSize = inputSize;
            _outputSize = outputSize;
        }

        /// <summary>
        /// Rows <paramref name="rows"/>[start … end − 1] into batch rows start … end − 1 of <paramref name="inputs"/> and
        /// <paramref name="targets"/>, as <see cref="DataSet.Gather"/> does one at a time.
        /// </summary>
        public void Gather(ReadOnlySpan<int> rows, int start, int end, Span<float> inputs, float[] targets)
        {
            var x = new ReadOnlySpan<float>(_inputs, _inputsLength);
            var t = new ReadOnlySpan<float>(_targets, _targetsLength);
            var labels = new ReadOnlySpan<int>(_labels, _labelsLength);
            for (int i = start; i < end; i++)
            {
                DataSet.GatherRow(x, t, labels, _hasLabels, _inputSize, _outputSize, rows[i],
                    inputs.Slice(i * _inputSize, _inputSize), targets.AsSpan(i * _outputSize, _outputSize));
            }
        }
    }
}
