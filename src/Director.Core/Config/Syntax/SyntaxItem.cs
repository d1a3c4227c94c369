namespace Director.Core.Config.Syntax;

internal enum SyntaxItemKind
{
    Words,
    OpenBrace,
    CloseBrace,
}

/// <summary>What the preprocessor hands the tree builder: a line of words, a '{' or a '}'.</summary>
internal readonly record struct SyntaxItem(SyntaxItemKind Kind, IReadOnlyList<string> Words, SourceLocation Location);
