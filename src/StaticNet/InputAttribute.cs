using System;

namespace StaticNet
{
    /// <summary>Declares the number of inputs of a <see cref="NetworkAttribute"/> class.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class InputAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="size">Number of input values, at least 1.</param>
        public InputAttribute(int size) => Size = size;

        /// <summary>Number of input values.</summary>
        public int Size { get; }
    }
}
