using System.Globalization;
using System.Numerics;
using System.Text;
using Skrouterd.Amqp.Codec;

namespace Skrouterd.Cli.Python;

/// <summary>
/// Python's <c>json.loads</c>: objects become <see cref="AmqpMap"/> with string keys (a repeated key keeps its first
/// position and takes the last value), arrays <see cref="List{T}"/>, integers long (BigInteger beyond 64 bits),
/// other numbers double; NaN and Infinity are accepted. Errors are JSONDecodeError with Python's message and
/// position suffix.
/// </summary>
internal sealed class PyJsonReader
{
    private readonly string _doc;
    private int _pos;

    private PyJsonReader(string doc) => _doc = doc;

    public static object? Loads(string doc)
    {
        var r = new PyJsonReader(doc);
        r.SkipWhitespace();
        object? value = r.ReadValue();
        r.SkipWhitespace();
        if (r._pos != doc.Length)
        {
            throw r.Error("Extra data", r._pos);
        }

        return value;
    }

    private object? ReadValue()
    {
        if (_pos >= _doc.Length)
        {
            throw Error("Expecting value", _pos);
        }

        char c = _doc[_pos];
        switch (c)
        {
            case '"':
                return ReadString();
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
        }

        if (Literal("null"))
        {
            return null;
        }

        if (Literal("true"))
        {
            return true;
        }

        if (Literal("false"))
        {
            return false;
        }

        if (Literal("NaN"))
        {
            return double.NaN;
        }

        if (Literal("Infinity"))
        {
            return double.PositiveInfinity;
        }

        if (Literal("-Infinity"))
        {
            return double.NegativeInfinity;
        }

        return ReadNumber() ?? throw Error("Expecting value", _pos);
    }

    private bool Literal(string word)
    {
        if (string.CompareOrdinal(_doc, _pos, word, 0, word.Length) == 0)
        {
            _pos += word.Length;
            return true;
        }

        return false;
    }

    private object? ReadNumber()
    {
        int start = _pos;
        int p = _pos;
        if (p < _doc.Length && _doc[p] == '-')
        {
            p++;
        }

        if (p >= _doc.Length || !char.IsAsciiDigit(_doc[p]))
        {
            return null;
        }

        if (_doc[p] == '0')
        {
            p++;
        }
        else
        {
            while (p < _doc.Length && char.IsAsciiDigit(_doc[p]))
            {
                p++;
            }
        }

        bool isFloat = false;
        if (p + 1 < _doc.Length && _doc[p] == '.' && char.IsAsciiDigit(_doc[p + 1]))
        {
            isFloat = true;
            p += 2;
            while (p < _doc.Length && char.IsAsciiDigit(_doc[p]))
            {
                p++;
            }
        }

        if (p < _doc.Length && (_doc[p] == 'e' || _doc[p] == 'E'))
        {
            int q = p + 1;
            if (q < _doc.Length && (_doc[q] == '+' || _doc[q] == '-'))
            {
                q++;
            }

            if (q < _doc.Length && char.IsAsciiDigit(_doc[q]))
            {
                isFloat = true;
                while (q < _doc.Length && char.IsAsciiDigit(_doc[q]))
                {
                    q++;
                }

                p = q;
            }
        }

        _pos = p;
        string text = _doc[start..p];
        if (isFloat)
        {
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        var big = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return big >= long.MinValue && big <= long.MaxValue ? (object)(long)big : big;
    }

    private string ReadString()
    {
        int begin = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _doc.Length)
            {
                throw Error("Unterminated string starting at", begin);
            }

            char c = _doc[_pos];
            if (c == '"')
            {
                _pos++;
                return sb.ToString();
            }

