using System;
using System.Globalization;

namespace StaticNet.Training
{
    /// <summary>
    /// How a Train call splits and batches its rows, worked out (and checked) before it touches the network: the
    /// training and validation rows (a seeded split when validation comes out of the training data), the batch size
    /// and the batch buffers' capacity. The random sequence that drew the split goes on to shuffle the epochs.
    /// </summary>
    internal sealed class TrainingPlan
    {
        /// <exception cref="ArgumentException">ValidationFraction leaves no training rows, or a batch would not fit an array.</exception>
        public TrainingPlan(INetwork network, int count, int validationCount, bool separateValidation, TrainingSettings settings)
        {
            var random = new NetRandom(settings.Seed);
            if (separateValidation)
            {
                TrainRows = Sequence(count);
                ValidationRows = Sequence(validationCount);
            }
            else
            {
                int held = settings.ValidationFraction > 0f ? Math.Max(1, (int)(count * (double)settings.ValidationFraction)) : 0;
                if (held >= count)
                {
                    throw new ArgumentException($"ValidationFraction {settings.ValidationFraction.ToString(CultureInfo.InvariantCulture)} leaves no training rows out of {count}.", nameof(TrainingOptions.ValidationFraction));
                }
                int[] all = Sequence(count);
                if (held > 0)
                {
                    random.Shuffle(all);
                    TrainRows = all.AsSpan(0, count - held).ToArray();
                    ValidationRows = all.AsSpan(count - held).ToArray();
                }
                else
                {
                    TrainRows = all;   // the only per-row allocation of a call: 4 bytes a row
                    ValidationRows = Array.Empty<int>();
                }
            }
            Random = random;

            int n = TrainRows.Length;
            BatchSize = settings.BatchSize == 0 || settings.BatchSize > n ? n : settings.BatchSize;
            int maxRows = BatchLimits.MaxRows(network);
            if (BatchSize > maxRows)
            {
                long floats = BatchSize * BatchLimits.FloatsPerSample(network);
                string full = settings.BatchSize == 0 ? " (full batch)" : "";
                throw new ArgumentOutOfRangeException(nameof(TrainingOptions.BatchSize), settings.BatchSize, FormattableString.Invariant(
                    $"Batches of {BatchSize:N0} samples{full} need {floats:N0} floats of training scratch in one array, more than .NET allocates ({Guard.MaxArrayLength:N0}): use a BatchSize of at most {maxRows:N0} for this network."));
            }
            Capacity = Math.Max(BatchSize, ValidationRows.Length > 0 ? Math.Min(Math.Min(BatchLimits.EvaluationBatch, ValidationRows.Length), maxRows) : 1);
        }

        public int[] TrainRows { get; }

        public int[] ValidationRows { get; }

        /// <summary>The seeded sequence, past the draws of the validation split: it shuffles every epoch.</summary>
        public NetRandom Random { get; }

        /// <summary>Samples per step, at most the training rows.</summary>
        public int BatchSize { get; }

        /// <summary>Samples the batch buffers hold: a training batch or an evaluation batch of the validation rows.</summary>
        public int Capacity { get; }

        internal static int[] Sequence(int count)
        {
            var rows = new int[count];
            for (int i = 0; i < count; i++) rows[i] = i;
            return rows;
        }
    }
}
