using System;
using System.Text;

namespace Reinhardt.Generators.Common;

/// <summary>
/// Writes C# source with indentation (after System.Text.Json's generator). Multi-line strings are
/// re-indented line by line so raw string templates keep the current indentation.
/// </summary>
internal sealed class SourceWriter
{
    private const int SpacesPerLevel = 4;
    private readonly StringBuilder _builder = new();
    private int _indentation;

    public int Indentation
    {
        get => _indentation;
        set => _indentation = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public SourceWriter OpenBlock()
    {
        WriteLine("{");
        _indentation++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        _indentation--;
        WriteLine("}" + suffix);
        return this;
    }

    public SourceWriter WriteLine()
    {
        _builder.Append('\n');
        return this;
    }

    public SourceWriter WriteLine(string text)
    {
        if (text.IndexOf('\n') < 0)
        {
            AppendLine(text);
            return this;
        }

        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            AppendLine(line);
        }

        return this;
    }

    private void AppendLine(string line)
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indentation * SpacesPerLevel).Append(line);
        }

        _builder.Append('\n');
    }

    public override string ToString() => _builder.ToString();
}
