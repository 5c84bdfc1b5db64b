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
    /// allocates its report and row order, and an epoch allocates nothing more than its report entry. Bad arguments,
    /// a network whose parameters are not finite, and a second training call on a network that is training throw before
    /// the network is touched. docs/training-behaviour.md says what happens when a run diverges, is cancelled, or its
    /// progress callback throws.
    /// </remarks>
    public static class Trainer
    {
        /// <summary>
        /// Batches at least this large (of networks without dropout) are shared by threads, if they also hold
        /// <see cref="ParallelMinimumWork"/>; below either, a second thread costs more than it saves.
        /// </summary>
        public const int ParallelMinimumBatch = 64;

        /// <summary>Samples × parameters a batch needs before it is split (measured: 64 × 64-32-10 does not pay, 64 × 784-128-10 does).</summary>
        public const long ParallelMinimumWork = 2_000_000;

        public static TrainingReport Train(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, TrainingOptions options)
        {
            TrainingSettings settings = Check(network, options);
            var data = DataSet.WithTargets(network, inputs, targets, nameof(inputs), nameof(targets));
            return Run(network, data, data, separateValidation: false, settings);
        }

        public static TrainingReport Train(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> validationInputs, ReadOnlySpan<float> validationTargets, TrainingOptions options)
        {
            TrainingSettings settings = Check(network, options);
            var data = DataSet.WithTargets(network, inputs, targets, nameof(inputs), nameof(targets));
            var validation = DataSet.WithTargets(network, validationInputs, validationTargets, nameof(validationInputs), nameof(validationTargets));
            return Run(network, data, validation, separateValidation: true, settings);
        }

        public static TrainingReport Train(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, TrainingOptions options)
        {
            TrainingSettings settings = Check(network, options);
            var data = DataSet.WithLabels(network, inputs, labels, nameof(inputs), nameof(labels));
            return Run(network, data, data, separateValidation: false, settings);
        }

        public static TrainingReport Train(ITrainableNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<float> validationInputs, ReadOnlySpan<int> validationLabels, TrainingOptions options)
        {
            TrainingSettings settings = Check(network, options);
            var data = DataSet.WithLabels(network, inputs, labels, nameof(inputs), nameof(labels));
            var validation = DataSet.WithLabels(network, validationInputs, validationLabels, nameof(validationInputs), nameof(validationLabels));
            return Run(network, data, validation, separateValidation: true, settings);
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

        /// <summary>The options as this call will use them: copied once, and checked.</summary>
        private static TrainingSettings Check(ITrainableNetwork network, TrainingOptions options)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            return new TrainingSettings(options);
        }

        private static EvaluationResult EvaluateAll(ITrainableNetwork network, in DataSet data)
        {
            (double loss, double score) = Evaluation.InOrder(network, data);
            return new EvaluationResult((float)(loss / data.Count), Metrics.IsClassifier(network.Architecture.Loss) ? (float)(score / data.Count) : float.NaN, data.Count);
        }

        private static unsafe TrainingReport Run(ITrainableNetwork network, in DataSet data, in DataSet validationData, bool separateValidation, TrainingSettings settings)
        {
            var plan = new TrainingPlan(network, data.Count, validationData.Count, separateValidation, settings);
            using TrainingGate.Held held = network.Gate.Enter("Train");
            RequireFiniteParameters(network);
            ResumeState? resume = settings.Resume ? Resumption.Check(network, plan, settings, data.Count) : null;
            // Pinned for the whole call, so that the helper threads of a shared batch can gather their rows themselves.
            fixed (float* inputs = data.Inputs)
            fixed (float* targets = data.Targets)
            fixed (int* labels = data.Labels)
            {
                return TrainingLoop.Run(network, data, data.Pin(inputs, targets, labels), validationData, plan, settings, resume);
            }
        }

        /// <summary>
        /// Parameters that are already NaN or ∞ (written through Parameters) would make the first batch diverge, and the
        /// report blame the learning rate: they are named instead.
        /// </summary>
        private static void RequireFiniteParameters(ITrainableNetwork network)
        {
            ReadOnlySpan<float> parameters = LibraryParameters.Of(network);
            if (Guard.AllFinite(parameters)) return;
            for (int i = 0; i < parameters.Length; i++)
            {
                if (!NetMath.IsFinite(parameters[i]))
                {
                    throw new InvalidOperationException(FormattableString.Invariant(
                        $"Parameter {i} of the network is {parameters[i]}: training needs finite parameters. Write finite values through Parameters (or start from a new network) before calling Train."));
                }
            }
        }
    }
}