            if (c == '\\')
            {
                _pos++;
                if (_pos >= _doc.Length)
                {
                    throw Error("Unterminated string starting at", begin);
                }

                char e = _doc[_pos];
                switch (e)
                {
                    case '"':
                    case '\\':
                    case '/':
                        sb.Append(e);
                        break;
                    case 'b':
                        sb.Append('\b');
                        break;
                    case 'f':
                        sb.Append('\f');
                        break;
                    case 'n':
                        sb.Append('\n');
                        break;
                    case 'r':
                        sb.Append('\r');
                        break;
                    case 't':
                        sb.Append('\t');
                        break;
                    case 'u':
                        sb.Append(ReadUnicodeEscape());
                        continue;
                    default:
                        throw Error("Invalid \\escape", _pos - 1);
                }

                _pos++;
                continue;
            }

            if (c < ' ')
            {
                throw Error("Invalid control character at", _pos);
            }

            sb.Append(c);
            _pos++;
        }
    }

    /// <summary>Reads <c>uXXXX</c> (at <c>_pos</c>, after the backslash), joining a surrogate pair if one follows.</summary>
    private string ReadUnicodeEscape()
    {
        int escapeStart = _pos - 1;
        int first = ReadHex4(escapeStart);
        _pos += 5;
        if (first is >= 0xd800 and <= 0xdbff && _pos + 1 < _doc.Length && _doc[_pos] == '\\' && _doc[_pos + 1] == 'u')
        {
            int second = ReadHex4(_pos);
            if (second is >= 0xdc00 and <= 0xdfff)
            {
                _pos += 6;
                return new string([(char)first, (char)second]);
            }
        }

        return ((char)first).ToString();
    }

    private int ReadHex4(int backslashAt)
    {
        int start = backslashAt + 2;
        if (start + 4 > _doc.Length
            || !int.TryParse(_doc.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v))
        {
            throw Error("Invalid \\uXXXX escape", backslashAt);
        }

        return v;
    }

    private AmqpMap ReadObject()
    {
        _pos++;
        var pairs = new List<KeyValuePair<object?, object?>>();
        SkipWhitespace();
        if (_pos < _doc.Length && _doc[_pos] == '}')
        {
            _pos++;
            return new AmqpMap();
        }

        while (true)
        {
            if (_pos >= _doc.Length || _doc[_pos] != '"')
            {
                throw Error("Expecting property name enclosed in double quotes", _pos);
            }

            string key = ReadString();
            SkipWhitespace();
            if (_pos >= _doc.Length || _doc[_pos] != ':')
            {
                throw Error("Expecting ':' delimiter", _pos);
            }

            _pos++;
            SkipWhitespace();
            object? value = ReadValue();
            pairs.Add(new(key, value));
            SkipWhitespace();
            if (_pos < _doc.Length && _doc[_pos] == '}')
            {
                _pos++;
                return PyDict.FromPairs(pairs);
            }

            if (_pos >= _doc.Length || _doc[_pos] != ',')
            {
                throw Error("Expecting ',' delimiter", _pos);
            }

            _pos++;
            SkipWhitespace();
        }
    }

    private List<object?> ReadArray()
    {
        _pos++;
        var list = new List<object?>();
        SkipWhitespace();
        if (_pos < _doc.Length && _doc[_pos] == ']')
        {
            _pos++;
            return list;
        }

        while (true)
        {
            list.Add(ReadValue());
            SkipWhitespace();
            if (_pos < _doc.Length && _doc[_pos] == ']')
            {
                _pos++;
                return list;
            }

            if (_pos >= _doc.Length || _doc[_pos] != ',')
            {
                throw Error("Expecting ',' delimiter", _pos);
            }

            _pos++;
            SkipWhitespace();
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _doc.Length && _doc[_pos] is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }
    }

    private PyException Error(string message, int pos)
    {
        int line = 1;
        int lastNewline = -1;
        for (int i = 0; i < pos && i < _doc.Length; i++)
        {
            if (_doc[i] == '\n')
            {
                line++;
                lastNewline = i;
            }
        }

        int column = pos - lastNewline;
        return new PyException(
            "JSONDecodeError",
            string.Create(CultureInfo.InvariantCulture, $"{message}: line {line} column {column} (char {pos})"));
    }
}
