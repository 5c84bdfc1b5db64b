using System;

namespace StaticNet
{
    /// <summary>
    /// A small deterministic random number generator (SplitMix64 seeding a xoshiro128** state):
    /// the same seed gives the same numbers on every platform and runtime, which is what makes
    /// "same seed, same bits" hold for initialisation and shuffling. Not for cryptography.
    /// </summary>
    public struct NetRandom
    {
        private uint _s0, _s1, _s2, _s3;

        /// <summary>Creates a generator whose whole sequence is fixed by <paramref name="seed"/>.</summary>
        public NetRandom(int seed)
        {
            ulong x = unchecked((ulong)(long)seed);
            ulong a = SplitMix64(ref x), b = SplitMix64(ref x);
            _s0 = (uint)a; _s1 = (uint)(a >> 32); _s2 = (uint)b; _s3 = (uint)(b >> 32);
            // xoshiro must not start from the all-zero state; SplitMix64 practically never gives it.
            if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
        }

        /// <summary>A generator in exactly this state (a checkpoint's): xoshiro128**'s four words, not all zero.</summary>
        internal NetRandom(uint s0, uint s1, uint s2, uint s3)
        {
            _s0 = s0; _s1 = s1; _s2 = s2; _s3 = s3;
        }

        /// <summary>The generator's whole state, for a checkpoint: the next numbers follow from it alone.</summary>
        internal (uint S0, uint S1, uint S2, uint S3) State => (_s0, _s1, _s2, _s3);

        /// <summary>The next 32 random bits.</summary>
        public uint NextUInt32()
        {
            uint result = RotateLeft(_s1 * 5, 7) * 9;
            uint t = _s1 << 9;
            _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 11);
            return result;
        }

        /// <summary>A float uniformly distributed in [0, 1), with 24 random bits.</summary>
        public float NextSingle() => (NextUInt32() >> 8) * (1f / 16777216f);

        /// <summary>A float uniformly distributed in [−limit, limit).</summary>
        public float NextUniform(float limit) => (2f * NextSingle() - 1f) * limit;

        /// <summary>A standard normal sample (mean 0, variance 1), by the Box–Muller transform in double precision.</summary>
        public double NextGaussian()
        {
            // u1 in (0, 1] so that the logarithm is finite; 53-bit uniforms from two 32-bit draws.
            double u1 = 1.0 - NextDouble(), u2 = NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        /// <summary>A double uniformly distributed in [0, 1), with 53 random bits.</summary>
        public double NextDouble()
        {
            ulong bits = ((ulong)NextUInt32() << 21) ^ (NextUInt32() >> 11);
            return bits * (1.0 / 9007199254740992.0);
        }

        /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates): every order equally likely.</summary>
        public void Shuffle(Span<int> items)
        {
            for (int i = items.Length - 1; i > 0; i--)
            {
                int j = NextInt32(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        /// <summary>An integer uniformly distributed in [0, <paramref name="maxExclusive"/>).</summary>
        public int NextInt32(int maxExclusive)
        {
            if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
            // Lemire's multiply-shift; the tiny bias (< 2^-32 per draw) does not matter here.
            return (int)(((ulong)NextUInt32() * (ulong)maxExclusive) >> 32);
        }

        private static uint RotateLeft(uint x, int k) => (x << k) | (x >> (32 - k));

        private static ulong SplitMix64(ref ulong x)
        {
            unchecked
            {
                ulong z = x += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}
