using System;
using System.Collections.Generic;

namespace StaticNet.Training
{
    /// <summary>
    /// One Train call's epochs: shuffling, mini-batches, the schedule, clipping, the optimizer step, validation, early
    /// stopping, progress and cancellation; the arithmetic runs in the network's generated kernels. Every number that
    /// could go non-finite is checked where it appears — each batch's loss and gradient, the parameters after each
    /// epoch, the schedule's learning rate, and the loss of the parameters the call ends with — so that the call never
    /// returns with parameters other than the finite ones its report names (<see cref="ParameterSnapshots"/>).
    /// </summary>
    internal static class TrainingLoop
    {
        /// <summary>
        /// The report's epoch list starts with room for this many (or for all, when fewer were asked for) and grows as
        /// the epochs run: train-until-early-stopping asks for int.MaxValue. Growing doubles the list, so an epoch costs
        /// its entry amortised; up to this many, exactly its entry.
        /// </summary>
        private const int InitialEpochCapacity = 256;

        /// <summary>Runs the call's epochs: a new run's, or with a (checked, <see cref="Resumption.Check"/>) <c>resume</c> state those after it.</summary>
        public static TrainingReport Run(ITrainableNetwork network, in DataSet data, PinnedDataSet pinned, in DataSet validationData, TrainingPlan plan, TrainingSettings settings,
            ResumeState? resume)
        {
            NetRandom random = resume?.Shuffle ?? plan.Random;
            int[] trainRows = plan.TrainRows, validationRows = plan.ValidationRows;
            if (resume is not null) resume.Rows.AsSpan().CopyTo(trainRows);   // the order the run's shuffles had reached
            int startEpoch = resume?.Epoch ?? 0;
            bool hasValidation = validationRows.Length > 0;
            int n = trainRows.Length, batchSize = plan.BatchSize;

            TrainingBuffers cache = TrainingBuffers.For(network);
            var buffers = new BatchBuffers(network, plan.Capacity, cache);
            network.EnsureBatchCapacity(buffers.Capacity);
            var dropout = network as IDropoutTrainableNetwork;
            if (resume is not null && dropout is not null) dropout.DropoutRandom = resume.Dropout;
            else dropout?.SeedDropout(settings.Seed);

            int p = network.ParameterCount;
            Span<float> parameters = LibraryParameters.Of(network);
            float[] gradients = cache.Gradients(p);
            Optimizer optimizer = settings.Optimizer;
            bool adam = optimizer.Kind != OptimizerKind.Sgd;
            // A new run's optimizer starts from no state; a resumed one from the state it had reached.
            float[] state1 = !(adam || optimizer.Momentum > 0f) ? Array.Empty<float>() : resume is null ? cache.FirstState(p) : cache.FirstState(resume.FirstState);
            float[] state2 = !adam ? Array.Empty<float>() : resume is null ? cache.SecondState(p) : cache.SecondState(resume.SecondState);
            var update = new ParameterUpdate(network, optimizer, settings.L1, gradients, state1, state2);
            // Where the run stands for SaveCheckpoint and a later resumed call, brought up to date at the end of every epoch.
            var standing = new ResumeState(optimizer.Kind, state1, state2, dropout is not null)
            {
                Epoch = startEpoch, Step = resume?.Step ?? 0, Shuffle = random, Rows = trainRows,
                Dropout = dropout?.DropoutRandom ?? default, AtEpochEnd = resume is not null,
            };
            cache.Resume = standing;
            EarlyStopping? early = settings.EarlyStopping;
            var snapshots = new ParameterSnapshots(cache, parameters, settings.RestoresBest);
            var epochs = new List<EpochReport>(Math.Min(settings.Epochs - startEpoch, InitialEpochCapacity));
            bool classifier = Metrics.IsClassifier(network.Architecture.Loss);

            // Threads split the batch's samples, then its gradient rows, each computed as on one thread:
            // the result is the same whichever path runs.
            int threads = Math.Min(settings.MaxDegreeOfParallelism, Environment.ProcessorCount);
            // Without clipping (which needs the whole gradient's norm first) the optimizer step is fused into the
            // gradient pass of networks that have one.
            IParallelTrainableNetwork? fused = settings.MaxGradientNorm == 0f ? network as IParallelTrainableNetwork : null;
            using BatchRunner? runner = threads > 1 && batchSize >= Trainer.ParallelMinimumBatch && (long)batchSize * p >= Trainer.ParallelMinimumWork
                && network is IParallelTrainableNetwork parallel
                ? new BatchRunner(parallel, gradients, buffers.InputVector, buffers.TargetArray, threads)
                : null;

            int bestEpoch = 0, sinceBest = 0;
            long step = standing.Step;
            float bestLoss = float.PositiveInfinity;
            StopReason stop = StopReason.Completed;
            Divergence? divergence = null;
            var cancelled = default(TrainingSummary.CancelPoint);
            // Whether the current parameters have shown a finite loss since the last step (no step yet: nothing to show).
            bool seenFinite = true;

            for (int epoch = startEpoch; epoch < settings.Epochs; epoch++)
            {
                float factor = settings.Schedule.Factor(epoch);
                float learningRate = optimizer.LearningRate * factor;
                if (!NetMath.IsFinite(learningRate))
                {
                    stop = StopReason.NonFinite;
                    divergence = Divergence.InLearningRate(learningRate, optimizer.LearningRate, factor, epoch + 1);
                    break;
                }
                snapshots.BeginEpoch(parameters, new ParameterPoint(epoch, step));
                if (settings.Shuffle) random.Shuffle(trainRows);

                double lossSum = 0, scoreSum = 0;
                for (int start = 0; start < n; start += batchSize)
                {
                    if (settings.CancellationToken.IsCancellationRequested)
                    {
                        stop = StopReason.Cancelled;
                        cancelled = new TrainingSummary.CancelPoint(epoch + 1, start, n);
                        break;
                    }
                    standing.AtEpochEnd = false;   // the step below takes the parameters and the optimizer past the epoch's end
                    int count = Math.Min(batchSize, n - start);
                    if (runner is null) buffers.Fill(data, trainRows.AsSpan(start, count));  // the runner's threads gather their own rows
                    float score, batchLoss;
                    bool gradientFinite;
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
                        gradientFinite = !update.SawNonFiniteGradient;
                    }
                    else
                    {
                        if (runner is null) Array.Clear(gradients, 0, p);  // AccumulateSlice adds; the runner sets
                        batchLoss = runner is not null
                            ? runner.Run(pinned, trainRows, start, count, 1f / count, null, out score)
                            : network.AccumulateSlice(buffers.Inputs, buffers.Targets, 0, count, 1f / count, gradients, training: true, out score);
                        norm = Norm(gradients);
                        gradientFinite = !double.IsNaN(norm) && !double.IsInfinity(norm);
                        if (gradientFinite && NetMath.IsFinite(batchLoss))
                        {
                            if (settings.MaxGradientNorm > 0f)
                            {
                                // As torch.nn.utils.clip_grad_norm_: scale by max / (‖g‖ + 1e-6) when that is below 1.
                                double coefficient = settings.MaxGradientNorm / (norm + 1e-6);
                                if (coefficient < 1.0) Scale(gradients, (float)coefficient);
                            }
                            update.Prepare(learningRate, step + 1);
                            if (runner is not null) runner.Update(update);
                            else update.Apply(0, p);
                        }
                    }
                    if (!NetMath.IsFinite(batchLoss) || !gradientFinite)
                    {
                        stop = StopReason.NonFinite;
                        divergence = Divergence.InBatch(batchLoss, fused is null ? norm : (double?)null, epoch + 1, start, count, step, data);
                        break;
                    }
                    step++;
                    seenFinite = false;
                    lossSum += batchLoss;
                    scoreSum += score;
                }
                if (stop != StopReason.Completed) break;

                // The epoch's last step is checked as every other one: the next batch would compute a loss with its
                // parameters, but there may be none.
                int spoilt = FirstNonFinite(parameters);
                if (spoilt >= 0)
                {
                    stop = StopReason.NonFinite;
                    divergence = Divergence.InParameters(spoilt, parameters[spoilt], epoch + 1, data);
                    break;
                }

                float trainLoss = (float)(lossSum / n);
                float trainAccuracy = classifier ? (float)(scoreSum / n) : float.NaN;
                float validationLoss = float.NaN, validationAccuracy = float.NaN;
                if (hasValidation)
                {
                    (double vLoss, double vScore) = EvaluateRows(network, validationData, validationRows, buffers);
                    validationLoss = (float)(vLoss / validationRows.Length);
                    validationAccuracy = classifier ? (float)(vScore / validationRows.Length) : float.NaN;
                    seenFinite |= NetMath.IsFinite(validationLoss);
                }

                float monitored = hasValidation ? validationLoss : trainLoss;
                if (monitored < bestLoss - (early?.MinDelta ?? 0f))
                {
                    // A copy the call may return to must have shown a finite loss: on the training order's first batch,
                    // when no validation loss did (a forward pass over one batch, only for a new best that is kept).
                    if (snapshots.KeepsBest && !seenFinite)
                    {
                        float loss = FirstBatchLoss(network, data, trainRows, batchSize, buffers);
                        if (!NetMath.IsFinite(loss))
                        {
                            stop = StopReason.NonFinite;
                            divergence = Divergence.AfterStep(loss, step, epoch + 1, data);
                            break;
                        }
                        seenFinite = true;
                    }
                    bestLoss = monitored;
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    snapshots.TakeBest(parameters, new ParameterPoint(epoch + 1, step));
                }
                else
                {
                    sinceBest++;
                }

                standing.Epoch = epoch + 1;
                standing.Step = step;
                standing.Shuffle = random;
                if (dropout is not null) standing.Dropout = dropout.DropoutRandom;
                standing.AtEpochEnd = true;

                var report = new EpochReport(epoch + 1, learningRate, trainLoss, trainAccuracy, validationLoss, validationAccuracy);
                epochs.Add(report);
                if (settings.Progress is not null) ReportProgress(settings.Progress, report, snapshots, parameters, standing);

                if (early is not null && sinceBest >= early.Patience)
                {
                    stop = StopReason.EarlyStopped;
                    break;
                }
            }

