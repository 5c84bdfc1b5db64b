#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels
{
    /// <summary>
    /// a·b + c per lane, fused (one rounding) where the CPU has an FMA unit, else a multiply and an add. The
    /// library's net8.0 asset has no Vector*.MultiplyAddEstimate (.NET 9), so it asks the ISAs itself; the JIT
    /// folds each IsSupported to a constant.
    /// </summary>
    internal static class Fused
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c)
            => Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
            => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
            => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c)
             : AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(c, a, b)
             : a * b + c;
    }
}
#endif
