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
    /// <param name="HasMultiplyAddEstimate">
    /// Vector128/256/512.MultiplyAddEstimate (.NET 9 or later): a fused multiply-add where the CPU has
    /// one, a multiply and an add where it has not. Without it kernels write a·b + c.
    /// </param>
    internal sealed record TargetInfo(bool HasVectorIntrinsics, bool HasMultiplyAddEstimate = false);
}