            HeldParameters held = HeldParameters.LastStep;
            int completed = startEpoch + epochs.Count;
            var point = new ParameterPoint(completed, step);
            if (snapshots.KeepsBest)
            {
                held = HeldParameters.Best;
                point = snapshots.RestoreBest(parameters);
                // After a divergence the best epoch's parameters are held to what the others are: a finite loss on the training data.
                if (divergence is not null && point.Step > 0 && !NetMath.IsFinite(TrainingLoss(network, data, trainRows)))
                {
                    held = HeldParameters.LastFinite;
                    point = RestoreLastFinite(network, data, trainRows, snapshots, parameters);
                }
            }
            else if (divergence is { SpoilsParameters: true })
            {
                held = HeldParameters.LastFinite;
                point = RestoreLastFinite(network, data, trainRows, snapshots, parameters);
            }
            else if (!seenFinite)
            {
                // The last step's parameters have not computed a loss yet: they are checked before the call returns them,
                // on one batch (the training order's first), as every step's parameters are by the batch after it.
                float loss = FirstBatchLoss(network, data, trainRows, batchSize, buffers);
                if (!NetMath.IsFinite(loss))
                {
                    stop = StopReason.NonFinite;
                    divergence = Divergence.AfterStep(loss, step, completed + (cancelled.Samples > 0 ? 1 : 0), data);
                    held = HeldParameters.LastFinite;
                    point = RestoreLastFinite(network, data, trainRows, snapshots, parameters);
                }
            }
            // Parameters put back from a copy are not those the optimizer's state and the epoch count go with.
            if (held != HeldParameters.LastStep) standing.AtEpochEnd = false;
            string message = TrainingSummary.Of(stop, completed, bestEpoch, early?.Patience ?? 0, held, point, divergence, cancelled);
            return new TrainingReport(epochs, stop, bestEpoch, point, step, message);
        }

