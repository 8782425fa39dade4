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

    // A sentence ends at . ! ? … (with the closing quotes or brackets after them, French style or not) before a space, at a line break, or
    // at the dash that joins a title to its text.
    [GeneratedRegex(@"(?<=[.!?…](?:\s?[»”""')\]])*)\s+(?![»”""')\]])|\s*[\r\n]+\s*|\s+—\s+")]
    private static partial Regex SentenceEnd();

    /// <summary>A text's sentences as written, in order, empty ones left out.</summary>
    public static IReadOnlyList<string> Sentences(string text) =>
        [.. SentenceEnd().Split(text.Length > TextTerms.MostChars ? text[..TextTerms.MostChars] : text).Select(s => s.Trim()).Where(s => s.Length > 0)];

    public static IReadOnlyList<CitedSentence> Of(IReadOnlyList<SummarisedText> texts, int most = SentencesOffered)
    {
        var sentences = new List<(int Text, string Sentence)>();
        for (var t = 0; t < texts.Count && sentences.Count < SentencesRead; t++)
        {
            sentences.AddRange(Sentences(texts[t].Text).Where(s => s.Length <= SentenceChars).Take(SentencesRead - sentences.Count).Select(s => (t, s)));
        }
        var index = SimilarityIndex.Build([.. sentences.Select((s, k) => new ComparedText(Position(k), s.Sentence, texts[s.Text].Language))]);
        var cited = Enumerable.Range(0, sentences.Count).Where(k => index.VectorAt(k).Length >= LeastWords).ToList();
        // Each sentence's alike sentences, and how many other contributions they come from.
        var near = new Dictionary<int, HashSet<int>>(cited.Count);
        var rank = new Dictionary<int, (int Echoes, double Weight)>(cited.Count);
        foreach (var k in cited)
        {
            var alike = index.Near(k, EchoScore).ToList();
            near[k] = [.. alike.Select(a => a.Position)];
            var others = alike.Where(a => sentences[a.Position].Text != sentences[k].Text).ToList();
            rank[k] = (others.Select(a => sentences[a.Position].Text).Distinct().Count(), others.Sum(a => a.Score));
        }
        var chosen = new List<int>();
        foreach (var k in cited.OrderByDescending(k => rank[k].Echoes).ThenByDescending(k => rank[k].Weight).ThenBy(k => k))
        {
            if (chosen.Count == most)
            {
                break;
            }
            // One sentence per idea: one alike to a sentence already taken says it again.
            if (!chosen.Any(c => near[c].Contains(k)))
            {
                chosen.Add(k);
            }
        }
        return [.. chosen.Select(k => new CitedSentence(texts[sentences[k].Text].Id, sentences[k].Sentence,
            [.. near[k].Select(n => sentences[n].Text).Where(t => t != sentences[k].Text).Distinct().Order().Select(t => texts[t].Id)]))];
    }

    // The index names its texts by id: a sentence's is its position.
    private static Guid Position(int k) => new(k, 0, 0, new byte[8]);
}
