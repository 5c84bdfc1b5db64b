using System.ComponentModel;

namespace StaticNet.Kernels
{
    /// <summary>
    /// A vector length as a type, so that a kernel called as <c>Dot&lt;N64&gt;</c> is compiled by the JIT for exactly
    /// 64 elements: a struct type argument gets its own machine code, <c>default(TLength).Value</c> becomes the
    /// constant 64, and every trip count and offset derived from it folds. Generated networks declare one tiny struct
    /// per size they use. An instance member (not a static abstract one) so that C# 9 and .NET Standard code can
    /// implement it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IFixedLength
    {
        /// <summary>The length: the same constant on every instance.</summary>
        int Value { get; }
    }
}