        /// <summary>
        /// Reports an epoch. A callback that throws ends the call with its exception; the network is then left as
        /// documented — the best epoch's parameters when early stopping restores them (the ones Train was called with if
        /// none improved on them), else those of the epoch just reported.
        /// </summary>
        private static void ReportProgress(IProgress<EpochReport> progress, EpochReport report, ParameterSnapshots snapshots, Span<float> parameters, ResumeState standing)
        {
            // The callback may save a checkpoint of the epoch it is told about (on this thread only: the gate is taken).
            standing.ReportingThread = Environment.CurrentManagedThreadId;
            try
            {
                progress.Report(report);
            }
            catch
            {
                if (snapshots.KeepsBest)
                {
                    snapshots.RestoreBest(parameters);
                    standing.AtEpochEnd = false;
                }
                throw;
            }
            finally
            {
                standing.ReportingThread = 0;
            }
        }

        /// <summary>One thread's fused batch: forward and backward over all rows, then the gradients with the step inside.</summary>
        private static float RunFused(IParallelTrainableNetwork network, BatchBuffers buffers, int count, float[] gradients, ParameterUpdate update, out float score)
        {
            network.ForwardBackward(buffers.Inputs, buffers.Targets, 0, count, 1f / count);
            float loss = network.LossOfBatch(buffers.Targets, count, out score);
            network.ComputeGradientRows(buffers.Inputs, count, 0, 1, gradients, update);
            return loss;
        }

