using System;

namespace StaticNet.Training
{
    /// <summary>A batch's rows gathered contiguously, as the batched kernels read them.</summary>
    internal sealed class BatchBuffers
    {
        private readonly AlignedFloats _inputs;
        private readonly float[] _targets;
        private readonly int _inputSize, _outputSize;
        private int _count;

        public BatchBuffers(ITrainableNetwork network, int capacity, TrainingBuffers cache)
        {
            Capacity = capacity;
            _inputSize = network.InputSize;
            _outputSize = network.OutputSize;
            _inputs = cache.Inputs(capacity * _inputSize);
            _targets = cache.Targets(capacity * _outputSize);
        }

        public int Capacity { get; }

        public ReadOnlySpan<float> Inputs => _inputs.Span.Slice(0, _count * _inputSize);

        /// <summary>The whole input buffer (rows past the current count are stale).</summary>
        public AlignedFloats InputVector => _inputs;

        public float[] TargetArray => _targets;

        public ReadOnlySpan<float> Targets => _targets.AsSpan(0, _count * _outputSize);

        public void Fill(in DataSet data, ReadOnlySpan<int> rows)
        {
            _count = rows.Length;
            for (int i = 0; i < rows.Length; i++)
            {
                data.Gather(rows[i], _inputs.Span.Slice(i * _inputSize, _inputSize), _targets.AsSpan(i * _outputSize, _outputSize));
            }
        }
    }
}
