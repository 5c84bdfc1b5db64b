using System;
using System.IO;

namespace StaticNet.Serialization
{
    /// <summary>The argument checks on a stream every Save and Load makes before touching it.</summary>
    internal static class StreamChecks
    {
        public static void Readable(Stream stream)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanRead) throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        public static void Writable(Stream stream)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanWrite) throw new ArgumentException("The stream cannot be written.", nameof(stream));
        }
    }
}
