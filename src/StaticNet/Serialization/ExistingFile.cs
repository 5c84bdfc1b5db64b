using System;
using System.IO;

namespace StaticNet.Serialization
{
    /// <summary>Reads a file every path overload of a loader reads the same way: missing is missing, and bad data names the file.</summary>
    internal static class ExistingFile
    {
        /// <summary>
        /// Opens <paramref name="path"/> and runs <paramref name="read"/> on it. A missing file, a missing directory
        /// on the way to it, or a directory where the file should be, is a <see cref="FileNotFoundException"/>; an <see cref="InvalidDataException"/> gets the
        /// path in front of its message.
        /// </summary>
        public static void Read(string path, Action<Stream> read)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FormatReader.ChunkSize);
            }
            catch (DirectoryNotFoundException e)
            {
                throw new FileNotFoundException($"Could not find file '{path}' (a directory on its path does not exist).", path, e);
            }
            catch (UnauthorizedAccessException e) when (Directory.Exists(path))
            {
                // What the runtime says of a directory opened as a file ("access denied") sends the reader the wrong way.
                throw new FileNotFoundException($"Could not find file '{path}': it is a directory.", path, e);
            }
            using (file)
            {
                try
                {
                    read(file);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException(path + ": " + e.Message, e);
                }
            }
        }
    }
}
