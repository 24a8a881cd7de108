using System.Xml;

namespace Chengguan.Infrastructure;

/// <summary>
/// XmlReader settings and input for XML from an untrusted file. XmlReader itself prohibits DTDs, but
/// would still buffer a tag, a text run or a nesting of any length, and intern any number of names;
/// these bounds make every one of those small whatever the file says.
/// </summary>
internal static class BoundedXml
{
    /// <summary>A start tag with all its attributes: the longest in a worksheet (its namespaces) is about 1,000 characters.</summary>
    public const int MaxMarkupChars = 32 * 1024;

    /// <summary>Element nesting: a worksheet goes about 10 deep, extensions included.</summary>
    public const int MaxDepth = 32;

    /// <summary>Distinct element and attribute names (and namespaces) per part; a worksheet uses under 200.</summary>
    public const int MaxNames = 2048;

    /// <summary>A reader over <paramref name="text"/>; a text run longer than <paramref name="maxTextChars"/> is a cell over <paramref name="maxCellChars"/>.</summary>
    public static XmlReader Create(TextReader text, int maxCellChars, int maxTextChars, long maxChars) =>
        XmlReader.Create(new XmlGuardReader(text, maxCellChars, maxTextChars), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxChars,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            NameTable = new BoundedNameTable(MaxNames),
            CloseInput = false,
        });

    /// <summary>
    /// Passes characters through while following the markup: it refuses a DOCTYPE (or any other
    /// declaration) outright, a tag or comment longer than <see cref="MaxMarkupChars"/>, a text run or
    /// CDATA section longer than the caller allows, and nesting deeper than <see cref="MaxDepth"/>,
    /// before the reader behind it has had to hold them.
    /// </summary>
    private sealed class XmlGuardReader(TextReader inner, int maxCellChars, int maxTextChars) : TextReader
    {
        private enum State
        {
            Text,
            Markup,
            Quoted,
            Comment,
            CData,
        }

        private const string CommentOpen = "!--";
        private const string CDataOpen = "![CDATA[";

        private State _state = State.Text;
        private int _length;
        private int _depth;
        private char _quote;
        private char _first;
        private char _previous;
        private char _beforePrevious;
        private string? _opening;
        private int _matched;

        public override int Peek() => inner.Peek();

        public override int Read()
        {
            int c = inner.Read();
            if (c >= 0)
            {
                Scan((char)c);
            }
            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n = inner.Read(buffer);
            foreach (char c in buffer[..n])
            {
                Scan(c);
            }
            return n;
        }

        private void Scan(char c)
        {
            _length++;
            bool entered = false;
            switch (_state)
            {
                case State.Text:
                    if (c == '<')
                    {
                        Enter(State.Markup);
                        _first = '\0';
                    }
                    else if (_length > maxTextChars)
                    {
                        throw new TabularException($"单元格超过 {maxCellChars} 个字符");
                    }
                    break;
                case State.Markup:
                    CheckMarkupLength();
                    if (_first == '\0')
                    {
                        _first = c;
                        _opening = null;
                        _matched = c == '!' ? 1 : 0;
                    }
                    else if (_matched > 0)
                    {
                        entered = Declaration(c);
                    }
                    else if (c is '"' or '\'')
                    {
                        _quote = c;
                        _state = State.Quoted;
                    }
                    else if (c == '>')
                    {
                        CloseTag();
                    }
                    break;
                case State.Quoted:
                    CheckMarkupLength();
                    if (c == _quote)
                    {
                        _state = State.Markup;
                    }
                    break;
                case State.Comment:
                    CheckMarkupLength();
                    if (c == '>' && _previous == '-' && _beforePrevious == '-')
                    {
                        Enter(State.Text);
                    }
                    break;
                case State.CData:
                    if (_length > maxTextChars)
                    {
                        throw new TabularException($"单元格超过 {maxCellChars} 个字符");
                    }
                    if (c == '>' && _previous == ']' && _beforePrevious == ']')
                    {
                        Enter(State.Text);
                    }
                    break;
            }
            // The "--" or "[" that opened a comment or CDATA section must not count towards its close.
            _beforePrevious = entered ? '\0' : _previous;
            _previous = entered ? '\0' : c;
        }

        private void Enter(State state)
        {
            _state = state;
            _length = 0;
        }

        // After "<!" only a comment or a CDATA section may follow; anything else (DOCTYPE, ENTITY…) belongs to a DTD.
        private bool Declaration(char c)
        {
            _opening ??= c == '-' ? CommentOpen : c == '[' ? CDataOpen : null;
            if (_opening is null || _opening[_matched] != c)
            {
                throw new TabularException("文件含有不允许的 DTD");
            }
            _matched++;
            if (_matched < _opening.Length)
            {
                return false;
            }
            _matched = 0;
            Enter(_opening == CommentOpen ? State.Comment : State.CData);
            return true;
        }

        private void CloseTag()
        {
            if (_first is not ('/' or '?') && _previous != '/')
            {
                _depth++;
                if (_depth > MaxDepth)
                {
                    throw new TabularException("文件结构异常（层级过深）");
                }
            }
            else if (_first == '/')
            {
                _depth--;
            }
            Enter(State.Text);
        }

        private void CheckMarkupLength()
        {
            if (_length > MaxMarkupChars)
            {
                throw new TabularException("文件结构异常（标记过长）");
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>A name table that refuses to grow past a bound (XmlReader interns every element and attribute name it meets).</summary>
    private sealed class BoundedNameTable(int max) : XmlNameTable
    {
        private readonly NameTable _inner = new();
        private int _count;

        public override string Add(char[] array, int offset, int length) => _inner.Get(array, offset, length) ?? Added(_inner.Add(array, offset, length));

        public override string Add(string array) => _inner.Get(array) ?? Added(_inner.Add(array));

        public override string? Get(char[] array, int offset, int length) => _inner.Get(array, offset, length);

        public override string? Get(string array) => _inner.Get(array);

        private string Added(string name)
        {
            if (++_count > max)
            {
                throw new TabularException("文件结构异常（名称过多）");
            }
            return name;
        }
    }
}
