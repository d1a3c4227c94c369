using System.Text;

namespace Director.Core.Config.Syntax;

/// <summary>
/// Prints nodes back as canonical keepalived configuration: one node per line, blocks opened on
/// the keyword's line and indented by four spaces, words quoted when they would otherwise be read
/// differently. Reading the output again gives the same nodes.
/// </summary>
public static class SyntaxWriter
{
    private const string Indent = "    ";

    public static string Write(SyntaxTree tree) => Write(tree.Nodes);

    public static string Write(IEnumerable<ConfigNode> nodes)
    {
        var sb = new StringBuilder();
        foreach (var node in nodes) WriteNode(sb, node, 0);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, ConfigNode node, int depth)
    {
        for (var i = 0; i < depth; i++) sb.Append(Indent);
        var first = true;
        foreach (var word in node.Words)
        {
            if (!first) sb.Append(' ');
            AppendWord(sb, word, first && node.Arguments.Count > 0 && IncludeDirective.IsDirectiveWord(word));
            first = false;
        }
        if (!node.HasBlock)
        {
            sb.Append('\n');
            return;
        }
        sb.Append(" {\n");
        foreach (var child in node.Children) WriteNode(sb, child, depth + 1);
        for (var i = 0; i < depth; i++) sb.Append(Indent);
        sb.Append("}\n");
    }

    /// <summary>Appends a word, quoted when needed so that it reads back as exactly this word.</summary>
    public static void AppendWord(StringBuilder sb, string word, bool forceQuotes = false)
    {
        if (!forceQuotes && !NeedsQuotes(word))
        {
            sb.Append(word);
            return;
        }
        sb.Append('"');
        foreach (var c in word)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                // Octal escapes: a bare '"' would end the quote for the brace splitter and a bare
                // '$' would be expanded before the line is split into words.
                case '"': sb.Append(@"\042"); break;
                case '$': sb.Append(@"\044"); break;
                default:
                    if (c < ' ' || c == '\u007F') sb.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static bool NeedsQuotes(string word)
    {
        if (word.Length == 0 || word[0] is '@' or '~') return true;
        foreach (var c in word)
        {
            if (c is ' ' or '"' or '\'' or '\\' or '{' or '}' or '#' or '!' or '$' || c < ' ' || c == '\u007F') return true;
        }
        return false;
    }
}
