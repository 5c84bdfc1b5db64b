using System.Collections.Generic;
using System.Linq;
using StaticNet.Generators.Model;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Writes the fixed-size kernels for one vector length n:
    /// <list type="bullet">
    /// <item>Dot{n}: w·x, with four independent accumulators so the FMA units are not kept waiting on one chain;</item>
    /// <item>MulAdd{n}: y += s·x;</item>
    /// <item>Dot{n}Rows4 (one sample): four rows of W against x, each chunk of x loaded once for four rows;</item>
    /// <item>Dot{n}x4 and Dot{n}Block (batches): w·x0 … w·x3, each chunk of w loaded once for four samples (and, in
    /// the block, each chunk of x0 … x3 once for four rows);</item>
    /// <item>MulAdd{n}x4 (backpropagation of a batch): y += s0·x0 + … + s3·x3, each chunk of y loaded and stored once for four terms;</item>
    /// <item>Outer{n}Rows4 and Outer{n} (weight gradients of a batch): Σ over the samples of δ·xᵀ for four rows (one), a
    /// tile of them in registers while every sample streams past.</item>
    /// </list>
    /// Each kernel has a branch per vector width (512, 256, 128 bits) that the JIT keeps or drops from
    /// IsHardwareAccelerated, and a scalar loop for machines or targets without SIMD. Within a branch
    /// every trip count is a constant, and the tail after the last full vector is straight code: one
    /// narrower vector where it fits, then single floats.
    /// </summary>
    internal static class KernelEmitter
    {
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
        private const string GetReference = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";
        private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
        private const string Span = "global::System.Span<float>";

        /// <summary>Chunks up to this count are written out; more become a constant-bound loop.</summary>
        private const int MaxStraightChunks = 8;

        /// <summary>Independent accumulators in Dot{n}: FMA latency (4 cycles) × 2 ports would want 8; 4 already hide most of it.</summary>
        private const int Accumulators = 4;

        private static readonly int[] Widths = { 16, 8, 4 };

        /// <summary>
        /// Writes the kernels for length n that the code emitted so far calls (<paramref name="called"/>, from
        /// <see cref="FindCalls"/>), and what those kernels call in turn (the 4 × 4 blocks fall back on the x4
        /// kernels, Rows4 on Dot{n}), so no kernel is dead code. The reductions they use are noted in <paramref name="reductions"/>.
        /// </summary>
        public static void Emit(SourceWriter writer, int n, TargetInfo target, ISet<string> called, Reductions reductions)
        {
            var k = new KernelEmitterContext(n, target, reductions);
            string dot = NetworkLayout.Dot(n), mulAdd = NetworkLayout.MulAdd(n), outer = NetworkLayout.Outer(n);
            bool Called(string name) => called.Contains(name);
            bool dotBlock = Called(dot + "Block");
            var kernels = new List<System.Action<SourceWriter, KernelEmitterContext>>();
            if (Called(dot) || Called(dot + "Rows4")) kernels.Add(EmitDot);
            if (Called(mulAdd)) kernels.Add(EmitMulAdd);
            if (Called(dot + "Rows4")) kernels.Add(EmitDotRows4);
            if (dotBlock || Called(dot + "x4")) kernels.Add(EmitDotX4);
            if (Called(mulAdd + "x4")) kernels.Add(EmitMulAddX4);
            if (dotBlock) kernels.Add(EmitDotBlock);
            if (dotBlock && k.Branches.Contains(8)) kernels.Add(EmitDotBlock256);
            if (Called(outer + "Rows4")) kernels.Add((w, c) => EmitOuter(w, c, 4));
            if (Called(outer)) kernels.Add((w, c) => EmitOuter(w, c, 1));
            foreach (var kernel in kernels)
            {
                writer.WriteLine();
                kernel(writer, k);
            }
        }

        /// <summary>
        /// The kernel names <paramref name="code"/> calls ("Dot64", "MulAdd32x4", "Dot784Rows4", …): one ordinal
        /// search per prefix over the text, rather than one per candidate kernel.
        /// </summary>
        public static ISet<string> FindCalls(string code)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (string prefix in new[] { "Dot", "MulAdd", "Outer" })
            {
                for (int at = code.IndexOf(prefix, System.StringComparison.Ordinal); at >= 0; at = code.IndexOf(prefix, at + prefix.Length, System.StringComparison.Ordinal))
                {
                    if (at > 0 && (char.IsLetterOrDigit(code[at - 1]) || code[at - 1] == '_')) continue;
                    int end = at + prefix.Length;
                    if (end >= code.Length || !char.IsDigit(code[end])) continue;
                    while (end < code.Length && char.IsLetterOrDigit(code[end])) end++;
                    if (end < code.Length && code[end] == '(') names.Add(code.Substring(at, end - at));
                }
            }
            return names;
        }

        /// <summary>Which reduction helpers the kernels written so far call, so <see cref="EmitReductions"/> writes only those.</summary>
        internal sealed class Reductions
        {
            public bool Fold512 { get; set; }

            public bool Fold256 { get; set; }

            public bool HorizontalSums { get; set; }

            public bool BlockSums { get; set; }
        }

        /// <summary>
        /// The 4 × 4 register block for batches on AVX-512: four consecutive weight rows against four samples,
        /// sixteen accumulators, so each loaded chunk feeds four FMAs (a GEMM micro-kernel in miniature).
        /// Narrower machines run the four rows through Dot{n}x4, which keeps their registers from spilling.
        /// </summary>
        private static void EmitDotBlock(SourceWriter writer, KernelEmitterContext k)
        {
            string n = k.Count, dot4 = NetworkLayout.Dot(k.N) + "x4";
            writer.WriteLine("/// <summary>sums[4·q + r] = Σ w_r[i]·x_q[i] for four rows w_0…w_3 (consecutive in <paramref name=\"w\"/>) and four vectors x0…x3 of " + n + " elements: each sample's four sums together, as its activations are stored.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static void " + NetworkLayout.Dot(k.N) + "Block(" + ReadOnlySpan + " w, " + ReadOnlySpan + " x0, " + ReadOnlySpan + " x1, " + ReadOnlySpan + " x2, " + ReadOnlySpan + " x3, " + Span + " sums)");
            if (k.Branches.Contains(16))
            {
                string v = Vector(16);
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                writer.WriteLine("ref float wr = ref " + GetReference + "(w);");
                for (int q = 0; q < 4; q++) writer.WriteLine("ref float x" + q + "r = ref " + GetReference + "(x" + q + ");");
                for (int r = 0; r < 4; r++) writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(q => "var s" + r + q + " = " + v + "<float>.Zero;")));
                int full = k.N / 16 * 16;
                writer.OpenBlock("for (nuint i = 0; i < " + NetworkLayout.Int(full) + "; i += 16)");
                for (int q = 0; q < 4; q++) writer.WriteLine("var xv" + q + " = " + v + ".LoadUnsafe(ref x" + q + "r, i);");
                for (int r = 0; r < 4; r++)
                {
                    writer.WriteLine("var w" + r + " = " + v + ".LoadUnsafe(ref wr, i + " + NetworkLayout.Int(r * k.N) + ");");
                    writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(q => "s" + r + q + " = " + k.Fma(v, "w" + r, "xv" + q, "s" + r + q) + ";")));
                }
                writer.CloseBlock();
                writer.WriteLine("ref float sr = ref " + GetReference + "(sums);");
                k.Reductions.BlockSums = true;
                writer.WriteLine(v + ".StoreUnsafe(BlockSums(" + string.Join(", ", Enumerable.Range(0, 4).SelectMany(r => Enumerable.Range(0, 4).Select(q => "s" + r + q))) + "), ref sr);  // all sixteen sums in one vector");
                EmitDotBlockTail(writer, k, full);
                writer.WriteLine("return;");
                writer.CloseBlock();
            }
            if (k.Branches.Contains(8))
            {
                writer.OpenBlock("if (" + Vector(8) + ".IsHardwareAccelerated)");
                writer.WriteLine(NetworkLayout.Dot(k.N) + "Block256(w, x0, x1, x2, x3, sums);");
                writer.WriteLine("return;");
                writer.CloseBlock();
            }
            writer.OpenBlock("for (int r = 0; r < 4; r++)");
            writer.WriteLine(dot4 + "(w.Slice(" + n + " * r, " + n + "), x0, x1, x2, x3, out float d0, out float d1, out float d2, out float d3);");
            writer.WriteLine("sums[r] = d0; sums[4 + r] = d1; sums[8 + r] = d2; sums[12 + r] = d3;");
            writer.CloseBlock();
            writer.CloseBlock();
        }

        /// <summary>
        /// The 256-bit block, a method of its own so that each stays within the JIT's limit on an inlinee's
        /// locals: AVX2 has sixteen vector registers, not thirty-two, so two rows × four samples at a time
        /// (eight accumulators, four sample chunks, a weight chunk) fit where four rows would spill.
        /// </summary>
        private static void EmitDotBlock256(SourceWriter writer, KernelEmitterContext k)
        {
            string n = k.Count, v = Vector(8);
            int full = k.N / 8 * 8;
            writer.WriteLine("/// <summary>" + NetworkLayout.Dot(k.N) + "Block with 256-bit vectors, two rows at a time.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static void " + NetworkLayout.Dot(k.N) + "Block256(" + ReadOnlySpan + " w, " + ReadOnlySpan + " x0, " + ReadOnlySpan + " x1, " + ReadOnlySpan + " x2, " + ReadOnlySpan + " x3, " + Span + " sums)");
            writer.WriteLine("ref float wr = ref " + GetReference + "(w);");
            for (int q = 0; q < 4; q++) writer.WriteLine("ref float x" + q + "r = ref " + GetReference + "(x" + q + ");");
            writer.WriteLine("ref float sr = ref " + GetReference + "(sums);");
            writer.OpenBlock("for (int pair = 0; pair < 4; pair += 2)  // rows pair and pair + 1");
            writer.WriteLine("ref float wa = ref " + Unsafe + ".Add(ref wr, " + n + " * pair);");
            writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(q => "var a" + q + " = " + v + "<float>.Zero;")));
            writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(q => "var b" + q + " = " + v + "<float>.Zero;")));
            writer.OpenBlock("for (nuint i = 0; i < " + NetworkLayout.Int(full) + "; i += 8)");
            for (int q = 0; q < 4; q++) writer.WriteLine("var xv" + q + " = " + v + ".LoadUnsafe(ref x" + q + "r, i);");
            writer.WriteLine("var wv = " + v + ".LoadUnsafe(ref wa, i);");
            writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(q => "a" + q + " = " + k.Fma(v, "wv", "xv" + q, "a" + q) + ";")));
            writer.WriteLine("var wu = " + v + ".LoadUnsafe(ref wa, i + " + n + ");");
            writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(q => "b" + q + " = " + k.Fma(v, "wu", "xv" + q, "b" + q) + ";")));
            writer.CloseBlock();
            writer.WriteLine("var rowA = " + HorizontalSums(k, 8, Enumerable.Range(0, 4).Select(q => "a" + q)) + ";  // row pair's four samples");
            writer.WriteLine("var rowB = " + HorizontalSums(k, 8, Enumerable.Range(0, 4).Select(q => "b" + q)) + ";  // row pair + 1's");
            writer.WriteLine("for (int q = 0; q < 4; q++) { " + Unsafe + ".Add(ref sr, 4 * q + pair) = " + Vector(4) + ".GetElement(rowA, q); " + Unsafe + ".Add(ref sr, 4 * q + pair + 1) = " + Vector(4) + ".GetElement(rowB, q); }");
            writer.CloseBlock();
            EmitDotBlockTail(writer, k, full);
            writer.CloseBlock();
        }

        /// <summary>The elements after the last full vector of a block, one at a time, added onto the sums.</summary>
        private static void EmitDotBlockTail(SourceWriter writer, KernelEmitterContext k, int full)
        {
            if (full == k.N) return;
            writer.OpenBlock("for (int i = " + NetworkLayout.Int(full) + "; i < " + k.Count + "; i++)  // the last " + NetworkLayout.Int(k.N - full) + " elements");
            for (int r = 0; r < 4; r++)
            {
                writer.WriteLine("float wi" + r + " = " + Unsafe + ".Add(ref wr, i + " + NetworkLayout.Int(r * k.N) + ");");
                writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(q => "sums[" + NetworkLayout.Int(4 * q + r) + "] += wi" + r + " * " + Unsafe + ".Add(ref x" + q + "r, i);")));
            }
            writer.CloseBlock();
        }

        /// <summary>
        /// The weight-gradient kernel for batches, Outer{n}Rows4 (four rows) and Outer{n} (one): y_r = Σ_s d_s[r]·x_s,
        /// the sum of the samples' outer products δ·xᵀ. A tile of the rows (four rows × four 512-bit vectors, sixteen
        /// accumulators) stays in registers while every sample streams past, so each gradient element is written once
        /// per batch rather than loaded and stored once per few samples, and nothing has to be cleared first. Each
        /// element adds the samples in order, so its sum is the same whichever thread computes which rows.
        /// </summary>
        private static void EmitOuter(SourceWriter writer, KernelEmitterContext k, int rows)
        {
            string name = NetworkLayout.Outer(k.N) + (rows == 4 ? "Rows4" : "");
            string target = rows == 4 ? "four rows y_0…y_3 (consecutive in <paramref name=\"y\"/>)" : "one row y";
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// y_r[i] = (clear ? 0 : y_r[i]) + Σ_s d[dStride·s + r]·x[xStride·s + i] over <paramref name=\"count\"/> samples, for " + target + " of " + k.Count + " elements;");
            writer.WriteLine("/// with a <paramref name=\"rate\"/> η ≠ 0 (and clear), y holds weight rows instead and takes plain SGD's step y_r[i] ← y_r[i] − η·Σ_s …,");
            writer.WriteLine("/// and the result says whether every such sum was finite (Σ (Σ − Σ) is 0, or NaN after a NaN or ±∞ sum).");
            writer.WriteLine("/// </summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static bool " + name + "(" + ReadOnlySpan + " d, int dStride, " + ReadOnlySpan + " x, int xStride, int count, " + Span + " y, bool clear, float rate)");
            writer.WriteLine("ref float dr = ref " + GetReference + "(d);");
            writer.WriteLine("ref float xr = ref " + GetReference + "(x);");
            writer.WriteLine("ref float yr = ref " + GetReference + "(y);");
            foreach (int lanes in k.Branches)
            {
                string v = Vector(lanes);
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                // Sixteen accumulators where there are 32 registers (AVX-512), eight where there are 16.
                int vectors = lanes == 16 || rows == 1 ? 4 : 2, chunk = vectors * lanes, full = k.N / chunk * chunk;
                // Then the columns after the full tiles, if any: whole vectors of this width, then one narrower vector
                // of each width that fits, then single floats. Each step is a block of its own unless it is the only one.
                var steps = new List<(string? V, int Lanes, int Vectors, int At)>();
                if (full == chunk) steps.Add((v, lanes, vectors, 0));
                int at = full, rest = (k.N - at) / lanes;
                if (rest > 0) steps.Add((v, lanes, rest, at));
                at += rest * lanes;
                foreach (int narrow in k.Branches)
                {
                    if (narrow >= lanes || k.N - at < narrow) continue;
                    steps.Add((Vector(narrow), narrow, 1, at));
                    at += narrow;
                }
                if (at < k.N) steps.Add((null, 1, k.N - at, at));
                // The finiteness check of the stepped sums: a vector of this width, and a float for narrower steps.
                writer.WriteLine("var check = " + v + "<float>.Zero;");
                if (steps.Any(step => step.Lanes != lanes)) writer.WriteLine("float checkTail = 0f;");
                if (full > chunk)
                {
                    writer.OpenBlock("for (nuint i = 0; i < " + NetworkLayout.Int(full) + "; i += " + NetworkLayout.Int(chunk) + ")  // " + NetworkLayout.Int(rows) + " × " + NetworkLayout.Int(chunk) + " sums in registers");
                    EmitOuterStep(writer, k, v, lanes, vectors, rows, "i", 0, scoped: false, lanes);
                    writer.CloseBlock();
                }
                bool scoped = full > chunk || steps.Count > 1, tail = steps.Any(step => step.Lanes != lanes);
                foreach (var step in steps) EmitOuterStep(writer, k, step.V, step.Lanes, step.Vectors, rows, null, step.At, scoped, lanes);
                writer.WriteLine("return " + v + ".Sum(check)" + (tail ? " + checkTail" : "") + " == 0f;");
                writer.CloseBlock();
            }
            writer.OpenBlock();  // without SIMD: one column at a time (its own scope, as the branches' checks are theirs)
            writer.WriteLine("float checkTail = 0f;");
            writer.OpenBlock("for (int i = 0; i < " + k.Count + "; i++)");
            EmitOuterStep(writer, k, null, 1, 1, rows, "i", 0, scoped: false, branchLanes: 1);
            writer.CloseBlock();
            writer.WriteLine("return checkTail == 0f;");
            writer.CloseBlock();
            writer.CloseBlock();
        }

        /// <summary>
        /// One tile of Outer{n}: rows × (vectors · lanes) sums from column <paramref name="column"/> + <paramref name="at"/>
        /// on (column: a loop variable, or null), in registers over all samples, then stored (or stepped, and checked in
        /// <c>check</c> when the step is as wide as its branch's vectors, <paramref name="branchLanes"/>, else in <c>checkTail</c>).
        /// <paramref name="v"/> null means single floats (lanes 1). <paramref name="scoped"/>: in a block of its own, as one of several steps.
        /// </summary>
        private static void EmitOuterStep(SourceWriter writer, KernelEmitterContext k, string? v, int lanes, int vectors, int rows, string? column, int at, bool scoped, int branchLanes)
        {
            string Offset(int delta) => column is null ? NetworkLayout.Int(at + delta) : at + delta == 0 ? column : column + " + " + NetworkLayout.Int(at + delta);
            string Acc(int r, int c) => "a" + NetworkLayout.Int(r) + NetworkLayout.Int(c);
            if (scoped) writer.OpenBlock();
            for (int r = 0; r < rows; r++)
            {
                writer.WriteLine(string.Join(" ", Enumerable.Range(0, vectors).Select(c =>
                {
                    string y = Offset(r * k.N + c * lanes);
                    return v is null
                        ? "float " + Acc(r, c) + " = clear ? 0f : " + Unsafe + ".Add(ref yr, " + y + ");"
                        : "var " + Acc(r, c) + " = clear ? " + v + "<float>.Zero : " + v + ".LoadUnsafe(ref yr, " + y + ");";
                })));
            }
            writer.OpenBlock("for (int s = 0; s < count; s++)  // the samples in order");
            writer.WriteLine("ref float xs = ref " + Unsafe + ".Add(ref xr, xStride * s);");
            writer.WriteLine("ref float ds = ref " + Unsafe + ".Add(ref dr, dStride * s);");
            writer.WriteLine(string.Join(" ", Enumerable.Range(0, vectors).Select(c => v is null
                ? "float x" + NetworkLayout.Int(c) + " = " + Unsafe + ".Add(ref xs, " + Offset(c) + ");"
                : "var x" + NetworkLayout.Int(c) + " = " + v + ".LoadUnsafe(ref xs, " + Offset(c * lanes) + ");")));
            for (int r = 0; r < rows; r++)
            {
                string delta = r == 0 ? "ds" : Unsafe + ".Add(ref ds, " + NetworkLayout.Int(r) + ")";
                string c0 = (r == 0 ? (v is null ? "float" : "var") + " c = " : "c = ") + (v is null ? delta : v + ".Create(" + delta + ")") + ";";
                writer.WriteLine(c0 + " " + string.Join(" ", Enumerable.Range(0, vectors).Select(c => v is null
                    ? Acc(r, c) + " += x" + NetworkLayout.Int(c) + " * c;"
                    : Acc(r, c) + " = " + k.Fma(v, "x" + NetworkLayout.Int(c), "c", Acc(r, c)) + ";")));
            }
            writer.CloseBlock();
            // The sums are stored, or (plain SGD) subtract η·Σ from the weights: θ − η·g, as the optimizer's own step computes it.
            writer.OpenBlock("if (rate == 0f)");
            EmitOuterStores(writer, rows, vectors, (r, c) => v is null
                ? Unsafe + ".Add(ref yr, " + Offset(r * k.N + c) + ") = " + Acc(r, c) + ";"
                : v + ".StoreUnsafe(" + Acc(r, c) + ", ref yr, " + Offset(r * k.N + c * lanes) + ");");
            writer.CloseBlock();
            writer.OpenBlock("else");
            EmitOuterStores(writer, rows, vectors, (r, c) => v is null
                ? Unsafe + ".Add(ref yr, " + Offset(r * k.N + c) + ") -= rate * " + Acc(r, c) + ";"
                : v + ".StoreUnsafe(" + v + ".LoadUnsafe(ref yr, " + Offset(r * k.N + c * lanes) + ") - rate * " + Acc(r, c) + ", ref yr, " + Offset(r * k.N + c * lanes) + ");");
            for (int r = 0; r < rows; r++)
            {
                string differences = string.Join(" + ", Enumerable.Range(0, vectors).Select(c => "(" + Acc(r, c) + " - " + Acc(r, c) + ")"));
                writer.WriteLine(v is null ? "checkTail += " + differences + ";"
                    : lanes == branchLanes ? "check += " + differences + ";"
                    : "checkTail += " + v + ".Sum(" + differences + ");");
            }
            writer.CloseBlock();
            if (scoped) writer.CloseBlock();
        }

        /// <summary>One line per row of the tile, each with one statement per vector of the row.</summary>
        private static void EmitOuterStores(SourceWriter writer, int rows, int vectors, System.Func<int, int, string> store)
        {
            for (int r = 0; r < rows; r++) writer.WriteLine(string.Join(" ", Enumerable.Range(0, vectors).Select(c => store(r, c))));
        }

        private static void EmitDot(SourceWriter writer, KernelEmitterContext k)
        {
            writer.WriteLine("/// <summary>Σ w[i]·x[i] over exactly " + k.Count + " elements.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static float " + NetworkLayout.Dot(k.N) + "(" + ReadOnlySpan + " w, " + ReadOnlySpan + " x)");
            writer.WriteLine("ref float wr = ref " + GetReference + "(w);");
            writer.WriteLine("ref float xr = ref " + GetReference + "(x);");
            foreach (int lanes in k.Branches)
            {
                string v = Vector(lanes);
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                int chunks = k.N / lanes, accumulators = System.Math.Min(Accumulators, chunks);
                string W(string at) => v + ".LoadUnsafe(ref wr, " + at + ")";
                string X(string at) => v + ".LoadUnsafe(ref xr, " + at + ")";
                if (chunks <= MaxStraightChunks)
                {
                    for (int c = 0; c < chunks; c++)
                    {
                        string at = NetworkLayout.Int(c * lanes), acc = "s" + NetworkLayout.Int(c % accumulators);
                        writer.WriteLine(c < accumulators
                            ? "var " + acc + " = " + v + ".LoadUnsafe(ref wr, " + at + ") * " + v + ".LoadUnsafe(ref xr, " + at + ");"
                            : acc + " = " + k.Fma(v, W(at), X(at), acc) + ";");
                    }
                }
                else
                {
                    for (int a = 0; a < accumulators; a++) writer.WriteLine("var s" + NetworkLayout.Int(a) + " = " + v + "<float>.Zero;");
                    int groups = chunks / accumulators, looped = groups * accumulators * lanes;
                    writer.OpenBlock("for (nuint i = 0; i < " + NetworkLayout.Int(looped) + "; i += " + NetworkLayout.Int(accumulators * lanes) + ")");
                    for (int a = 0; a < accumulators; a++)
                    {
                        string at = a == 0 ? "i" : "i + " + NetworkLayout.Int(a * lanes), acc = "s" + NetworkLayout.Int(a);
                        writer.WriteLine(acc + " = " + k.Fma(v, W(at), X(at), acc) + ";");
                    }
                    writer.CloseBlock();
                    for (int c = groups * accumulators; c < chunks; c++)
                    {
                        string acc = "s" + NetworkLayout.Int(c % accumulators);
                        string at = NetworkLayout.Int(c * lanes);
                        writer.WriteLine(acc + " = " + k.Fma(v, W(at), X(at), acc) + ";");
                    }
                }
                var result = new List<string> { SumOf(k, lanes, Combine(accumulators)) };
                foreach ((int width, int at) in Tail(k.N, chunks * lanes, lanes))
                {
                    string offset = NetworkLayout.Int(at);
                    result.Add(width == 1
                        ? Unsafe + ".Add(ref wr, " + offset + ") * " + Unsafe + ".Add(ref xr, " + offset + ")"
                        : SumOf(k, width, Vector(width) + ".LoadUnsafe(ref wr, " + offset + ") * " + Vector(width) + ".LoadUnsafe(ref xr, " + offset + ")"));
                }
                writer.WriteLine("return " + string.Join(" + ", result) + ";");
                writer.CloseBlock();
            }
            writer.WriteLine("float scalar = 0f;");
            writer.WriteLine("for (int i = 0; i < " + k.Count + "; i++) scalar += " + Unsafe + ".Add(ref wr, i) * " + Unsafe + ".Add(ref xr, i);");
            writer.WriteLine("return scalar;");
            writer.CloseBlock();
        }

        /// <summary>
        /// Four consecutive weight rows against one vector (one sample's forward pass): each chunk of x is
        /// loaded once for four rows, and two chunks are in flight per row, so eight accumulators hide the
        /// FMA latency and the loads per FMA drop from two (Dot{n}) to about one and a quarter. Only the
        /// 512- and 256-bit branches are written (SSE-only machines run Dot{n} four times): with a third
        /// branch the kernel would declare more locals than the JIT inlines.
        /// </summary>
        private static void EmitDotRows4(SourceWriter writer, KernelEmitterContext k)
        {
            string n = k.Count, dot = NetworkLayout.Dot(k.N);
            writer.WriteLine("/// <summary>r_k = Σ w_k[i]·x[i] for four rows w_0…w_3 (consecutive in <paramref name=\"w\"/>) of exactly " + n + " elements; x is read once for all four.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static void " + dot + "Rows4(" + ReadOnlySpan + " w, " + ReadOnlySpan + " x, out float r0, out float r1, out float r2, out float r3)");
            int[] branches = k.Branches.Where(lanes => lanes >= 8).ToArray();
            if (branches.Length > 0)
            {
                writer.WriteLine("ref float wr = ref " + GetReference + "(w);");
                writer.WriteLine("ref float xr = ref " + GetReference + "(x);");
                writer.WriteLine(Vector(4) + "<float> sums;");
            }
            string Row(int r, string at) => r == 0 ? at : at == "0" ? NetworkLayout.Int(r * k.N) : at + " + " + NetworkLayout.Int(r * k.N);
            foreach (int lanes in branches)
            {
                string v = Vector(lanes);
                int chunks = k.N / lanes;
                bool pairs = chunks >= 2;
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                writer.WriteLine(v + "<float> xv;");
                writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(r => "var a" + r + " = " + v + "<float>.Zero;")));
                if (pairs) writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(r => "var b" + r + " = " + v + "<float>.Zero;")));
                // One chunk at offset `at` into accumulator set `set` (a: even chunks, b: odd ones).
                void Chunk(string set, string at)
                {
                    writer.WriteLine("xv = " + v + ".LoadUnsafe(ref xr, " + at + ");");
                    writer.WriteLine(string.Join(" ", Enumerable.Range(0, 4).Select(r => set + r + " = " + k.Fma(v, v + ".LoadUnsafe(ref wr, " + Row(r, at) + ")", "xv", set + r) + ";")));
                }
                if (chunks <= MaxStraightChunks)
                {
                    for (int c = 0; c < chunks; c++) Chunk(c % 2 == 0 ? "a" : "b", NetworkLayout.Int(c * lanes));
                }
                else
                {
                    int looped = chunks / 2 * 2;
                    writer.OpenBlock("for (nuint i = 0; i < " + NetworkLayout.Int(looped * lanes) + "; i += " + NetworkLayout.Int(2 * lanes) + ")");
                    Chunk("a", "i");
                    Chunk("b", "i + " + NetworkLayout.Int(lanes));
                    writer.CloseBlock();
                    if (looped < chunks) Chunk("a", NetworkLayout.Int(looped * lanes));
                }
                var tails = Tail(k.N, chunks * lanes, lanes).ToList();
                writer.WriteLine("sums = " + HorizontalSums(k, lanes, Enumerable.Range(0, 4).Select(r => pairs ? "a" + r + " + b" + r : "a" + r)) + ";");
                for (int r = 0; r < 4; r++)
                {
                    var result = new List<string> { "sums[" + NetworkLayout.Int(r) + "]" };
                    foreach ((int width, int at) in tails)
                    {
                        string offset = NetworkLayout.Int(at), tv = Vector(width);
                        result.Add(width == 1
                            ? Unsafe + ".Add(ref wr, " + Row(r, offset) + ") * " + Unsafe + ".Add(ref xr, " + offset + ")"
                            : SumOf(k, width, tv + ".LoadUnsafe(ref wr, " + Row(r, offset) + ") * " + tv + ".LoadUnsafe(ref xr, " + offset + ")"));
                    }
                    writer.WriteLine("r" + r + " = " + string.Join(" + ", result) + ";");
                }
                writer.WriteLine("return;");
                writer.CloseBlock();
            }
            for (int r = 0; r < 4; r++)
            {
                writer.WriteLine("r" + r + " = " + dot + "(" + (r == 0 ? "w" : "w.Slice(" + NetworkLayout.Int(r * k.N) + ")") + ", x);");
            }
            writer.CloseBlock();
        }

        private static void EmitMulAdd(SourceWriter writer, KernelEmitterContext k)
        {
            writer.WriteLine("/// <summary>y[i] += s·x[i] over exactly " + k.Count + " elements.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static void " + NetworkLayout.MulAdd(k.N) + "(float s, " + ReadOnlySpan + " x, " + Span + " y)");
            writer.WriteLine("ref float xr = ref " + GetReference + "(x);");
            writer.WriteLine("ref float yr = ref " + GetReference + "(y);");
            foreach (int lanes in k.Branches)
            {
                string v = Vector(lanes);
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                writer.WriteLine("var scale = " + v + ".Create(s);");
                EmitChunks(writer, k.N / lanes, lanes, at => Store(v, k.Fma(v, v + ".LoadUnsafe(ref xr, " + at + ")", "scale", v + ".LoadUnsafe(ref yr, " + at + ")"), at));
                foreach ((int width, int at) in Tail(k.N, k.N / lanes * lanes, lanes))
                {
                    string offset = NetworkLayout.Int(at), tv = Vector(width);
                    writer.WriteLine(width == 1
                        ? Unsafe + ".Add(ref yr, " + offset + ") += s * " + Unsafe + ".Add(ref xr, " + offset + ");"
                        : Store(tv, k.Fma(tv, tv + ".LoadUnsafe(ref xr, " + offset + ")", tv + ".Create(s)", tv + ".LoadUnsafe(ref yr, " + offset + ")"), offset));
                }
                writer.WriteLine("return;");
                writer.CloseBlock();
            }
            writer.WriteLine("for (int i = 0; i < " + k.Count + "; i++) " + Unsafe + ".Add(ref yr, i) += s * " + Unsafe + ".Add(ref xr, i);");
            writer.CloseBlock();
        }

        private static void EmitDotX4(SourceWriter writer, KernelEmitterContext k)
        {
            writer.WriteLine("/// <summary>r_k = Σ w[i]·x_k[i] for four vectors x0…x3 of exactly " + k.Count + " elements; w is read once for all four.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static void " + NetworkLayout.Dot(k.N) + "x4(" + ReadOnlySpan + " w, " + ReadOnlySpan + " x0, " + ReadOnlySpan + " x1, " + ReadOnlySpan + " x2, " + ReadOnlySpan + " x3, out float r0, out float r1, out float r2, out float r3)");
            writer.WriteLine("ref float wr = ref " + GetReference + "(w);");
            for (int q = 0; q < 4; q++) writer.WriteLine("ref float x" + q + "r = ref " + GetReference + "(x" + q + ");");
            foreach (int lanes in k.Branches)
            {
                string v = Vector(lanes);
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                for (int q = 0; q < 4; q++) writer.WriteLine("var s" + q + " = " + v + "<float>.Zero;");
                EmitChunks(writer, k.N / lanes, lanes, at => "{ var wv = " + v + ".LoadUnsafe(ref wr, " + at + "); "
                    + string.Join(" ", Enumerable.Range(0, 4).Select(q => "s" + q + " = " + k.Fma(v, "wv", v + ".LoadUnsafe(ref x" + q + "r, " + at + ")", "s" + q) + ";")) + " }");
                var tails = Tail(k.N, k.N / lanes * lanes, lanes).ToList();
                writer.WriteLine("var sums = " + HorizontalSums(k, lanes, Enumerable.Range(0, 4).Select(q => "s" + q)) + ";");
                for (int q = 0; q < 4; q++)
                {
                    var result = new List<string> { "sums[" + NetworkLayout.Int(q) + "]" };
                    foreach ((int width, int at) in tails)
                    {
                        string offset = NetworkLayout.Int(at), tv = Vector(width);
                        result.Add(width == 1
                            ? Unsafe + ".Add(ref wr, " + offset + ") * " + Unsafe + ".Add(ref x" + q + "r, " + offset + ")"
                            : SumOf(k, width, tv + ".LoadUnsafe(ref wr, " + offset + ") * " + tv + ".LoadUnsafe(ref x" + q + "r, " + offset + ")"));
                    }
                    writer.WriteLine("r" + q + " = " + string.Join(" + ", result) + ";");
                }
                writer.WriteLine("return;");
                writer.CloseBlock();
            }
            writer.WriteLine("r0 = r1 = r2 = r3 = 0f;");
            writer.OpenBlock("for (int i = 0; i < " + k.Count + "; i++)");
            writer.WriteLine("float wi = " + Unsafe + ".Add(ref wr, i);");
            for (int q = 0; q < 4; q++) writer.WriteLine("r" + q + " += wi * " + Unsafe + ".Add(ref x" + q + "r, i);");
            writer.CloseBlock();
            writer.CloseBlock();
        }

        private static void EmitMulAddX4(SourceWriter writer, KernelEmitterContext k)
        {
            writer.WriteLine("/// <summary>y[i] += s0·x0[i] + s1·x1[i] + s2·x2[i] + s3·x3[i] over exactly " + k.Count + " elements; y is loaded and stored once.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static void " + NetworkLayout.MulAdd(k.N) + "x4(float s0, " + ReadOnlySpan + " x0, float s1, " + ReadOnlySpan + " x1, float s2, " + ReadOnlySpan + " x2, float s3, " + ReadOnlySpan + " x3, " + Span + " y)");
            for (int q = 0; q < 4; q++) writer.WriteLine("ref float x" + q + "r = ref " + GetReference + "(x" + q + ");");
            writer.WriteLine("ref float yr = ref " + GetReference + "(y);");
            foreach (int lanes in k.Branches)
            {
                string v = Vector(lanes);
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                writer.WriteLine("var c0 = " + v + ".Create(s0); var c1 = " + v + ".Create(s1); var c2 = " + v + ".Create(s2); var c3 = " + v + ".Create(s3);");
                EmitChunks(writer, k.N / lanes, lanes, at => Store(v, Sum4(k, v, at), at));
                foreach ((int width, int at) in Tail(k.N, k.N / lanes * lanes, lanes))
                {
                    string offset = NetworkLayout.Int(at);
                    if (width == 1)
                    {
                        writer.WriteLine(Unsafe + ".Add(ref yr, " + offset + ") += " + string.Join(" + ", Enumerable.Range(0, 4).Select(q => "s" + q + " * " + Unsafe + ".Add(ref x" + q + "r, " + offset + ")")) + ";");
                    }
                    else
                    {
                        string tv = Vector(width);
                        string sum = tv + ".LoadUnsafe(ref yr, " + offset + ")";
                        for (int q = 0; q < 4; q++) sum = k.Fma(tv, tv + ".LoadUnsafe(ref x" + q + "r, " + offset + ")", tv + ".Create(s" + q + ")", sum);
                        writer.WriteLine(Store(tv, sum, offset));
                    }
                }
                writer.WriteLine("return;");
                writer.CloseBlock();
            }
            writer.WriteLine("for (int i = 0; i < " + k.Count + "; i++) " + Unsafe + ".Add(ref yr, i) += s0 * " + Unsafe + ".Add(ref x0r, i) + s1 * " + Unsafe + ".Add(ref x1r, i) + s2 * " + Unsafe + ".Add(ref x2r, i) + s3 * " + Unsafe + ".Add(ref x3r, i);");
            writer.CloseBlock();
        }

        private static string Sum4(KernelEmitterContext k, string v, string at)
        {
            string sum = v + ".LoadUnsafe(ref yr, " + at + ")";
            for (int q = 0; q < 4; q++) sum = k.Fma(v, v + ".LoadUnsafe(ref x" + q + "r, " + at + ")", "c" + q, sum);
            return sum;
        }

        /// <summary>Full-width chunks at offsets 0, lanes, …: written out when few, else a constant-bound loop.</summary>
        private static void EmitChunks(SourceWriter writer, int chunks, int lanes, System.Func<string, string> chunk)
        {
            if (chunks <= MaxStraightChunks)
            {
                for (int c = 0; c < chunks; c++) writer.WriteLine(chunk(NetworkLayout.Int(c * lanes)));
                return;
            }
            writer.OpenBlock("for (nuint i = 0; i < " + NetworkLayout.Int(chunks * lanes) + "; i += " + NetworkLayout.Int(lanes) + ")");
            writer.WriteLine(chunk("i"));
            writer.CloseBlock();
        }

        /// <summary>The pieces after the last full vector: narrower vectors where they fit, then single floats (width 1).</summary>
        private static IEnumerable<(int Width, int At)> Tail(int n, int done, int lanes)
        {
            foreach (int width in Widths)
            {
                if (width < lanes && n - done >= width)
                {
                    yield return (width, done);
                    done += width;
                }
            }
            for (; done < n; done++) yield return (1, done);
        }

        /// <summary>
        /// Σ of a vector's lanes: 512 and 256 bits are first folded to 128 (upper half added onto the lower),
        /// because Vector512/256.Sum add up each 128-bit quarter on its own (27 instructions for 512 bits against 8).
        /// </summary>
        private static string SumOf(KernelEmitterContext k, int lanes, string vector) => Vector(4) + ".Sum(" + Folded(k, lanes, vector) + ")";

        /// <summary>(Σ v0, Σ v1, Σ v2, Σ v3) as one Vector128: each folded to 128 bits, then added across in pairs.</summary>
        private static string HorizontalSums(KernelEmitterContext k, int lanes, IEnumerable<string> vectors)
        {
            k.Reductions.HorizontalSums = true;
            return "HorizontalSums(" + string.Join(", ", vectors.Select(vector => Folded(k, lanes, vector))) + ")";
        }

        private static string Folded(KernelEmitterContext k, int lanes, string vector)
        {
            if (lanes == 4) return vector;
            if (lanes == 16) k.Reductions.Fold512 = true;
            else k.Reductions.Fold256 = true;
            return "Fold" + NetworkLayout.Int(lanes * 32) + "(" + vector + ")";
        }

        /// <summary>The reduction helpers the kernels call (Fold512, Fold256, HorizontalSums), each written only if one does.</summary>
        public static void EmitReductions(SourceWriter writer, Reductions used)
        {
            string v128 = Vector(4) + "<float>";
            foreach (int lanes in new[] { 16, 8 })
            {
                string name = "Fold" + NetworkLayout.Int(lanes * 32), v = Vector(lanes);
                if (!(lanes == 16 ? used.Fold512 : used.Fold256)) continue;
                string half = Vector(lanes / 2);
                writer.WriteLine();
                writer.WriteLine("/// <summary>" + NetworkLayout.Int(lanes) + " lanes folded to 4 with the same total: the upper half added onto the lower" + (lanes == 16 ? ", twice" : "") + ".</summary>");
                writer.WriteLine(Inline);
                writer.OpenBlock("private static " + v128 + " " + name + "(" + v + "<float> v)");
                if (lanes == 16)
                {
                    writer.WriteLine("var h = " + v + ".GetLower(v) + " + v + ".GetUpper(v);");
                    writer.WriteLine("return " + half + ".GetLower(h) + " + half + ".GetUpper(h);");
                }
                else
                {
                    writer.WriteLine("return " + v + ".GetLower(v) + " + v + ".GetUpper(v);");
                }
                writer.CloseBlock();
            }
            if (used.BlockSums) EmitBlockSums(writer);
            if (!used.HorizontalSums) return;
            const string X86 = "global::System.Runtime.Intrinsics.X86.Sse3", Arm = "global::System.Runtime.Intrinsics.Arm.AdvSimd.Arm64";
            writer.WriteLine();
            writer.WriteLine("/// <summary>(Σ v0, Σ v1, Σ v2, Σ v3): two rounds of pairwise adds (haddps / faddp) instead of four separate horizontal sums.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static " + v128 + " HorizontalSums(" + v128 + " v0, " + v128 + " v1, " + v128 + " v2, " + v128 + " v3)");
            writer.WriteLine("if (" + X86 + ".IsSupported) return " + X86 + ".HorizontalAdd(" + X86 + ".HorizontalAdd(v0, v1), " + X86 + ".HorizontalAdd(v2, v3));");
            writer.WriteLine("if (" + Arm + ".IsSupported) return " + Arm + ".AddPairwise(" + Arm + ".AddPairwise(v0, v1), " + Arm + ".AddPairwise(v2, v3));");
            writer.WriteLine("return " + Vector(4) + ".Create(" + string.Join(", ", Enumerable.Range(0, 4).Select(i => Vector(4) + ".Sum(v" + NetworkLayout.Int(i) + ")")) + ");");
            writer.CloseBlock();
        }

        /// <summary>
        /// BlockSums: the sixteen sums of a 4 × 4 block's accumulators in one vector, lane 4·q + r holding Σ s_rq, by
        /// three rounds of pairwise adds across and within 128-bit lanes (vshuff32x4, vshufps): 45 instructions where
        /// folding each accumulator and adding rows across (Fold512, HorizontalSums) took about 76 and left the sums in
        /// row order, to be scattered one at a time. The additions are those of Fold512 then HorizontalSums, in the
        /// same order, so the sums are the same bits.
        /// </summary>
        private static void EmitBlockSums(SourceWriter writer)
        {
            const string V = "global::System.Runtime.Intrinsics.Vector512<float>", Avx512 = "global::System.Runtime.Intrinsics.X86.Avx512F";
            string Parameters() => string.Join(", ", Enumerable.Range(0, 4).SelectMany(r => Enumerable.Range(0, 4).Select(q => V + " s" + r + q)));
            writer.WriteLine();
            writer.WriteLine("/// <summary>(Σ s00, Σ s10, Σ s20, Σ s30, Σ s01, …, Σ s33): lane 4·q + r holds Σ s_rq, added as Fold512 and then HorizontalSums would.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static " + V + " BlockSums(" + Parameters() + ")");
            writer.OpenBlock("if (" + Avx512 + ".IsSupported)");
            writer.WriteLine("// Per row r: its four samples' accumulators → one vector whose 128-bit lane q holds s_rq folded to four partial sums");
            for (int r = 0; r < 4; r++)
            {
                string R = NetworkLayout.Int(r);
                writer.WriteLine("var r" + R + " = FoldLanes(FoldHalves(s" + R + "0, s" + R + "1), FoldHalves(s" + R + "2, s" + R + "3));");
            }
            writer.WriteLine("// Then within each 128-bit lane q: (p0 + p1) + (p2 + p3) of rows 0 … 3, side by side");
            writer.WriteLine("return AddPairs(AddPairs(r0, r1), AddPairs(r2, r3));");
            writer.CloseBlock();
            writer.WriteLine("return global::System.Runtime.Intrinsics.Vector512.Create(" + string.Join(", ", Enumerable.Range(0, 4).SelectMany(q => Enumerable.Range(0, 4).Select(r => "global::System.Runtime.Intrinsics.Vector512.Sum(s" + r + q + ")"))) + ");");
            writer.CloseBlock();
            // Each helper adds two selections from a pair of vectors: of whole 128-bit lanes (vshuff32x4), or within them (vshufps).
            void PairAdd(string name, string summary, string shuffle, string first, string second)
            {
                writer.WriteLine();
                writer.WriteLine("/// <summary>" + summary + "</summary>");
                writer.WriteLine(Inline);
                writer.OpenBlock("private static " + V + " " + name + "(" + V + " a, " + V + " b)");
                writer.WriteLine("return " + Avx512 + "." + shuffle + "(a, b, " + first + ") + " + Avx512 + "." + shuffle + "(a, b, " + second + ");");
                writer.CloseBlock();
            }
            PairAdd("FoldHalves", "128-bit lanes (a0 + a2, a1 + a3, b0 + b2, b1 + b3): the upper half of each vector added onto its lower half, two vectors at once.", "Shuffle4x128", "0b01_00_01_00", "0b11_10_11_10");
            PairAdd("FoldLanes", "128-bit lanes (a0 + a1, a2 + a3, b0 + b1, b2 + b3): each of four vectors' halves folded once more, into one lane each.", "Shuffle4x128", "0b10_00_10_00", "0b11_01_11_01");
            PairAdd("AddPairs", "Within each 128-bit lane: (a0 + a1, a2 + a3, b0 + b1, b2 + b3), as haddps does for 128 bits.", "Shuffle", "0b10_00_10_00", "0b11_01_11_01");
        }

        /// <summary>"(s0 + s1) + (s2 + s3)": pairwise, so the final additions can overlap too.</summary>
        private static string Combine(int accumulators) => accumulators switch
        {
            1 => "s0",
            2 => "s0 + s1",
            3 => "(s0 + s1) + s2",
            _ => "(s0 + s1) + (s2 + s3)",
        };

        private static string Store(string v, string value, string at) => v + ".StoreUnsafe(" + value + ", ref yr, " + at + ");";

        private static string Vector(int lanes) => "global::System.Runtime.Intrinsics.Vector" + NetworkLayout.Int(lanes * 32);

        /// <summary>What a kernel for length n on this target may use.</summary>
        private sealed class KernelEmitterContext
        {
            public KernelEmitterContext(int n, TargetInfo target, Reductions reductions)
            {
                N = n;
                Target = target;
                Reductions = reductions;
                Branches = target.HasVectorIntrinsics ? Widths.Where(lanes => n >= lanes).ToArray() : new int[0];
            }

            public int N { get; }

            public string Count => NetworkLayout.Int(N);

            public TargetInfo Target { get; }

            public Reductions Reductions { get; }

            public int[] Branches { get; }

            /// <summary>a·b + c, fused where the target has MultiplyAddEstimate (and the CPU an FMA unit).</summary>
            public string Fma(string v, string a, string b, string c)
                => Target.HasMultiplyAddEstimate ? v + ".MultiplyAddEstimate(" + a + ", " + b + ", " + c + ")" : c + " + " + a + " * " + b;
        }
    }
}
