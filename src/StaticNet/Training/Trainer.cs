using System;

namespace StaticNet.Training
{
    /// <summary>
    /// The training loop every generated network shares: epochs, shuffling, mini-batches, learning-rate
    /// schedule, gradient clipping, optimizer state, validation, early stopping, progress and
    /// cancellation. The arithmetic itself runs in the network's generated, fixed-size kernels. Generated
    /// <c>Train</c>/<c>Evaluate</c> methods call these; they can also be called directly.
    /// </summary>
    /// <remarks>
    /// Allocation: the large buffers (gradients, optimizer state, the gathered batch) are allocated on a
    /// network's first Train call and kept with it for the next ones (<see cref="TrainingBuffers"/>); a call
    /// allocates its report and row order, and an epoch allocates nothing more. Bad arguments throw before the
    /// network is touched.
    /// </remarks>
    public static class Trainer
    {
        /// <summary>Rows evaluated per batched forward pass when only the loss is needed.</summary>
        private const int EvaluationBatch = 256;

        /// <summary>
        /// Batches at least this large (of networks without dropout) are shared by threads, if they also hold
        /// <see cref="ParallelMinimumWork"/>; below either, a second thread costs more than it saves.
        /// </summary>
        public const int ParallelMinimumBatch = 64;

        /// <summary>Samples × parameters a batch needs before it is split (measured: 64 × 64-32-10 does not pay, 64 × 784-128-10 does).</summary>
        public const long ParallelMinimumWork = 2_000_000;

        public static TrainingReport Train(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, TrainingOptions options)
        {
            Check(network, options);
            var data = DataSet.WithTargets(network, inputs, targets, nameof(inputs), nameof(targets));
            return Run(network, data, data, separateValidation: false, options);
        }

        public static TrainingReport Train(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> validationInputs, ReadOnlySpan<float> validationTargets, TrainingOptions options)
        {
            Check(network, options);
            var data = DataSet.WithTargets(network, inputs, targets, nameof(inputs), nameof(targets));
            var validation = DataSet.WithTargets(network, validationInputs, validationTargets, nameof(validationInputs), nameof(validationTargets));
            return Run(network, data, validation, separateValidation: true, options);
        }

        public static TrainingReport Train(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, TrainingOptions options)
        {
            Check(network, options);
            var data = DataSet.WithLabels(network, inputs, labels, nameof(inputs), nameof(labels));
            return Run(network, data, data, separateValidation: false, options);
        }

        public static TrainingReport Train(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<float> validationInputs, ReadOnlySpan<int> validationLabels, TrainingOptions options)
        {
            Check(network, options);
            var data = DataSet.WithLabels(network, inputs, labels, nameof(inputs), nameof(labels));
            var validation = DataSet.WithLabels(network, validationInputs, validationLabels, nameof(validationInputs), nameof(validationLabels));
            return Run(network, data, validation, separateValidation: true, options);
        }

        public static EvaluationResult Evaluate(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            var data = DataSet.WithTargets(network, inputs, targets, nameof(inputs), nameof(targets));
            return EvaluateAll(network, data);
        }

        public static EvaluationResult Evaluate(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            var data = DataSet.WithLabels(network, inputs, labels, nameof(inputs), nameof(labels));
            return EvaluateAll(network, data);
        }

        private static void Check(ITrainableNetwork network, TrainingOptions options)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (options is null) throw new ArgumentNullException(nameof(options));
            options.Validate();
        }

        private static EvaluationResult EvaluateAll(ITrainableNetwork network, in DataSet data)
        {
            int[] rows = Sequence(data.Count);
            var buffers = new BatchBuffers(network, Math.Min(EvaluationBatch, data.Count), TrainingBuffers.For(network));
            network.EnsureBatchCapacity(buffers.Capacity);
            (double loss, double score) = EvaluateRows(network, data, rows, buffers);
            return new EvaluationResult((float)(loss / data.Count), Metrics.IsClassifier(network.Architecture.Loss) ? (float)(score / data.Count) : float.NaN, data.Count);
        }

        private static unsafe TrainingReport Run(ITrainableNetwork network, in DataSet data, in DataSet validationData, bool separateValidation, TrainingOptions options)
        {
            // Pinned for the whole call, so that the helper threads of a shared batch can gather their rows themselves.
            fixed (float* inputs = data.Inputs)
            fixed (float* targets = data.Targets)
            fixed (int* labels = data.Labels)
            {
                return RunEpochs(network, data, data.Pin(inputs, targets, labels), validationData, separateValidation, options);
            }
        }

