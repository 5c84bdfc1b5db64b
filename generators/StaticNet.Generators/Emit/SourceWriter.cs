using System.Text;

namespace StaticNet.Generators.Emit
{
    /// <summary>An indented text writer for generated C#: four spaces per level, '\n' line ends on every OS.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _indent;

        public void WriteLine(string line = "")
        {
            if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
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

        public override string ToString() => _text.ToString();
    }
}
