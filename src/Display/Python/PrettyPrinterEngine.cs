using System.Text;

namespace Functional.Display.Python;

/// <summary>
/// A line-for-line port of IPython.lib.pretty.PrettyPrinter (IPython 8): text and breakables are buffered, and
/// when the line overflows the outermost group with pending breakables breaks first. Its quirks are kept on
/// purpose (GroupQueue.deq deleting by the reversed index, flush adding the width twice) because the output
/// must match IPython's, not an idealised version of it. One instance renders one value and is then discarded.
/// </summary>
internal sealed class PrettyPrinterEngine
{
    private readonly StringBuilder output = new();
    private readonly LinkedList<Printable> buffer = new();
    private readonly List<Group> groupStack;
    private readonly GroupQueue groupQueue;
    private readonly int maxWidth;
    private int outputWidth;
    private int bufferWidth;

    public PrettyPrinterEngine(int maxWidth)
    {
        this.maxWidth = maxWidth;
        var root = new Group(0);
        groupStack = [root];
        groupQueue = new GroupQueue(root);
    }

    public int Indentation { get; set; }

    public void Text(string text)
    {
        var width = text.Length;
        if (buffer.Count > 0)
        {
            if (buffer.Last!.Value is not TextChunk chunk)
            {
                chunk = new TextChunk();
                buffer.AddLast(chunk);
            }

            chunk.Add(text);
            bufferWidth += width;
            BreakOuterGroups();
        }
        else
        {
            output.Append(text);
            outputWidth += width;
        }
    }

    public void Breakable(string separator = " ")
    {
        var group = groupStack[^1];
        if (group.WantBreak)
        {
            Flush();
            NewLine();
        }
        else
        {
            var breakable = new BreakableSpace(separator, Indentation, group, this);
            group.Breakables.Enqueue(breakable);
            buffer.AddLast(breakable);
            bufferWidth += breakable.Width;
            BreakOuterGroups();
        }
    }

    /// <summary>An explicit newline, as a multi-line repr needs between its lines.</summary>
    public void Break()
    {
        if (groupQueue.Dequeue() is { } group) BreakOneGroup(group);
        Flush();
        NewLine();
    }

    public void BeginGroup(int indent = 0, string open = "")
    {
        if (open.Length > 0) Text(open);
        var group = new Group(groupStack[^1].Depth + 1);
        groupStack.Add(group);
        groupQueue.Enqueue(group);
        Indentation += indent;
    }

    public void EndGroup(int dedent = 0, string close = "")
    {
        Indentation -= dedent;
        var group = groupStack[^1];
        groupStack.RemoveAt(groupStack.Count - 1);
        if (group.Breakables.Count == 0) groupQueue.Remove(group);
        if (close.Length > 0) Text(close);
    }

    public void Flush()
    {
        foreach (var data in buffer)
            outputWidth += data.Output(output, outputWidth);
        buffer.Clear();
        bufferWidth = 0;
    }

    public string Result()
    {
        Flush();
        return output.ToString();
    }

    private void NewLine()
    {
        output.Append('\n').Append(' ', Indentation);
        outputWidth = Indentation;
        bufferWidth = 0;
    }

    private void BreakOneGroup(Group group)
    {
        while (group.Breakables.Count > 0) OutputFirstBuffered();
        while (buffer.Count > 0 && buffer.First!.Value is TextChunk) OutputFirstBuffered();
    }

    private void OutputFirstBuffered()
    {
        var first = buffer.First!.Value;
        buffer.RemoveFirst();
        outputWidth = first.Output(output, outputWidth);
        bufferWidth -= first.Width;
    }

    private void BreakOuterGroups()
    {
        while (maxWidth < outputWidth + bufferWidth)
        {
            if (groupQueue.Dequeue() is not { } group) return;
            BreakOneGroup(group);
        }
    }

    private abstract class Printable
    {
        public abstract int Width { get; }

        public abstract int Output(StringBuilder stream, int currentWidth);
    }

    private sealed class TextChunk : Printable
    {
        private readonly List<string> parts = [];
        private int width;

        public override int Width => width;

        public void Add(string text)
        {
            parts.Add(text);
            width += text.Length;
        }

        public override int Output(StringBuilder stream, int currentWidth)
        {
            parts.ForEach(p => stream.Append(p));
            return currentWidth + width;
        }
    }

    private sealed class BreakableSpace(string separator, int indentation, Group group, PrettyPrinterEngine printer) : Printable
    {
        public override int Width => separator.Length;

        public override int Output(StringBuilder stream, int currentWidth)
        {
            group.Breakables.Dequeue();
            if (group.WantBreak)
            {
                stream.Append('\n').Append(' ', indentation);
                return indentation;
            }

            if (group.Breakables.Count == 0) printer.groupQueue.Remove(group);
            stream.Append(separator);
            return currentWidth + Width;
        }
    }

    // Reference identity matters: GroupQueue.remove relies on Python's default object equality.
    private sealed class Group(int depth)
    {
        public int Depth => depth;

        public Queue<BreakableSpace> Breakables { get; } = new();

        public bool WantBreak { get; set; }
    }

    private sealed class GroupQueue
    {
        private readonly List<List<Group>> byDepth = [];

        public GroupQueue(Group root) => Enqueue(root);

        public void Enqueue(Group group)
        {
            while (group.Depth > byDepth.Count - 1) byDepth.Add([]);
            byDepth[group.Depth].Add(group);
        }

        public Group? Dequeue()
        {
            foreach (var stack in byDepth)
            {
                for (var index = 0; index < stack.Count; index++)
                {
                    var group = stack[stack.Count - 1 - index];
                    if (group.Breakables.Count > 0)
                    {
                        // IPython deletes stack[idx] with idx counted over the reversed list; kept for identical output.
                        stack.RemoveAt(index);
                        group.WantBreak = true;
                        return group;
                    }
                }

                stack.ForEach(g => g.WantBreak = true);
                stack.Clear();
            }

            return null;
        }

        public void Remove(Group group)
        {
            if (group.Depth < byDepth.Count) byDepth[group.Depth].Remove(group);
        }
    }
}
