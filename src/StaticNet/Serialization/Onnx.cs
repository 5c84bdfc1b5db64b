using System;
using StaticNet.Training;
using System.IO;
using StaticNet.Serialization.OnnxModel;

namespace StaticNet.Serialization
{
    /// <summary>
    /// Exports a network as an ONNX model (opset 13) for ONNX Runtime and other inference engines: input "input"
    /// [N, InputSize], output "output" [N, OutputSize], N any batch size, computing what Predict computes (the
    /// graph is in docs/formats.md). Every generated network's <c>ExportOnnx</c> calls these.
    /// </summary>
    public static class Onnx
    {
        /// <summary>The ONNX operator set the model imports.</summary>
        public const int OpsetVersion = (int)OnnxGraphWriter.OpsetVersion;

        /// <summary>The graph's input and output names.</summary>
        public const string InputName = OnnxGraphWriter.InputName, OutputName = OnnxGraphWriter.OutputName;

        /// <summary>Writes the model to <paramref name="stream"/> from its current position; the stream is left open.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The stream cannot be written, or the network disagrees with its own architecture.</exception>
        /// <exception cref="InvalidOperationException">A parameter is NaN or ±∞.</exception>
        public static void Export(INetwork network, Stream stream)
        {
            NetworkArchitecture architecture = NetworkChecks.Architecture(network);
            StreamChecks.Writable(stream);
            ReadOnlySpan<float> parameters = LibraryParameters.Of(network);
            NetworkChecks.FiniteForSaving(parameters, architecture);
            string version = typeof(Onnx).Assembly.GetName().Version?.ToString(3) ?? "";
            ProtoWriter model = OnnxGraphWriter.Model(architecture, parameters, network.GetType().Name, version);
            var output = new FormatWriter(stream);
            output.WriteBytes(model.Written);
            output.Flush();
        }

        /// <summary>Writes the model to <paramref name="path"/> atomically (temporary file beside it, flushed, renamed over it).</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="InvalidOperationException">A parameter is NaN or ±∞.</exception>
        /// <exception cref="IOException">The file system refused (the old file, if any, is unchanged).</exception>
        public static void Export(INetwork network, string path)
        {
            NetworkChecks.Architecture(network);
            AtomicFile.Write(path, file => Export(network, file));
        }
    }
}
