using System.Text;

namespace KubeMQ.Typed.Generators.Emitting
{
    /// <summary>Writes C# source line by line with four-space indentation and "\n" line endings on every platform.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        public void WriteLine(string line)
        {
            if (line.Length > 0)
                _builder.Append(' ', _indent * 4).Append(line);
            _builder.Append('\n');
        }

        public void WriteLine() => _builder.Append('\n');

        public void OpenBlock(string header)
        {
            WriteLine(header);
            WriteLine("{");
            _indent++;
        }

        public void OpenBlock()
        {
            WriteLine("{");
            _indent++;
        }

        public void CloseBlock(string suffix = "")
        {
            _indent--;
            WriteLine("}" + suffix);
        }

        public void Indent() => _indent++;

        public void Unindent() => _indent--;

        public override string ToString() => _builder.ToString();
    }
}
