namespace StaticNet.Generators.Model
{
    /// <summary>
    /// What the consuming compilation offers, reduced to flags so that the generator's outputs
    /// stay cached across edits that do not change them.
    /// </summary>
    /// <param name="HasVectorIntrinsics">
    /// System.Runtime.Intrinsics with Vector128/256/512 (.NET 8 or later): SIMD kernels are emitted.
    /// Without them (.NET Standard 2.0, Unity) the kernels are plain scalar loops.
    /// </param>
    internal sealed record TargetInfo(bool HasVectorIntrinsics);
}
