using System.IO;
using StaticNet.Serialization;

namespace StaticNet
{
    /// <summary>
    /// <c>SaveCheckpoint</c> and <c>LoadCheckpoint</c> on every network. Extension methods rather than generated members:
    /// nothing in them is the network's own, and each generated file stays within its budget of lines.
    /// </summary>
    public static class CheckpointExtensions
    {
        /// <inheritdoc cref="CheckpointFile.Save(INetwork, Stream)"/>
        public static void SaveCheckpoint(this INetwork network, Stream stream) => CheckpointFile.Save(network, stream);

        /// <inheritdoc cref="CheckpointFile.Save(INetwork, string)"/>
        public static void SaveCheckpoint(this INetwork network, string path) => CheckpointFile.Save(network, path);

        /// <inheritdoc cref="CheckpointFile.Load(INetwork, Stream)"/>
        public static void LoadCheckpoint(this INetwork network, Stream stream) => CheckpointFile.Load(network, stream);

        /// <inheritdoc cref="CheckpointFile.Load(INetwork, string)"/>
        public static void LoadCheckpoint(this INetwork network, string path) => CheckpointFile.Load(network, path);
    }
}
