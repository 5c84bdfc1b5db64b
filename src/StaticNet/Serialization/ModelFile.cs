using System;
using StaticNet.Training;
using System.IO;

namespace StaticNet.Serialization
{
    /// <summary>
    /// StaticNet's own model file (.snet): the architecture and the parameters, versioned, little-endian and
    /// checksummed (layout in docs/formats.md). Every generated network's <c>Save</c> and <c>Load</c> call these.
    /// </summary>
    public static class ModelFile
    {
        /// <summary>The file name extension: ".snet".</summary>
        public const string Extension = ".snet";

        /// <summary>The format version written, and the one read.</summary>
        public const int FormatVersion = (int)ModelFileLayout.FormatVersion;

        /// <summary>Writes the network's architecture and parameters to <paramref name="stream"/> from its current position; the stream is left open.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The stream cannot be written, or the network disagrees with its own architecture.</exception>
        /// <exception cref="InvalidOperationException">A parameter is NaN or ±∞ (no loader would accept the file).</exception>
        public static void Save(INetwork network, Stream stream)
        {
            NetworkArchitecture architecture = NetworkChecks.Architecture(network);
            StreamChecks.Writable(stream);
            ReadOnlySpan<float> parameters = LibraryParameters.Of(network);
            NetworkChecks.FiniteForSaving(parameters, architecture);
            var file = new ModelFileWriter(stream);
            file.WriteArchitecture(architecture);
            file.WriteParameters(parameters);
            file.Finish();
        }

        /// <summary>
        /// Writes the network to <paramref name="path"/> atomically: to a temporary file beside it, flushed to the disk,
        /// then renamed over it, so that a failure half way leaves the old file as it was.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="InvalidOperationException">A parameter is NaN or ±∞.</exception>
        /// <exception cref="IOException">The file system refused (the old file, if any, is unchanged).</exception>
        public static void Save(INetwork network, string path)
        {
            NetworkChecks.Architecture(network);
            AtomicFile.Write(path, file => Save(network, file));
        }

        /// <summary>
        /// Reads a model from <paramref name="stream"/> (from its current position; it may be non-seekable and return
        /// short reads; it is left open just after the model) into the network's parameters. Everything is checked
        /// first — magic, version, architecture, parameter count, checksum, finite values — so a bad file leaves the
        /// network unchanged.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="InvalidDataException">The data is not a .snet model of this network's architecture; the message says what is wrong.</exception>
        /// <exception cref="InvalidOperationException">A training call is running on the network (another thread, or Train's progress callback); nothing changed.</exception>
        public static void Load(INetwork network, Stream stream)
        {
            NetworkChecks.Architecture(network);
            StreamChecks.Readable(stream);
            Read(network, stream, wholeStream: false);
        }

        /// <summary>Reads a model from the file at <paramref name="path"/>, checked as <see cref="Load(INetwork, Stream)"/> checks it, and the file must end where the model does.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="FileNotFoundException">There is no such file.</exception>
        /// <exception cref="InvalidDataException">The file is not a .snet model of this network's architecture; the message names the file and says what is wrong.</exception>
        /// <exception cref="InvalidOperationException">A training call is running on the network (another thread, or Train's progress callback); nothing changed.</exception>
        public static void Load(INetwork network, string path)
        {
            NetworkChecks.Architecture(network);
            ExistingFile.Read(path, file => Read(network, file, wholeStream: true));
        }

        private static void Read(INetwork network, Stream stream, bool wholeStream)
        {
            NetworkArchitecture architecture = network.Architecture;
            var file = new ModelFileReader(stream);
            file.ReadArchitecture(architecture);
            float[] parameters = file.ReadParameters(architecture);
            SectionHeader section;
            while ((section = file.NextSection()).Tag != ModelFileLayout.EndTag) file.Skip(section);
            file.ReadEnd(section);
            // After the checksum, so that damage is reported as damage; a NaN that passes it was saved by someone else.
            int bad = NetworkChecks.FirstNonFinite(parameters);
            if (bad >= 0)
            {
                throw file.Input.Invalid($"parameter {bad} ({NetworkChecks.Locate(architecture, bad)}) is {NetworkChecks.Format(parameters[bad])}; a network takes finite values only.");
            }
            if (wholeStream) file.Input.ExpectEndOfFile();
            NetworkChecks.Install(network, parameters, "Load");
        }
    }
}
