using System;
using System.IO;

namespace StaticNet.Serialization
{
    /// <summary>
    /// Writes a file so that readers see the old file or the whole new one, never a part: the content goes to a
    /// temporary file beside the target (same directory, so the same file system), is flushed to the disk, and the
    /// temporary file is then renamed over the target. A failure on the way deletes the temporary file and leaves
    /// the target as it was.
    /// </summary>
    internal static class AtomicFile
    {
        /// <summary>Replaces (or creates) <paramref name="path"/> with what <paramref name="write"/> writes to the stream it is given.</summary>
        public static void Write(string path, Action<Stream> write)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            string target = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
            // Said up front: otherwise the error would name the temporary file, which the caller never asked for.
            if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Could not save '{target}': the directory '{directory}' does not exist.");
            // Hidden and unique, so that a crash leaves an obvious leftover and two writers never share one.
            string temporary = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FormatReader.ChunkSize))
                {
                    write(file);
                    file.Flush(flushToDisk: true);
                }
                MoveOver(temporary, target);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
        }

        private static void MoveOver(string source, string target)
        {
#if NET8_0_OR_GREATER
            File.Move(source, target, overwrite: true);
#else
            // .NET Standard 2.0 has no overwriting Move; Replace renames over an existing file (rename(2) on Unix,
            // ReplaceFile on Windows) but needs the target to exist.
            if (File.Exists(target)) File.Replace(source, target, destinationBackupFileName: null);
            else File.Move(source, target);
#endif
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // The write's own exception is the one worth reporting; a leftover temporary file is harmless.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
