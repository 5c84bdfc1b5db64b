using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>y[i] += s·x[i] over the n = TLength elements.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void MulAdd<TLength>(float s, ref float x, ref float y) where TLength : struct, IFixedLength
        {
#if NET8_0_OR_GREATER
            int n = default(TLength).Value;
            if (Vector512.IsHardwareAccelerated && n >= 16) { MulAdd512<TLength>(s, ref x, ref y); return; }
            if (Vector256.IsHardwareAccelerated && n >= 8) { MulAdd256<TLength>(s, ref x, ref y); return; }
            if (Vector128.IsHardwareAccelerated && n >= 4) { MulAdd128<TLength>(s, ref x, ref y); return; }
#endif
            MulAddScalar<TLength>(s, ref x, ref y);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void MulAddScalar<TLength>(float s, ref float x, ref float y) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            for (int i = 0; i < n; i++) Unsafe.Add(ref y, i) += s * Unsafe.Add(ref x, i);
        }

        /// <summary>y[i] += s·x[i] for the elements after the first <paramref name="done"/> of a branch <paramref name="lanes"/> wide.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void MulAddTail(float s, ref float x, ref float y, int n, int done, int lanes)
        {
#if NET8_0_OR_GREATER
            bool has8 = lanes > 8 && n - done >= 8;
            int at4 = has8 ? done + 8 : done;
            bool has4 = lanes > 4 && n - at4 >= 4;
            int at1 = has4 ? at4 + 4 : at4;
            if (has8) Store256(Fused.MultiplyAdd(Load256(ref x, done), Vector256.Create(s), Load256(ref y, done)), ref y, done);
            if (has4) Store128(Fused.MultiplyAdd(Load128(ref x, at4), Vector128.Create(s), Load128(ref y, at4)), ref y, at4);
#else
            int at1 = done;
#endif
            if (n > at1) Unsafe.Add(ref y, at1) += s * Unsafe.Add(ref x, at1);
            if (n > at1 + 1) Unsafe.Add(ref y, at1 + 1) += s * Unsafe.Add(ref x, at1 + 1);
            if (n > at1 + 2) Unsafe.Add(ref y, at1 + 2) += s * Unsafe.Add(ref x, at1 + 2);
        }

#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void MulAdd512<TLength>(float s, ref float x, ref float y) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 16;
            Vector512<float> scale = Vector512.Create(s);
            if (chunks <= MaxStraightChunks)
            {
                Store512(Fused.MultiplyAdd(Load512(ref x, 0), scale, Load512(ref y, 0)), ref y, 0);
                if (chunks > 1) Store512(Fused.MultiplyAdd(Load512(ref x, 16), scale, Load512(ref y, 16)), ref y, 16);
                if (chunks > 2) Store512(Fused.MultiplyAdd(Load512(ref x, 32), scale, Load512(ref y, 32)), ref y, 32);
                if (chunks > 3) Store512(Fused.MultiplyAdd(Load512(ref x, 48), scale, Load512(ref y, 48)), ref y, 48);
                if (chunks > 4) Store512(Fused.MultiplyAdd(Load512(ref x, 64), scale, Load512(ref y, 64)), ref y, 64);
                if (chunks > 5) Store512(Fused.MultiplyAdd(Load512(ref x, 80), scale, Load512(ref y, 80)), ref y, 80);
                if (chunks > 6) Store512(Fused.MultiplyAdd(Load512(ref x, 96), scale, Load512(ref y, 96)), ref y, 96);
                if (chunks > 7) Store512(Fused.MultiplyAdd(Load512(ref x, 112), scale, Load512(ref y, 112)), ref y, 112);
            }
            else
            {
                for (int i = 0; i < chunks * 16; i += 16) Store512(Fused.MultiplyAdd(Load512(ref x, i), scale, Load512(ref y, i)), ref y, i);
            }
            MulAddTail(s, ref x, ref y, n, chunks * 16, 16);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void MulAdd256<TLength>(float s, ref float x, ref float y) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 8;
            Vector256<float> scale = Vector256.Create(s);
            if (chunks <= MaxStraightChunks)
            {
                Store256(Fused.MultiplyAdd(Load256(ref x, 0), scale, Load256(ref y, 0)), ref y, 0);
                if (chunks > 1) Store256(Fused.MultiplyAdd(Load256(ref x, 8), scale, Load256(ref y, 8)), ref y, 8);
                if (chunks > 2) Store256(Fused.MultiplyAdd(Load256(ref x, 16), scale, Load256(ref y, 16)), ref y, 16);
                if (chunks > 3) Store256(Fused.MultiplyAdd(Load256(ref x, 24), scale, Load256(ref y, 24)), ref y, 24);
                if (chunks > 4) Store256(Fused.MultiplyAdd(Load256(ref x, 32), scale, Load256(ref y, 32)), ref y, 32);
                if (chunks > 5) Store256(Fused.MultiplyAdd(Load256(ref x, 40), scale, Load256(ref y, 40)), ref y, 40);
                if (chunks > 6) Store256(Fused.MultiplyAdd(Load256(ref x, 48), scale, Load256(ref y, 48)), ref y, 48);
                if (chunks > 7) Store256(Fused.MultiplyAdd(Load256(ref x, 56), scale, Load256(ref y, 56)), ref y, 56);
            }
            else
            {
                for (int i = 0; i < chunks * 8; i += 8) Store256(Fused.MultiplyAdd(Load256(ref x, i), scale, Load256(ref y, i)), ref y, i);
            }
            MulAddTail(s, ref x, ref y, n, chunks * 8, 8);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void MulAdd128<TLength>(float s, ref float x, ref float y) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 4;
            Vector128<float> scale = Vector128.Create(s);
            if (chunks <= MaxStraightChunks)
            {
                Store128(Fused.MultiplyAdd(Load128(ref x, 0), scale, Load128(ref y, 0)), ref y, 0);
                if (chunks > 1) Store128(Fused.MultiplyAdd(Load128(ref x, 4), scale, Load128(ref y, 4)), ref y, 4);
                if (chunks > 2) Store128(Fused.MultiplyAdd(Load128(ref x, 8), scale, Load128(ref y, 8)), ref y, 8);
                if (chunks > 3) Store128(Fused.MultiplyAdd(Load128(ref x, 12), scale, Load128(ref y, 12)), ref y, 12);
                if (chunks > 4) Store128(Fused.MultiplyAdd(Load128(ref x, 16), scale, Load128(ref y, 16)), ref y, 16);
                if (chunks > 5) Store128(Fused.MultiplyAdd(Load128(ref x, 20), scale, Load128(ref y, 20)), ref y, 20);
                if (chunks > 6) Store128(Fused.MultiplyAdd(Load128(ref x, 24), scale, Load128(ref y, 24)), ref y, 24);
                if (chunks > 7) Store128(Fused.MultiplyAdd(Load128(ref x, 28), scale, Load128(ref y, 28)), ref y, 28);
            }
            else
            {
                for (int i = 0; i < chunks * 4; i += 4) Store128(Fused.MultiplyAdd(Load128(ref x, i), scale, Load128(ref y, i)), ref y, i);
            }
            MulAddTail(s, ref x, ref y, n, chunks * 4, 4);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Store512(Vector512<float> value, ref float destination, int at) => Vector512.StoreUnsafe(value, ref destination, (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Store256(Vector256<float> value, ref float destination, int at) => Vector256.StoreUnsafe(value, ref destination, (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Store128(Vector128<float> value, ref float destination, int at) => Vector128.StoreUnsafe(value, ref destination, (nuint)at);
#endif
    }
}
