using System.Collections.Generic;
using System.Text;

namespace StaticNet.Generators.Emit
{
    /// <summary>
    /// An indented text writer for generated C#: four spaces per level, '\n' line ends on every OS, and no line longer
    /// than <see cref="MaxLineLength"/>: a longer statement is broken after a comma onto continuation lines indented one
    /// level deeper, its trailing comment moved onto a line of its own above it, and a longer comment is wrapped between
    /// words under the same prefix.
    /// </summary>
    internal sealed class SourceWriter
    {
        public const int MaxLineLength = 160;

        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public void WriteLine(string line = "")
        {
            if (line.Length == 0)
            {
                _text.Append('\n');
                return;
            }
            string indent = new string(' ', _indent * 4);
            if (indent.Length + line.Length <= MaxLineLength)
            {
                _text.Append(indent).Append(line).Append('\n');
                return;
            }
            string trimmed = line.TrimStart();
            if (trimmed.StartsWith("/// <summary>") && trimmed.EndsWith("</summary>"))
            {
                // Too long for one line: the summary between tag lines of its own, rather than a tag broken across two.
                WriteLine("/// <summary>");
                WriteComment(indent, "/// " + trimmed.Substring(13, trimmed.Length - 23));
                WriteLine("/// </summary>");
                return;
            }
            if (trimmed.StartsWith("//"))
            {
                WriteComment(indent, trimmed);
                return;
            }
            int comment = line.IndexOf("  // ", System.StringComparison.Ordinal);
            if (comment > 0)
            {
                WriteComment(indent, line.Substring(comment + 2));
                line = line.Substring(0, comment);
            }
            WriteCode(indent, line);
        }

        /// <summary>Writes "{" and indents what follows until <see cref="CloseBlock"/>.</summary>
        public void OpenBlock(string? header = null)
        {
            if (header is not null) WriteLine(header);
            WriteLine("{");
            _indent++;
        }

        public void CloseBlock(string suffix = "")
        {
            _indent--;
            WriteLine("}" + suffix);
        }

        /// <summary>One documented exception of a member, on a line of its own.</summary>
        public void WriteException(string type, string text) => WriteLine("/// <exception cref=\"" + type + "\">" + text + "</exception>");

        public override string ToString() => _text.ToString();

        /// <summary>"// a long comment" as several lines under the same prefix ("//", "///"), broken between words.</summary>
        private void WriteComment(string indent, string comment)
        {
            int space = comment.IndexOf(' ');
            string prefix = space > 0 ? comment.Substring(0, space + 1) : "// ";
            var line = new StringBuilder(indent).Append(prefix);
            int empty = line.Length;
            foreach (string word in comment.Substring(prefix.Length).Split(' '))
            {
                if (line.Length > empty && line.Length + 1 + word.Length > MaxLineLength)
                {
                    _text.Append(line).Append('\n');
                    line.Clear().Append(indent).Append(prefix);
                }
                if (line.Length > empty) line.Append(' ');
                line.Append(word);
            }
            _text.Append(line).Append('\n');
        }

        /// <summary>
        /// A statement broken onto continuation lines one level deeper: an expression body before its "=>", else after the
        /// commas of the outermost list in it (a call's arguments, not those of the calls inside them), else before the
        /// "+" of its outermost sum.
        /// </summary>
        private void WriteCode(string indent, string code)
        {
            string continuation = indent + "    ";
            int arrow = code.IndexOf(" => ", System.StringComparison.Ordinal);
            if (arrow > 0 && indent.Length + arrow <= MaxLineLength)
            {
                _text.Append(indent).Append(code, 0, arrow).Append('\n');
                _indent++;
                WriteLine(code.Substring(arrow + 1));
                _indent--;
                return;
            }
            // Break points: the commas of the outermost list in the statement, or where it has none, the " + " of its
            // outermost sum (a long z = b + w·x + … of explain mode), the "+" starting the continuation line.
            var pieces = new List<string>();
            int depth = 0, outermostComma = int.MaxValue, outermostPlus = int.MaxValue;
            var commas = new List<(int At, int Depth)>();
            var pluses = new List<(int At, int Depth)>();
            for (int i = 0; i < code.Length; i++)
            {
                char c = code[i];
                if (c == '(' || c == '[') depth++;
                else if (c == ')' || c == ']') depth--;
                else if (c == ',' && i + 1 < code.Length && code[i + 1] == ' ')
                {
                    commas.Add((i, depth));
                    if (depth < outermostComma) outermostComma = depth;
                }
                else if (c == '+' && i > 0 && code[i - 1] == ' ' && i + 1 < code.Length && code[i + 1] == ' ')
                {
                    pluses.Add((i - 1, depth));
                    if (depth < outermostPlus) outermostPlus = depth;
                }
            }
            int start = 0;
            if (commas.Count > 0)
            {
                foreach ((int at, int commaDepth) in commas)
                {
                    if (commaDepth != outermostComma) continue;
                    pieces.Add(code.Substring(start, at + 1 - start));
                    start = at + 2;
                }
            }
            else
            {
                foreach ((int at, int plusDepth) in pluses)
                {
                    if (plusDepth != outermostPlus) continue;
                    pieces.Add(code.Substring(start, at - start));
                    start = at + 1;
                }
            }
            pieces.Add(code.Substring(start));
            var line = new StringBuilder(indent);
            int empty = indent.Length;
            foreach (string piece in pieces)
            {
                if (line.Length > empty && line.Length + 1 + piece.Length > MaxLineLength)
                {
                    _text.Append(line).Append('\n');
                    line.Clear().Append(continuation);
                    empty = continuation.Length;
                }
                if (line.Length > empty) line.Append(' ');
                line.Append(piece);
            }
            _text.Append(line).Append('\n');
        }
    }
}
