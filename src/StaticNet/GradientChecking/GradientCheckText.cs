using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNet
{
    /// <summary>The gradient check's report as text: a verdict, a table of every layer's weights and biases, the worst parameter.</summary>
    internal static class GradientCheckText
    {
        private static readonly string[] Header = { "layer", "block", "checked", "skipped", "failed", "max abs error", "max rel error", "worst" };

        // Columns 2–6 are numbers (right-aligned); the others are names.
        private static bool RightAligned(int column) => column >= 2 && column <= 6;

        public static string Format(GradientCheckResult result)
        {
            CultureInfo invariant = CultureInfo.InvariantCulture;
            var text = new StringBuilder();
            text.Append("Gradient check ").Append(result.Passed ? "passed" : "FAILED").Append(": ").Append(result.Architecture).Append('\n');
            int notSampled = result.Architecture.ParameterCount - result.Checked - result.Skipped;
            text.Append("Loss ").Append(result.Loss.ToString("G5", invariant)).Append(" on the sample; tolerance ")
                .Append(Error(result.Tolerance)).Append(" (relative error).\n")
                .Append(result.Architecture.ParameterCount.ToString(invariant)).Append(" parameters: ")
                .Append(result.Checked.ToString(invariant)).Append(" checked, ")
                .Append(result.Skipped.ToString(invariant)).Append(" skipped (a ReLU-family unit at its kink within the step), ")
                .Append(notSampled > 0 ? notSampled.ToString(invariant) + " not sampled, " : "")
                .Append(result.Failed.ToString(invariant)).Append(" failed.\n\n");

            var rows = new List<string[]> { Header };
            foreach (GradientCheckLayer layer in result.Layers)
            {
                string shape = " " + layer.Layer.Size.ToString(invariant) + "×" + result.Architecture.InputsOf(layer.Index).ToString(invariant);
                rows.Add(Row((layer.Index + 1).ToString(invariant) + " " + layer.Layer, layer.Weights, shape, result));
                rows.Add(Row("", layer.Biases, " " + layer.Layer.Size.ToString(invariant), result));
            }
            AppendTable(text, rows);

            text.Append('\n');
            if (result.WorstParameter < 0) return text.Append("No parameter was checked.\n").ToString();
            int worst = result.WorstParameter;
            return text.Append("Worst: ").Append(result.ParameterName(worst)).Append(" (parameter ").Append(worst.ToString(invariant))
                .Append("): backpropagation ").Append(result.Backpropagated[worst].ToString("G7", invariant))
                .Append(", finite difference ").Append(result.FiniteDifferences[worst].ToString("G7", invariant)).Append(".\n").ToString();
        }

        private static string[] Row(string layer, GradientCheckSummary block, string shape, GradientCheckResult result)
        {
            CultureInfo invariant = CultureInfo.InvariantCulture;
            bool any = block.WorstParameter >= 0;
            return new[]
            {
                layer, block.Name + shape, block.Checked.ToString(invariant), block.Skipped.ToString(invariant), block.Failed.ToString(invariant),
                any ? Error(block.MaxAbsoluteError) : "–", any ? Error(block.MaxRelativeError) : "–",
                any ? result.ParameterName(block.WorstParameter) : "–",
            };
        }

        /// <summary>Two significant digits, "3.1e-07": errors matter by their order of magnitude.</summary>
        private static string Error(double value) => value.ToString("0.0e+00", CultureInfo.InvariantCulture);

        private static void AppendTable(StringBuilder text, List<string[]> rows)
        {
            var widths = new int[Header.Length];
            foreach (string[] row in rows)
            {
                for (int c = 0; c < row.Length; c++) widths[c] = System.Math.Max(widths[c], row[c].Length);
            }
            foreach (string[] row in rows)
            {
                var line = new StringBuilder();
                for (int c = 0; c < row.Length; c++)
                {
                    if (c > 0) line.Append("  ");
                    line.Append(RightAligned(c) ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
                }
                text.Append(line.ToString().TrimEnd()).Append('\n');
            }
        }
    }
}