        /// <summary>Σ loss (and accuracy) over <paramref name="rows"/> of <paramref name="data"/>, a forward pass per buffer-full.</summary>
        internal static (double Loss, double Score) EvaluateRows(ITrainableNetwork network, in DataSet data, int[] rows, BatchBuffers buffers)
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

        /// <summary>
        /// After a divergence: goes back through the snapshots, newest first, to the first whose loss on the training data
        /// is finite — at worst the parameters the call was called with (they may be what overflows, on badly scaled data:
        /// the message says so). Only a diverged run pays for these evaluations.
        /// </summary>
        private static ParameterPoint RestoreLastFinite(ITrainableNetwork network, in DataSet data, int[] trainRows, ParameterSnapshots snapshots, Span<float> parameters)
        {
            ParameterPoint point = ParameterPoint.Start;
            for (int age = 0; snapshots.TryRestore(age, parameters, out point); age++)
            {
                if (point.Step == 0 || NetMath.IsFinite(TrainingLoss(network, data, trainRows))) break;
            }
            return point;
        }

        /// <summary>
        /// The current parameters' mean loss over every training row, exactly as Evaluate gives it: in Evaluate's batches,
        /// whose float sums can overflow where smaller ones would not, so that a finite loss here is a finite Evaluate.
        /// </summary>
        private static float TrainingLoss(ITrainableNetwork network, in DataSet data, int[] trainRows)
            => (float)(EvaluateAll(network, data, trainRows).Loss / trainRows.Length);

        /// <summary>Σ loss (and accuracy) over <paramref name="rows"/> of <paramref name="data"/>, in batches of <see cref="BatchLimits.EvaluationBatch"/> rows.</summary>
        internal static (double Loss, double Score) EvaluateAll(ITrainableNetwork network, in DataSet data, int[] rows)
        {
            int capacity = Math.Min(Math.Min(BatchLimits.EvaluationBatch, rows.Length), BatchLimits.MaxRows(network));
            var buffers = new BatchBuffers(network, capacity, TrainingBuffers.For(network));
            return EvaluateRows(network, data, rows, buffers);
        }

        /// <summary>The current parameters' summed loss on the first batch of the training order (forward only).</summary>
        private static float FirstBatchLoss(ITrainableNetwork network, in DataSet data, int[] trainRows, int batchSize, BatchBuffers buffers)
        {
            int count = Math.Min(batchSize, trainRows.Length);
            buffers.Fill(data, trainRows.AsSpan(0, count));
            return network.EvaluateBatch(buffers.Inputs, buffers.Targets, count, out _);
        }

        /// <summary>The index of the first NaN or ±∞, or −1 (a vectorised pass first: the search only when there is one).</summary>
        private static int FirstNonFinite(ReadOnlySpan<float> values)
        {
            if (Guard.AllFinite(values)) return -1;
            for (int i = 0; i < values.Length; i++)
            {
                if (!NetMath.IsFinite(values[i])) return i;
            }
            return -1;
        }

        /// <summary>‖g‖₂ (vectorised); NaN or ∞ when any gradient is.</summary>
        private static double Norm(float[] values) => System.Numerics.Tensors.TensorPrimitives.Norm(values);

        private static void Scale(float[] values, float factor) => System.Numerics.Tensors.TensorPrimitives.Multiply(values, factor, values);
    }
}
