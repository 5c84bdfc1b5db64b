using System;
using System.Runtime.CompilerServices;

namespace StaticNet
{
    /// <summary>Argument checks shared by generated code; each throws before anything is written.</summary>
    public static class Guard
    {
        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Length(int actual, int expected, string paramName)
        {
            if (actual != expected) ThrowLength(actual, expected, paramName);
        }

        private static void ThrowLength(int actual, int expected, string paramName)
            => throw new ArgumentException(
                $"'{paramName}' has length {actual} but this network needs exactly {expected}.", paramName);
    }
}
