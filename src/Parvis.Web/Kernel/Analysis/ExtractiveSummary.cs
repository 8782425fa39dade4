using System.Text.RegularExpressions;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>A contribution to summarise: its id, text and language.</summary>
public sealed record SummarisedText(Guid Id, string Text, string Language);

/// <summary>
/// A sentence of a summary, word for word as <see cref="Source"/> wrote it, and the other contributions that say
/// something alike (<see cref="EchoedBy"/>): how many people it speaks for.
/// </summary>
public sealed record CitedSentence(Guid Source, string Sentence, IReadOnlyList<Guid> EchoedBy);

/// <summary>
/// A summary made only of sentences taken from the contributions, never written by the machine: the sentences whose
/// words most other contributions share come first, and a sentence too like one already taken is left out, so that
/// each idea comes once. Likeness is the TF-IDF cosine of <see cref="SimilarityIndex"/>, sentence by sentence.
/// </summary>
public static partial class ExtractiveSummary
{
    /// <summary>Sentences offered at most: a summary an analyst reads and rewrites, not an anthology.</summary>
    public const int SentencesOffered = 8;

    /// <summary>From this likeness, another contribution's sentence says something alike: it echoes the sentence.</summary>
    public const double EchoScore = 0.3;

    /// <summary>A sentence with fewer telling words ("Merci.", "Tout à fait d'accord") says nothing to cite.</summary>
    public const int LeastWords = 3;

    /// <summary>A longer sentence is not cited: a summary quotes, it does not paste paragraphs.</summary>
    public const int SentenceChars = 400;

    /// <summary>Sentences compared at most, the first contributions' first: the comparison grows with their square.</summary>
    public const int SentencesRead = 20_000;

    // A sentence ends at . ! ? … (with the closing quotes or brackets after them, French style or not) before a space,
    // unless it is a title's abbreviation (M. Durand), or at a line break. Each alternative starts on one character, so a
    // long run of spaces is read once.
    [GeneratedRegex(@"(?<=[.!?…](?:\s?[»”""')\]])*)(?<!\b(?:M|Mme|Mlle|Mgr|Dr|Pr|Me|St|Ste|cf|ex|p)\.)\s+(?![»”""')\]])|[\r\n]\s*")]
    private static partial Regex SentenceEnd();

    // A number in brackets is how a summary cites: a sentence that holds one would read as a citation.
    [GeneratedRegex(@"\[[0-9]{1,3}\]")]
    private static partial Regex Bracketed();

    /// <summary>A text's sentences as written, in order, empty ones left out.</summary>
    public static IReadOnlyList<string> Sentences(string text) =>
        [.. SentenceEnd().Split(text.Length > TextTerms.MostChars ? text[..TextTerms.MostChars] : text).Select(s => s.Trim()).Where(s => s.Length > 0)];

    private static bool Citable(string sentence) => sentence.Length <= SentenceChars && !Bracketed().IsMatch(sentence);

    public static IReadOnlyList<CitedSentence> Of(IReadOnlyList<SummarisedText> texts, int most = SentencesOffered)
    {
        // The same sentence in several contributions (a copied campaign) is compared once, with every text that wrote it,
        // its source first.
        var unique = new List<(string Sentence, string Language)>();
        var writers = new List<List<int>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var read = 0;
        for (var t = 0; t < texts.Count && read < SentencesRead; t++)
        {
            foreach (var sentence in Sentences(texts[t].Text).Where(Citable).Take(SentencesRead - read))
            {
                read++;
                if (seen.TryGetValue(sentence, out var known))
                {
                    if (writers[known][^1] != t)
                    {
                        writers[known].Add(t);
                    }
                    continue;
                }
                seen[sentence] = unique.Count;
                unique.Add((sentence, texts[t].Language));
                writers.Add([t]);
            }
        }
        var index = SimilarityIndex.Build([.. unique.Select((s, k) => new ComparedText(Position(k), s.Sentence, s.Language))]);
        // The other contributions that say a sentence: they wrote it too, or a sentence alike.
        HashSet<int> Echoes(int k, IEnumerable<(int Position, double Score)> alike) =>
            [.. writers[k].Skip(1).Concat(alike.SelectMany(a => writers[a.Position])).Where(t => t != writers[k][0])];
        var rank = new Dictionary<int, (int Echoes, double Weight)>();
        foreach (var k in Enumerable.Range(0, unique.Count).Where(k => index.VectorAt(k).Length >= LeastWords))
        {
            var alike = index.Near(k, EchoScore).ToList();
            rank[k] = (Echoes(k, alike).Count, alike.Sum(a => a.Score * writers[a.Position].Count));
        }
        var chosen = new List<(int Sentence, HashSet<int> Alike)>();
        foreach (var k in rank.Keys.OrderByDescending(k => rank[k].Echoes).ThenByDescending(k => rank[k].Weight).ThenBy(k => k))
        {
            if (chosen.Count == most)
            {
                break;
            }
            // One sentence per idea: one alike to a sentence already taken says it again.
            if (!chosen.Any(c => c.Alike.Contains(k)))
            {
                chosen.Add((k, [.. index.Near(k, EchoScore).Select(a => a.Position)]));
            }
        }
        return [.. chosen.Select(c => new CitedSentence(texts[writers[c.Sentence][0]].Id, unique[c.Sentence].Sentence,
            [.. Echoes(c.Sentence, index.Near(c.Sentence, EchoScore)).Order().Select(t => texts[t].Id)]))];
    }

    // The index names its texts by id: a sentence's is its position.
    private static Guid Position(int k) => new(k, 0, 0, new byte[8]);
}
