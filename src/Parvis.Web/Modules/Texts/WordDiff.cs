using DiffPlex;
using DiffPlex.Chunkers;

namespace Parvis.Web.Modules.Texts;

public enum PieceKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffPiece(PieceKind Kind, string Text);

/// <summary>
/// Two versions of an article compared word by word, for a changelog that reads as well aloud as on screen.
/// Together, the pieces kept and removed are exactly the text before, those kept and added exactly the text after.
/// </summary>
public static class WordDiff
{
    // Words end at spaces (no-break ones too, as French puts them before : ; ! ?), line ends, punctuation and
    // apostrophes (l'article); DiffPlex keeps each run of these as one piece, so nothing between words is lost.
    private static readonly DelimiterChunker _words = new(
        [' ', '\t', '\r', '\n', '\u00A0', '\u202F', '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '«', '»', '"', '\'', '’', '–', '—', '/', '*']);

    /// <summary>The pieces in reading order, removed before added where a passage was replaced, none empty, no two alike in a row.</summary>
    public static IReadOnlyList<DiffPiece> Compare(string before, string after)
    {
        if (before == after)
        {
            return before.Length == 0 ? [] : [new(PieceKind.Same, before)];
        }
        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, _words);
        var pieces = new List<DiffPiece>();
        var kept = 0;
        foreach (var block in diff.DiffBlocks)
        {
            // What lies between two changes is the same on both sides: it is read from the text before.
            Add(pieces, PieceKind.Same, diff.PiecesOld, kept, block.DeleteStartA - kept);
            Add(pieces, PieceKind.Removed, diff.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(pieces, PieceKind.Added, diff.PiecesNew, block.InsertStartB, block.InsertCountB);
            kept = block.DeleteStartA + block.DeleteCountA;
        }
        Add(pieces, PieceKind.Same, diff.PiecesOld, kept, diff.PiecesOld.Count - kept);
        return pieces;
    }

    private static void Add(List<DiffPiece> pieces, PieceKind kind, IReadOnlyList<string> chunks, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }
        var text = string.Concat(Enumerable.Range(start, count).Select(i => chunks[i]));
        if (pieces is [.., var last] && last.Kind == kind)
        {
            pieces[^1] = last with { Text = last.Text + text };
        }
        else
        {
            pieces.Add(new(kind, text));
        }
    }
}

/// <summary>
/// How much one page compares word by word: a word-level comparison costs with the length of the texts and how much
/// they differ, so past this many characters an article is shown whole, removed then added, and the page says so.
/// </summary>
public sealed class DiffBudget
{
    public const int PageCharacters = 400_000;

    private int _left = PageCharacters;

    /// <summary>Whether some article was shown whole for want of budget.</summary>
    public bool Spent { get; private set; }

    public IReadOnlyList<DiffPiece> Compare(string before, string after)
    {
        // An unchanged, added or removed article costs nothing: its comparison is the text itself.
        if (before == after || before.Length == 0 || after.Length == 0 || (_left -= before.Length + after.Length) >= 0)
        {
            return WordDiff.Compare(before, after);
        }
        Spent = true;
        return [.. before.Length > 0 ? [new DiffPiece(PieceKind.Removed, before)] : Array.Empty<DiffPiece>(),
            .. after.Length > 0 ? [new DiffPiece(PieceKind.Added, after)] : Array.Empty<DiffPiece>()];
    }
}
