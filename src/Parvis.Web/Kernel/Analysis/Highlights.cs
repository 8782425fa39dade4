using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>A stretch of a text shown, marked when it holds words another text shares.</summary>
public readonly record struct Segment(string Text, bool Marked);

public static class Highlights
{
    /// <summary>
    /// The text (cut to <paramref name="max"/> characters) in stretches, the words whose stems are
    /// <paramref name="shared"/> marked; neighbouring marked words form one stretch, so a shared phrase reads as one.
    /// </summary>
    public static IReadOnlyList<Segment> Of(string text, string language, IReadOnlyCollection<string> shared, int max = 600)
    {
        var shown = Excerpts.Cut(text, max);
        // Cut, the text shown ends with an ellipsis after the words kept.
        var end = shown.Length == text.Length ? text.Length : shown.Length - 1;
        var spans = new List<(int Start, int End)>();
        // Whether a word that is not shared came since the last marked one: it ends the stretch.
        var broken = true;
        foreach (var term in TextTerms.Of(text, language))
        {
            if (term.End > end)
            {
                break;
            }
            if (!shared.Contains(term.Stem))
            {
                broken = true;
                continue;
            }
            // Joined to the previous marked word when only little words (the, of) stand between, within a clause: a shared phrase.
            if (!broken && !text[spans[^1].End..term.Start].Any(c => c is '.' or ',' or ';' or ':' or '!' or '?' or '—' or '(' or ')' or '\n'))
            {
                spans[^1] = (spans[^1].Start, term.End);
            }
            else
            {
                spans.Add((term.Start, term.End));
            }
            broken = false;
        }
        var segments = new List<Segment>();
        var at = 0;
        foreach (var (start, stop) in spans)
        {
            if (start > at)
            {
                segments.Add(new Segment(shown[at..start], false));
            }
            segments.Add(new Segment(shown[start..stop], true));
            at = stop;
        }
        if (at < shown.Length)
        {
            segments.Add(new Segment(shown[at..], false));
        }
        return segments;
    }

    /// <summary>Shared stems as the text writes them (its first word of each), in the stems' order: what a reader recognises.</summary>
    public static IReadOnlyList<string> Words(string text, string language, IReadOnlyList<string> stems)
    {
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var term in TextTerms.Of(text, language))
        {
            written.TryAdd(term.Stem, text[term.Start..term.End]);
        }
        return [.. stems.Where(written.ContainsKey).Select(s => written[s])];
    }
}
