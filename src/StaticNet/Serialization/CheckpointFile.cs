using System;
using System.Collections.Generic;
using System.IO;
using StaticNet.Training;
using static StaticNet.Serialization.ModelFileLayout;

namespace StaticNet.Serialization
{
    /// <summary>
    /// Training checkpoints: a .snet model file (so <c>Load</c> reads its parameters) with two more sections before END —
    /// TRST, where the run stands (epochs and steps done, the row order, the shuffling and dropout sequences), and OPTM,
    /// the optimizer's state (layout in docs/formats.md). <see cref="CheckpointExtensions"/> gives every network
    /// <c>SaveCheckpoint</c> and <c>LoadCheckpoint</c> calling these; Train with <see cref="TrainingOptions.Resume"/> continues what they hold, to the
    /// bit what one longer run would have computed.
    /// </summary>
    public static class CheckpointFile
    {
        /// <summary>The version of the TRST and OPTM sections written, and the only one read.</summary>
        public const int StateVersion = 1;

        internal static readonly uint StateTag = Tag("TRST");
        internal static readonly uint OptimizerTag = Tag("OPTM");

        /// <summary>TRST without its rows: version, epoch, step, shuffling state, dropout flag and state, row count.</summary>
        internal const int StateFixedSize = 4 + 4 + 8 + 16 + 4 + 16 + 4;

        /// <summary>OPTM without its vectors: optimizer kind, vector count.</summary>
        internal const int OptimizerFixedSize = 8;

        /// <summary>Rows read per block: a file's row count decides no allocation, the rows actually read do.</summary>
        private const int RowBlock = 1024;

        /// <summary>
        /// Writes a checkpoint of the network to <paramref name="stream"/> from its current position (left open): its
        /// parameters and the training state of the end of the last epoch Train completed. Call it from Train's progress
        /// callback (it saves the epoch just reported) or after Train returns, while the parameters are still that epoch's.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The stream cannot be written, or the network is not a generated (trainable) one.</exception>
        /// <exception cref="InvalidOperationException">
        /// The network has no epoch's state to save (no Train has completed an epoch, or the parameters have since moved
        /// on: a later epoch's step, a restored best epoch, a cancelled or diverged run); or a value is NaN or ±∞; or another
        /// training call is running on it (only the progress callback of the running Train may save).
        /// </exception>
        public static void Save(INetwork network, Stream stream)
        {
            NetworkArchitecture architecture = NetworkChecks.Architecture(network);
            ITrainableNetwork trainable = Trainable(network);
            StreamChecks.Writable(stream);
            TrainingBuffers buffers = TrainingBuffers.For(trainable);
            ResumeState? state = buffers.Resume;
            // Train's progress callback saves on Train's thread while Train holds the gate; anyone else takes it, and reads
            // the state again under it (a Train call may have replaced it in between).
            bool fromProgress = state is not null && state.ReportingThread == Environment.CurrentManagedThreadId;
            TrainingGate.Held held = fromProgress ? default : trainable.Gate.Enter("SaveCheckpoint");
            try
            {
                if (!fromProgress) state = buffers.Resume;
                if (state is null || !state.AtEpochEnd)
                {
                    throw new InvalidOperationException(state is null
                        ? "SaveCheckpoint saves where training stands at the end of an epoch, and this network has not completed one: call it from Train's progress callback, or after Train returns."
                        : $"SaveCheckpoint saves where training stands at the end of an epoch, and the network's parameters are no longer those of epoch {state.Epoch} "
                          + "(the run went on into the next epoch, was cancelled or diverged in it, or put back the best epoch's parameters): save from Train's progress callback instead.");
                }
                ReadOnlySpan<float> parameters = LibraryParameters.Of(network);
                NetworkChecks.FiniteForSaving(parameters, architecture);
                if (!Guard.AllFinite(state.FirstState) || !Guard.AllFinite(state.SecondState))
                {
                    throw new InvalidOperationException("The optimizer's state holds NaN or ±∞: the checkpoint is not saved, since no loader would accept it.");
                }
                var file = new ModelFileWriter(stream);
                file.WriteArchitecture(architecture);
                file.WriteParameters(parameters);
                WriteState(file, state);
                WriteOptimizer(file, state);
                file.Finish();
            }
            finally
            {
                if (!fromProgress) held.Dispose();
            }
        }