        private static TrainingReport RunEpochs(ITrainableNetwork network, in DataSet data, PinnedDataSet pinned, in DataSet validationData, bool separateValidation, TrainingOptions options)
        {
            var random = new NetRandom(options.Seed);
            int[] trainRows, validationRows;
            if (separateValidation)
            {
                trainRows = Sequence(data.Count);
                validationRows = Sequence(validationData.Count);
            }
            else
            {
                int held = options.ValidationFraction > 0f ? Math.Max(1, (int)(data.Count * (double)options.ValidationFraction)) : 0;
                if (held >= data.Count) throw new ArgumentException($"ValidationFraction {options.ValidationFraction} leaves no training rows out of {data.Count}.", nameof(options));
                int[] all = Sequence(data.Count);
                if (held > 0) random.Shuffle(all);
                trainRows = all.AsSpan(0, data.Count - held).ToArray();
                validationRows = all.AsSpan(data.Count - held).ToArray();
            }
            bool hasValidation = validationRows.Length > 0;
            int n = trainRows.Length;
            int batchSize = options.BatchSize == 0 || options.BatchSize > n ? n : options.BatchSize;

            TrainingBuffers cache = TrainingBuffers.For(network);
            var buffers = new BatchBuffers(network, Math.Max(batchSize, hasValidation ? Math.Min(EvaluationBatch, validationRows.Length) : 1), cache);
            network.EnsureBatchCapacity(buffers.Capacity);
            (network as IDropoutTrainableNetwork)?.SeedDropout(options.Seed);

            int p = network.ParameterCount;
            Span<float> parameters = network.Parameters;
            float[] gradients = cache.Gradients(p);
            Optimizer optimizer = options.Optimizer;
            bool adam = optimizer.Kind != OptimizerKind.Sgd;
            var update = new ParameterUpdate(network, optimizer, options.L1, gradients,
                adam || optimizer.Momentum > 0f ? cache.FirstState(p) : Array.Empty<float>(),
                adam ? cache.SecondState(p) : Array.Empty<float>());
            EarlyStopping? early = options.EarlyStopping;
            float[] best = Array.Empty<float>();
            if (early is { RestoreBest: true })
            {
                best = cache.Best(p);
                parameters.CopyTo(best);
            }
            float[] epochStart = cache.EpochStart(p);
            var epochs = new EpochReport[options.Epochs];
            bool classifier = Metrics.IsClassifier(network.Architecture.Loss);

            // Threads split the batch's samples, then its gradient rows, each computed as on one thread:
            // the result is the same whichever path runs.
            int threads = Math.Min(options.MaxDegreeOfParallelism, Environment.ProcessorCount);
            // Without clipping (which needs the whole gradient's norm first) the optimizer step is fused into the
            // gradient pass of networks that have one.
            IParallelTrainableNetwork? fused = options.MaxGradientNorm == 0f ? network as IParallelTrainableNetwork : null;
            using BatchRunner? runner = threads > 1 && batchSize >= ParallelMinimumBatch && (long)batchSize * p >= ParallelMinimumWork
                && network is IParallelTrainableNetwork parallel
                ? new BatchRunner(parallel, gradients, buffers.InputVector, buffers.TargetArray, threads)
                : null;

            int completed = 0, bestEpoch = 0, sinceBest = 0;
            long step = 0;
            float bestLoss = float.PositiveInfinity;
            StopReason stop = StopReason.Completed;
            string message = "";

            for (int epoch = 0; epoch < options.Epochs && stop == StopReason.Completed; epoch++)
            {
                parameters.CopyTo(epochStart);
                float learningRate = optimizer.LearningRate * options.Schedule.Factor(epoch);
                if (options.Shuffle) random.Shuffle(trainRows);

                double lossSum = 0, scoreSum = 0;
                for (int start = 0; start < n; start += batchSize)
                {
                    if (options.CancellationToken.IsCancellationRequested)
                    {
                        stop = StopReason.Cancelled;
                        message = $"Cancelled in epoch {epoch + 1} after {start} of {n} samples; the network keeps the last completed step.";
                        break;
                    }
                    int count = Math.Min(batchSize, n - start);
                    if (runner is null) buffers.Fill(data, trainRows.AsSpan(start, count));  // the runner's threads gather their own rows
                    float score, batchLoss;
                    bool finite;
                    double norm = double.NaN;  // of the whole gradient: only the separate step computes it
                    if (fused is not null)
                    {
                        // The step runs inside the gradient pass, range by range, while each range is in cache:
                        // no clearing, norm or separate update pass over all parameters. The optimizer sees the
                        // same gradients as below, so the result is the same bits.
                        update.Prepare(learningRate, step + 1);
                        batchLoss = runner is not null
                            ? runner.Run(pinned, trainRows, start, count, 1f / count, update, out score)
                            : RunFused(fused, buffers, count, gradients, update, out score);
                        finite = IsFinite(batchLoss) && !update.SawNonFiniteGradient;
                    }
                    else
                    {
                        if (runner is null) Array.Clear(gradients, 0, p);  // AccumulateSlice adds; the runner sets
                        batchLoss = runner is not null
                            ? runner.Run(pinned, trainRows, start, count, 1f / count, null, out score)
                            : network.AccumulateSlice(buffers.Inputs, buffers.Targets, 0, count, 1f / count, gradients, training: true, out score);
                        norm = Norm(gradients);
                        finite = IsFinite(batchLoss) && !double.IsNaN(norm) && !double.IsInfinity(norm);
                        if (finite && options.MaxGradientNorm > 0f)
                        {
                            // As torch.nn.utils.clip_grad_norm_: scale by max / (‖g‖ + 1e-6) when that is below 1.
                            double coefficient = options.MaxGradientNorm / (norm + 1e-6);
                            if (coefficient < 1.0) Scale(gradients, (float)coefficient);
                        }
                        if (finite)
                        {
                            update.Prepare(learningRate, step + 1);
                            if (runner is not null) runner.Update(update);
                            else update.Apply(0, p);
                        }
                    }
                    if (!finite)
                    {
                        epochStart.AsSpan().CopyTo(parameters);
                        stop = StopReason.NonFinite;
                        string value = !IsFinite(batchLoss) ? batchLoss.ToString(System.Globalization.CultureInfo.InvariantCulture)
                            : fused is null ? norm.ToString(System.Globalization.CultureInfo.InvariantCulture) : "non-finite";
                        message = $"The loss or gradient became {value} in epoch {epoch + 1} on samples {start}–{start + count - 1} of the shuffled order; "
                                + $"the parameters from the start of epoch {epoch + 1} were restored. Lower the learning rate or set MaxGradientNorm.";
                        break;
                    }
                    step++;
                    lossSum += batchLoss;
                    scoreSum += score;
                }
                if (stop != StopReason.Completed) break;

                float trainLoss = (float)(lossSum / n);
                float trainAccuracy = classifier ? (float)(scoreSum / n) : float.NaN;
                float validationLoss = float.NaN, validationAccuracy = float.NaN;
                if (hasValidation)
                {
                    (double vLoss, double vScore) = EvaluateRows(network, validationData, validationRows, buffers);
                    validationLoss = (float)(vLoss / validationRows.Length);
                    validationAccuracy = classifier ? (float)(vScore / validationRows.Length) : float.NaN;
                }

                float monitored = hasValidation ? validationLoss : trainLoss;
                if (monitored < bestLoss - (early?.MinDelta ?? 0f))
                {
                    bestLoss = monitored;
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    if (best.Length > 0) parameters.CopyTo(best);
                }
                else
                {
                    sinceBest++;
                }

                var report = new EpochReport(epoch + 1, learningRate, trainLoss, trainAccuracy, validationLoss, validationAccuracy);
                epochs[completed++] = report;
                options.Progress?.Report(report);

                if (early is not null && sinceBest >= early.Patience)
                {
                    stop = StopReason.EarlyStopped;
                    message = $"Stopped early after epoch {epoch + 1}: no improvement for {early.Patience} epochs; best epoch {bestEpoch}.";
                }
            }

            if (best.Length > 0 && bestEpoch > 0)
            {
                best.AsSpan().CopyTo(parameters);
                message += $" Restored the parameters of epoch {bestEpoch}.";
            }
            if (stop == StopReason.Completed) message = $"Completed {completed} epochs; best epoch {bestEpoch}." + message;
            return new TrainingReport(epochs, completed, stop, bestEpoch, message.Trim());
        }

