using System;

namespace StaticNet.Training
{
    /// <summary>
    /// Everything a Train call needs, beyond the parameters, to go on exactly where a run stands at the end of an epoch:
    /// the epochs and steps done (the schedule's position is the epoch), the shuffling sequence and the row order it has
    /// shuffled so far, the dropout masks' sequence, and the optimizer's state. A run keeps one with its network
    /// (<see cref="TrainingBuffers.Resume"/>), brought up to date at the end of every epoch; <c>SaveCheckpoint</c> writes
    /// it beside the parameters, <c>LoadCheckpoint</c> reads one back, and Train with <see cref="TrainingOptions.Resume"/>
    /// continues from it.
    /// </summary>
    internal sealed class ResumeState
    {
        public ResumeState(OptimizerKind kind, float[] firstState, float[] secondState, bool hasDropout)
        {
            Kind = kind;
            FirstState = firstState;
            SecondState = secondState;
            HasDropout = hasDropout;
            Rows = Array.Empty<int>();
        }

        /// <summary>Epochs completed: the next epoch to run is this one (0-based), and the schedule's factor is read there.</summary>
        public int Epoch { get; set; }

        /// <summary>Optimizer steps taken (Adam's bias correction and SGD's first momentum step count them).</summary>
        public long Step { get; set; }

        /// <summary>The shuffling sequence, past every epoch's shuffle so far.</summary>
        public NetRandom Shuffle { get; set; }

        /// <summary>The training rows in the order the last shuffle left them (each epoch shuffles the order before it).</summary>
        public int[] Rows { get; set; }

        /// <summary>Whether the network has dropout, whose sequence <see cref="Dropout"/> then holds.</summary>
        public bool HasDropout { get; }

        public NetRandom Dropout { get; set; }

        public OptimizerKind Kind { get; }

        /// <summary>SGD's velocity or Adam's m; empty for SGD without momentum.</summary>
        public float[] FirstState { get; }

        /// <summary>Adam's v; empty for SGD.</summary>
        public float[] SecondState { get; }

        /// <summary>
        /// Whether the network's parameters are still those of the end of epoch <see cref="Epoch"/>: false once the next
        /// epoch took a step, or the call put other parameters back (the best epoch's, the last finite ones).
        /// </summary>
        public bool AtEpochEnd { get; set; }

        /// <summary>The managed thread reporting progress while the callback runs (it may save the state), else 0.</summary>
        public int ReportingThread { get; set; }

        /// <summary>How many optimizer state vectors a kind keeps: 2 for Adam and AdamW, 1 for SGD with momentum, 0 without.</summary>
        public static int StateVectors(OptimizerKind kind, bool momentum) => kind == OptimizerKind.Sgd ? (momentum ? 1 : 0) : 2;

        public int StateVectorCount => SecondState.Length > 0 ? 2 : FirstState.Length > 0 ? 1 : 0;
    }
}