        /// <summary>Writes a checkpoint to <paramref name="path"/> atomically, as <see cref="ModelFile.Save(INetwork, string)"/> writes a model.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The network is not a generated (trainable) one.</exception>
        /// <exception cref="InvalidOperationException">As for <see cref="Save(INetwork, Stream)"/>; no file is written.</exception>
        /// <exception cref="IOException">The file system refused (the old file, if any, is unchanged).</exception>
        public static void Save(INetwork network, string path)
        {
            NetworkChecks.Architecture(network);
            Trainable(network);
            AtomicFile.Write(path, file => Save(network, file));
        }

        /// <summary>
        /// Reads a checkpoint from <paramref name="stream"/> (from its current position; it may be non-seekable and return
        /// short reads; it is left open just after the checkpoint): the parameters go into the network, the training state
        /// is kept with it for the next Train with <see cref="TrainingOptions.Resume"/>. Everything is checked first —
        /// everything <c>Load</c> checks, then the state's version, counts and lengths, the optimizer kind and its number of
        /// state vectors, finite moments, valid random states, the dropout flag against the network — so a bad file leaves
        /// the network (parameters and training state) unchanged.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The stream cannot be read, or the network is not a generated (trainable) one.</exception>
        /// <exception cref="InvalidDataException">The data is not a checkpoint of this network's architecture; the message says what is wrong.</exception>
        /// <exception cref="InvalidOperationException">A training call is running on the network (another thread, or Train's progress callback); nothing changed.</exception>
        public static void Load(INetwork network, Stream stream)
        {
            NetworkChecks.Architecture(network);
            Trainable(network);
            StreamChecks.Readable(stream);
            Read(network, stream, wholeStream: false);
        }

        /// <summary>Reads a checkpoint from the file at <paramref name="path"/>, checked as <see cref="Load(INetwork, Stream)"/> checks it, and the file must end where the checkpoint does.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">The network is not a generated (trainable) one.</exception>
        /// <exception cref="FileNotFoundException">There is no such file.</exception>
        /// <exception cref="InvalidDataException">The file is not a checkpoint of this network's architecture; the message names the file and says what is wrong.</exception>
        /// <exception cref="InvalidOperationException">A training call is running on the network; nothing changed.</exception>
        public static void Load(INetwork network, string path)
        {
            NetworkChecks.Architecture(network);
            Trainable(network);
            ExistingFile.Read(path, file => Read(network, file, wholeStream: true));
        }

        private static ITrainableNetwork Trainable(INetwork network)
            => network as ITrainableNetwork
               ?? throw new ArgumentException("Checkpoints hold training state, which only generated networks (ITrainableNetwork) have.", nameof(network));

        private static void WriteState(ModelFileWriter file, ResumeState state)
        {
            FormatWriter payload = file.BeginSection(StateTag, StateFixedSize + 4L * state.Rows.Length);
            payload.WriteInt32(StateVersion);
            payload.WriteInt32(state.Epoch);
            payload.WriteUInt64((ulong)state.Step);
            WriteRandom(payload, state.Shuffle);
            payload.WriteInt32(state.HasDropout ? 1 : 0);
            WriteRandom(payload, state.HasDropout ? state.Dropout : default);
            payload.WriteInt32(state.Rows.Length);
            foreach (int row in state.Rows) payload.WriteInt32(row);
        }

        private static void WriteOptimizer(ModelFileWriter file, ResumeState state)
        {
            int vectors = state.StateVectorCount;
            int p = state.FirstState.Length;
            FormatWriter payload = file.BeginSection(OptimizerTag, OptimizerFixedSize + 4L * vectors * p);
            payload.WriteInt32((int)state.Kind);
            payload.WriteInt32(vectors);
            if (vectors >= 1) payload.WriteSingles(state.FirstState);
            if (vectors == 2) payload.WriteSingles(state.SecondState);
        }

