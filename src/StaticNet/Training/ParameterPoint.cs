namespace StaticNet.Training
{
    /// <summary>
    /// A point of a Train call that the network's parameters can be from: after <see cref="Step"/> of its optimizer
    /// steps, when <see cref="Epoch"/> epochs were complete. The start is (0, 0); the end of epoch e is (e, the steps
    /// taken by then).
    /// </summary>
    internal readonly struct ParameterPoint
    {
        public ParameterPoint(int epoch, long step)
        {
            Epoch = epoch;
            Step = step;
        }

        /// <summary>The parameters Train was called with.</summary>
        public static ParameterPoint Start => default;

        /// <summary>Epochs complete at this point.</summary>
        public int Epoch { get; }

        /// <summary>Optimizer steps taken by this point.</summary>
        public long Step { get; }
    }
}
