using StaticNet.Generators.Model;

namespace StaticNet.Generators.Baking
{
    /// <summary>
    /// What baking one network's weights file produced: the network, the file's path as found, the parameters (the
    /// PARM payload: little-endian float32, as the file stores them) and the CRC-32 the file carries, or, when the
    /// file could not be baked, empty parameters and the diagnostic that says why.
    /// </summary>
    internal sealed record BakeResult(NetworkSpec Spec, EquatableArray<byte> Parameters, uint Checksum, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public bool Succeeded => Diagnostics.Count == 0;
    }
}
