namespace StaticNet.Training
{
    /// <summary>How library code reaches a network's parameters.</summary>
    internal static class LibraryParameters
    {
        /// <summary>
        /// A generated network's <see cref="ITrainableNetwork.ParameterMemory"/> (the library's own access, which keeps
        /// Predict's inference copy), or <see cref="INetwork.Parameters"/> of any other INetwork.
        /// </summary>
        public static System.Span<float> Of(INetwork network) => network is ITrainableNetwork trainable ? trainable.ParameterMemory : network.Parameters;
    }
}
