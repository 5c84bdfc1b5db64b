using System;
using System.Globalization;
using StaticNet.Training;

namespace StaticNet.Serialization
{
    /// <summary>What every format checks about the network it saves from or loads into.</summary>
    internal static class NetworkChecks
    {
        /// <summary>
        /// Writes checked parameters into the network, holding its training gate while it does, and drops the training state a
        /// checkpoint or Train left (it goes with the parameters replaced, so neither SaveCheckpoint nor a resumed Train may use it): a load while Train,
        /// TrainStep or AccumulateGradients runs (on another thread, or from Train's progress callback) would mix the file
        /// into a run whose report then describes parameters the network no longer holds, so it is refused instead.
        /// </summary>
        /// <exception cref="InvalidOperationException">A training call is running on the network; nothing was written.</exception>
        public static void Install(INetwork network, ReadOnlySpan<float> parameters, string operation)
        {
            if (network is ITrainableNetwork trainable)
            {
                using TrainingGate.Held held = trainable.Gate.Enter(operation);
                parameters.CopyTo(LibraryParameters.Of(network));
                TrainingBuffers.ForgetResume(trainable);   // the training state went with the parameters just replaced
                return;
            }
            parameters.CopyTo(LibraryParameters.Of(network));
        }

        /// <summary>
        /// The network's architecture, after checking that its sizes and parameter vector agree with it: every format
        /// trusts the architecture to say where each value goes (a hand-written INetwork could disagree).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
        /// <exception cref="ArgumentException">The network's sizes or parameter vector disagree with its architecture.</exception>
        public static NetworkArchitecture Architecture(INetwork network)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            NetworkArchitecture architecture = network.Architecture
                ?? throw new ArgumentException("The network describes no architecture.", nameof(network));
            int parameters = LibraryParameters.Of(network).Length;
            if (network.InputSize != architecture.InputSize || network.OutputSize != architecture.OutputSize
                || network.ParameterCount != architecture.ParameterCount || parameters != architecture.ParameterCount)
            {
                throw new ArgumentException(
                    $"The network's sizes (input {network.InputSize}, output {network.OutputSize}, {network.ParameterCount} parameters, Parameters of length {parameters}) "
                    + $"disagree with its architecture {architecture} ({architecture.ParameterCount} parameters).", nameof(network));
            }
            return architecture;
        }

        /// <summary>Throws unless every parameter is finite: a file holding NaN or ±∞ could not be loaded again.</summary>
        /// <exception cref="InvalidOperationException">A parameter is NaN or ±∞.</exception>
        public static void FiniteForSaving(ReadOnlySpan<float> parameters, NetworkArchitecture architecture)
        {
            int bad = FirstNonFinite(parameters);
            if (bad >= 0)
            {
                throw new InvalidOperationException(
                    $"Parameter {bad} ({Locate(architecture, bad)}) is {Format(parameters[bad])}: a network with NaN or ±∞ parameters is not saved, since no loader would accept the file.");
            }
        }

        /// <summary>The index of the first NaN or ±∞, or −1.</summary>
        public static int FirstNonFinite(ReadOnlySpan<float> values)
        {
            if (Guard.AllFinite(values)) return -1;
            for (int i = 0; i < values.Length; i++)
            {
                if (!NetMath.IsFinite(values[i])) return i;
            }
            return -1;
        }

        /// <summary>Where parameter <paramref name="index"/> lies: "layer 2's weight [3, 1]" or "layer 1's bias [4]" (layers counted from 1).</summary>
        public static string Locate(NetworkArchitecture architecture, int index)
        {
            for (int l = architecture.Layers.Count - 1; l >= 0; l--)
            {
                string layer = "layer " + (l + 1).ToString(CultureInfo.InvariantCulture);
                if (index >= architecture.BiasOffset(l)) return layer + "'s bias [" + (index - architecture.BiasOffset(l)).ToString(CultureInfo.InvariantCulture) + "]";
                if (index >= architecture.WeightOffset(l))
                {
                    int offset = index - architecture.WeightOffset(l), inputs = architecture.InputsOf(l);
                    return layer + "'s weight [" + (offset / inputs).ToString(CultureInfo.InvariantCulture) + ", " + (offset % inputs).ToString(CultureInfo.InvariantCulture) + "]";
                }
            }
            throw new ArgumentOutOfRangeException(nameof(index), index, "Not a parameter index.");
        }

        /// <summary>A float as a message shows it: round-trip digits, invariant culture.</summary>
        public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
