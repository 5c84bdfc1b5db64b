using System;
using System.Buffers;
using System.ComponentModel;

namespace StaticNet
{
    /// <summary>
    /// Scratch for one call of a network whose activations are too large for the stack (generated code uses the stack
    /// up to 64 KB and this above it): an array from the shared pool, given back when the scope is disposed. The pool
    /// is thread-safe and keeps its arrays, so calls stay thread-safe and, once warm, allocate nothing. The contents
    /// are stale: the forward pass writes every value before it reads it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct RentedScratch : IDisposable
    {
        private readonly float[] _array;
        private readonly int _length;

        private RentedScratch(float[] array, int length)
        {
            _array = array;
            _length = length;
        }

        /// <summary>At least <paramref name="length"/> floats from the shared pool, until disposed.</summary>
        public static RentedScratch Rent(int length) => new RentedScratch(ArrayPool<float>.Shared.Rent(length), length);

        /// <summary>The first <c>length</c> floats of the rented array.</summary>
        public Span<float> Span => new Span<float>(_array, 0, _length);

        /// <summary>Gives the array back to the pool.</summary>
        public void Dispose() => ArrayPool<float>.Shared.Return(_array);
    }
}
