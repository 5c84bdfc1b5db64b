using System.ComponentModel;

namespace StaticNet.Training
{
    /// <summary>
    /// Splits a length (samples of a batch, rows of a layer) into parts made of whole blocks of four, so every
    /// part but the last starts and ends on a multiple of four. The generated kernels take samples and rows
    /// four at a time; split this way, each one goes through the same kernel as it would unsplit.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class BlockSplit
    {
        /// <summary>Where part <paramref name="part"/> of <paramref name="parts"/> begins (part = parts gives the length).</summary>
        public static int Start(int length, int part, int parts)
        {
            int blocks = (length + 3) / 4;
            int start = 4 * (int)((long)blocks * part / parts);
            return start < length ? start : length;
        }
    }
}
