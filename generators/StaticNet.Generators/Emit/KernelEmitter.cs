using System.Collections.Generic;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// Writes the fixed-size kernels Dot{n} and MulAdd{n}. Each has a branch per vector width
    /// (512, 256, 128 bits) that the JIT keeps or drops at compile time from IsHardwareAccelerated,
    /// and a scalar loop for machines (or targets) without SIMD. Within a branch the trip count is a
    /// constant and the tail after the last full vector is straight code: one narrower vector where
    /// it fits, then single floats.
    /// </summary>
    internal static class KernelEmitter
    {
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string Inline = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
        private const string GetReference = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";

        /// <summary>Chunks up to this count are written out; more become a constant-bound loop.</summary>
        private const int MaxUnrolledChunks = 4;

        private static readonly int[] Widths = { 16, 8, 4 };

        public static void Emit(SourceWriter writer, int n, bool vectorIntrinsics)
        {
            EmitDot(writer, n, vectorIntrinsics);
            writer.WriteLine();
            EmitMulAdd(writer, n, vectorIntrinsics);
        }

        private static void EmitDot(SourceWriter writer, int n, bool vectorIntrinsics)
        {
            string count = NetworkLayout.Int(n);
            writer.WriteLine("/// <summary>Σ w[i]·x[i] over exactly " + count + " elements.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static float " + NetworkLayout.Dot(n) + "(global::System.ReadOnlySpan<float> w, global::System.ReadOnlySpan<float> x)");
            writer.WriteLine("ref float wr = ref " + GetReference + "(w);");
            writer.WriteLine("ref float xr = ref " + GetReference + "(x);");
            foreach (int lanes in ApplicableWidths(n, vectorIntrinsics))
            {
                string v = Vector(lanes);
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                int full = n / lanes * lanes;
                EmitChunks(writer, lanes, full, offset =>
                    "sum += " + v + ".LoadUnsafe(ref wr, " + offset + ") * " + v + ".LoadUnsafe(ref xr, " + offset + ");",
                    v + "<float>.Zero", "sum");
                var result = new List<string> { v + ".Sum(sum)" };
                int done = full;
                foreach (int tailLanes in Widths)
                {
                    if (tailLanes >= lanes || n - done < tailLanes) continue;
                    string tv = Vector(tailLanes), at = NetworkLayout.Int(done);
                    result.Add(tv + ".Sum(" + tv + ".LoadUnsafe(ref wr, " + at + ") * " + tv + ".LoadUnsafe(ref xr, " + at + "))");
                    done += tailLanes;
                }
                for (; done < n; done++)
                {
                    string at = NetworkLayout.Int(done);
                    result.Add(Unsafe + ".Add(ref wr, " + at + ") * " + Unsafe + ".Add(ref xr, " + at + ")");
                }
                writer.WriteLine("return " + string.Join(" + ", result) + ";");
                writer.CloseBlock();
            }
            writer.WriteLine("float scalar = 0f;");
            writer.OpenBlock("for (int i = 0; i < " + count + "; i++)");
            writer.WriteLine("scalar += " + Unsafe + ".Add(ref wr, i) * " + Unsafe + ".Add(ref xr, i);");
            writer.CloseBlock();
            writer.WriteLine("return scalar;");
            writer.CloseBlock();
        }

        private static void EmitMulAdd(SourceWriter writer, int n, bool vectorIntrinsics)
        {
            string count = NetworkLayout.Int(n);
            writer.WriteLine("/// <summary>y[i] += s·x[i] over exactly " + count + " elements.</summary>");
            writer.WriteLine(Inline);
            writer.OpenBlock("private static void " + NetworkLayout.MulAdd(n) + "(float s, global::System.ReadOnlySpan<float> x, global::System.Span<float> y)");
            writer.WriteLine("ref float xr = ref " + GetReference + "(x);");
            writer.WriteLine("ref float yr = ref " + GetReference + "(y);");
            foreach (int lanes in ApplicableWidths(n, vectorIntrinsics))
            {
                string v = Vector(lanes);
                writer.OpenBlock("if (" + v + ".IsHardwareAccelerated)");
                writer.WriteLine("var scale = " + v + ".Create(s);");
                int full = n / lanes * lanes;
                EmitChunks(writer, lanes, full, offset => StoreMulAdd(v, "scale", offset), null, null);
                int done = full;
                foreach (int tailLanes in Widths)
                {
                    if (tailLanes >= lanes || n - done < tailLanes) continue;
                    string tv = Vector(tailLanes);
                    writer.WriteLine(StoreMulAdd(tv, tv + ".Create(s)", NetworkLayout.Int(done)));
                    done += tailLanes;
                }
                for (; done < n; done++)
                {
                    string at = NetworkLayout.Int(done);
                    writer.WriteLine(Unsafe + ".Add(ref yr, " + at + ") += s * " + Unsafe + ".Add(ref xr, " + at + ");");
                }
                writer.WriteLine("return;");
                writer.CloseBlock();
            }
            writer.OpenBlock("for (int i = 0; i < " + count + "; i++)");
            writer.WriteLine(Unsafe + ".Add(ref yr, i) += s * " + Unsafe + ".Add(ref xr, i);");
            writer.CloseBlock();
            writer.CloseBlock();
        }

        private static string StoreMulAdd(string v, string scale, string offset)
            => v + ".StoreUnsafe(" + v + ".LoadUnsafe(ref yr, " + offset + ") + " + scale + " * " + v + ".LoadUnsafe(ref xr, " + offset + "), ref yr, " + offset + ");";

        /// <summary>
        /// Writes the full-width part: chunk statements at offsets 0, lanes, 2·lanes … below <paramref name="full"/>,
        /// straight when there are few, else as a loop. With an accumulator, declares it first.
        /// </summary>
        private static void EmitChunks(SourceWriter writer, int lanes, int full, System.Func<string, string> chunk, string? zero, string? accumulator)
        {
            int chunks = full / lanes;
            if (accumulator is not null) writer.WriteLine("var " + accumulator + " = " + zero + ";");
            if (chunks <= MaxUnrolledChunks)
            {
                for (int c = 0; c < chunks; c++) writer.WriteLine(chunk(NetworkLayout.Int(c * lanes)));
                return;
            }
            writer.OpenBlock("for (nuint i = 0; i < " + NetworkLayout.Int(full) + "; i += " + NetworkLayout.Int(lanes) + ")");
            writer.WriteLine(chunk("i"));
            writer.CloseBlock();
        }

        private static IEnumerable<int> ApplicableWidths(int n, bool vectorIntrinsics)
        {
            if (!vectorIntrinsics) yield break;
            foreach (int lanes in Widths)
            {
                if (n >= lanes) yield return lanes;
            }
        }

        private static string Vector(int lanes) => "global::System.Runtime.Intrinsics.Vector" + NetworkLayout.Int(lanes * 32);
    }
}