        private static void WriteRandom(FormatWriter payload, NetRandom random)
        {
            (uint s0, uint s1, uint s2, uint s3) = random.State;
            payload.WriteUInt32(s0);
            payload.WriteUInt32(s1);
            payload.WriteUInt32(s2);
            payload.WriteUInt32(s3);
        }

        private static void Read(INetwork network, Stream stream, bool wholeStream)
        {
            var trainable = (ITrainableNetwork)network;
            NetworkArchitecture architecture = network.Architecture;
            var file = new ModelFileReader(stream);
            file.ReadArchitecture(architecture);
            float[] parameters = file.ReadParameters(architecture);
            ResumeState state = ReadState(file, architecture.ParameterCount, trainable is IDropoutTrainableNetwork);
            SectionHeader section;
            while ((section = file.NextSection()).Tag != EndTag)
            {
                if (section.Tag == StateTag || section.Tag == OptimizerTag) throw file.Input.Invalid($"a second {TagName(section.Tag)} section starts at byte {file.Input.Position - SectionHeaderSize}.");
                file.Skip(section);
            }
            file.ReadEnd(section);
            // After the checksum, so that damage is reported as damage.
            int bad = NetworkChecks.FirstNonFinite(parameters);
            if (bad >= 0)
            {
                throw file.Input.Invalid($"parameter {bad} ({NetworkChecks.Locate(architecture, bad)}) is {NetworkChecks.Format(parameters[bad])}; a network takes finite values only.");
            }
            CheckMoments(file, state.FirstState, "the first");
            CheckMoments(file, state.SecondState, "the second");
            if (wholeStream) file.Input.ExpectEndOfFile();

            using TrainingGate.Held held = trainable.Gate.Enter("LoadCheckpoint");
            parameters.AsSpan().CopyTo(LibraryParameters.Of(network));
            TrainingBuffers.For(trainable).Resume = state;
        }