        /// <summary>One thread's fused batch: forward and backward over all rows, then the gradients with the step inside.</summary>
        private static float RunFused(IParallelTrainableNetwork network, BatchBuffers buffers, int count, float[] gradients, ParameterUpdate update, out float score)
        {
            network.ForwardBackward(buffers.Inputs, buffers.Targets, 0, count, 1f / count);
            float loss = network.LossOfBatch(buffers.Targets, count, out score);
            network.ComputeGradientRows(buffers.Inputs, count, 0, 1, gradients, update);
            return loss;
        }

        private static (double Loss, double Score) EvaluateRows(ITrainableNetwork network, in DataSet data, int[] rows, BatchBuffers buffers)
        {
            double loss = 0, score = 0;
            for (int start = 0; start < rows.Length; start += buffers.Capacity)
            {
                int count = Math.Min(buffers.Capacity, rows.Length - start);
                buffers.Fill(data, rows.AsSpan(start, count));
                loss += network.EvaluateBatch(buffers.Inputs, buffers.Targets, count, out float s);
                score += s;
            }
            return (loss, score);
        }

        private static int[] Sequence(int count)
        {
            var rows = new int[count];
            for (int i = 0; i < count; i++) rows[i] = i;
            return rows;
        }

        /// <summary>‖g‖₂ (vectorised); NaN or ∞ when any gradient is.</summary>
        private static double Norm(float[] values) => System.Numerics.Tensors.TensorPrimitives.Norm(values);

        private static void Scale(float[] values, float factor) => System.Numerics.Tensors.TensorPrimitives.Multiply(values, factor, values);

        private static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);

        /// <summary>A batch's rows gathered contiguously, as the batched kernels read them.</summary>
        private sealed class BatchBuffers
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
}
