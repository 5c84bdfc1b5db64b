using System.Runtime.CompilerServices;

namespace StaticNet.Kernels
{
    /// <summary>How the layer operations ask the JIT to compile them.</summary>
    internal static class Jit
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (which .NET Standard 2.0 does not name): compiled fully optimized at
        /// once, with the kernels inlined and their sizes folded to constants, instead of first as tier-0 code in which
        /// every kernel and every size is a call. These methods are loops around kernels, where profile-guided tiering
        /// has nothing to add.
        /// </summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;

        /// <summary>A root of its own: not inlined into its caller, so its kernels get the JIT's whole inlining budget.</summary>
        public const MethodImplOptions OwnRoot = MethodImplOptions.NoInlining | Optimized;
    }
}