        /// <summary>Reads TRST and OPTM, in that order, into a state whose moments are arrays of the network's size.</summary>
        private static ResumeState ReadState(ModelFileReader file, int parameterCount, bool networkHasDropout)
        {
            FormatReader input = file.Input;
            SectionHeader section = file.NextSection();
            if (section.Tag != StateTag)
            {
                throw input.Invalid($"the section after PARM is {TagName(section.Tag)} where the training state section 'TRST' of a checkpoint belongs (a model saved with Save holds no training state: Load reads it).");
            }
            if (section.Length < StateFixedSize || (section.Length - StateFixedSize) % 4 != 0 || (section.Length - StateFixedSize) / 4 > (ulong)Guard.MaxArrayLength)
            {
                throw input.Invalid($"the TRST section says it is {section.Length} bytes long; it is {StateFixedSize} bytes plus 4 per training row.");
            }
            long rowCount = (long)(section.Length - StateFixedSize) / 4;
            int version = input.ReadInt32("the training state's version");
            if (version != StateVersion) throw input.Invalid($"its training state's version is {version}; this StaticNet reads version {StateVersion}.");
            int epoch = input.ReadInt32("the epoch reached");
            if (epoch < 1) throw input.Invalid($"the epoch reached is {epoch}; a checkpoint is saved at the end of epoch 1 or later.");
            ulong step = input.ReadUInt64("the step count");
            if (step > long.MaxValue) throw input.Invalid($"the step count is {step}.");
            NetRandom shuffle = ReadRandom(input, "the shuffling state", mayBeZero: false);
            int dropoutFlag = input.ReadInt32("the dropout flag");
            if (dropoutFlag is not (0 or 1)) throw input.Invalid($"the dropout flag is {dropoutFlag}; it is 0 or 1.");
            bool hasDropout = dropoutFlag == 1;
            if (hasDropout != networkHasDropout)
            {
                throw input.Invalid($"it was saved by a network {(hasDropout ? "with" : "without")} dropout; this network has {(networkHasDropout ? "dropout" : "none")}.");
            }
            NetRandom dropout = ReadRandom(input, "the dropout state", mayBeZero: !hasDropout);
            int declaredRows = input.ReadInt32("the row count");
            if (declaredRows != rowCount) throw input.Invalid($"the TRST section is {section.Length} bytes long, room for {rowCount} rows, but says it holds {declaredRows}.");
            if (rowCount < 1) throw input.Invalid("it holds no training rows; a run trains on at least one.");
            int[] rows = ReadRows(input, (int)rowCount);

            section = file.NextSection();
            if (section.Tag != OptimizerTag) throw input.Invalid($"the section after TRST is {TagName(section.Tag)} where the optimizer state section 'OPTM' belongs.");
            if (section.Length < OptimizerFixedSize) throw input.Invalid($"the OPTM section says it is {section.Length} bytes long; it is {OptimizerFixedSize} bytes plus the state vectors.");
            int kindValue = input.ReadInt32("the optimizer kind");
            if (!Enum.IsDefined(typeof(OptimizerKind), kindValue)) throw input.Invalid($"the optimizer kind is {kindValue}, which is no {nameof(OptimizerKind)}.");
            var kind = (OptimizerKind)kindValue;
            int vectors = input.ReadInt32("the number of optimizer state vectors");
            bool fits = kind == OptimizerKind.Sgd ? vectors is 0 or 1 : vectors == 2;
            if (!fits) throw input.Invalid($"it holds {vectors} optimizer state vectors for {kind}, which keeps {(kind == OptimizerKind.Sgd ? "0 (no momentum) or 1 (momentum)" : "2")}.");
            ulong expected = OptimizerFixedSize + 4UL * (ulong)vectors * (ulong)parameterCount;
            if (section.Length != expected)
            {
                throw input.Invalid($"the OPTM section says it is {section.Length} bytes long; {vectors} state vectors of this network's {parameterCount} parameters take {expected}.");
            }
            float[] first = vectors >= 1 ? new float[parameterCount] : Array.Empty<float>();   // the network's size, never the file's say
            float[] second = vectors == 2 ? new float[parameterCount] : Array.Empty<float>();
            input.ReadSingles(first, "the optimizer's first state vector");
            input.ReadSingles(second, "the optimizer's second state vector");

            return new ResumeState(kind, first, second, hasDropout)
            {
                Epoch = epoch, Step = (long)step, Shuffle = shuffle, Dropout = dropout, Rows = rows, AtEpochEnd = true,
            };
        }

        private static NetRandom ReadRandom(FormatReader input, string what, bool mayBeZero)
        {
            uint s0 = input.ReadUInt32(what), s1 = input.ReadUInt32(what), s2 = input.ReadUInt32(what), s3 = input.ReadUInt32(what);
            bool zero = (s0 | s1 | s2 | s3) == 0;
            if (!mayBeZero && zero) throw input.Invalid($"{what} is all zero, which no generator reaches (xoshiro128** never leaves it).");
            if (mayBeZero && !zero) throw input.Invalid($"{what} is not zero in a checkpoint of a network without dropout.");
            return new NetRandom(s0, s1, s2, s3);
        }

        /// <summary>Reads <paramref name="count"/> row indices in blocks, so that memory follows the bytes that are there, not the count a file claims.</summary>
        private static int[] ReadRows(FormatReader input, int count)
        {
            var blocks = new List<int[]>();
            for (int done = 0; done < count; done += RowBlock)
            {
                var block = new int[Math.Min(RowBlock, count - done)];
                for (int i = 0; i < block.Length; i++)
                {
                    int row = input.ReadInt32("the training rows");
                    if (row < 0) throw input.Invalid($"training row {done + i} is {row}; rows are indices from 0.");
                    block[i] = row;
                }
                blocks.Add(block);
            }
            var rows = new int[count];
            for (int b = 0; b < blocks.Count; b++) blocks[b].CopyTo(rows, b * RowBlock);
            return rows;
        }

        private static void CheckMoments(ModelFileReader file, float[] values, string which)
        {
            int bad = NetworkChecks.FirstNonFinite(values);
            if (bad >= 0) throw file.Input.Invalid($"{which} optimizer state vector holds {NetworkChecks.Format(values[bad])} at {bad}; a run resumes from finite values only.");
        }
    }
}
