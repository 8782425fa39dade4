namespace Parvis.Web.Kernel.Analysis;

/// <summary>A text to compare, a contribution's: its id, text and language.</summary>
public sealed record ComparedText(Guid Id, string Text, string Language);

/// <summary>How close another text is (0 to 1), and the words both use, the most telling first.</summary>
public sealed record Similar(Guid Id, double Score, IReadOnlyList<string> Shared);

/// <summary>Two texts likely to say the same thing (<see cref="First"/> written first), and why.</summary>
public sealed record LikelyPair(Guid First, Guid Second, double Score, IReadOnlyList<string> Shared);

/// <summary>
/// Texts compared by the words they share, each word weighed by how rare it is among them (TF-IDF: a word few texts
/// use tells more than one most use), as cosine similarity between 0 (nothing shared) and 1 (the same words). Built
/// once for a set of texts and read by many requests.
/// </summary>
public sealed class SimilarityIndex
{
    /// <summary>From this score, two texts are offered as likely duplicates.</summary>
    public const double DuplicateScore = 0.5;

    /// <summary>Words shown as the reason of a match, at most.</summary>
    public const int SharedShown = 8;

    private readonly Guid[] _ids;
    private readonly Dictionary<Guid, int> _positions;
    private readonly string[] _stems;

    // Each text's words (their numbers, ascending) with their weights, of length 1 as vectors.
    private readonly (int Term, float Weight)[][] _vectors;

    // Each word's texts with its weight in them, in the texts' order.
    private readonly (int Text, float Weight)[][] _postings;

    private SimilarityIndex(Guid[] ids, string[] stems, (int, float)[][] vectors, (int, float)[][] postings, string edition)
    {
        (_ids, _stems, _vectors, _postings, Edition) = (ids, stems, vectors, postings, edition);
        _positions = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
    }

    public int Count => _ids.Length;

    /// <summary>Which texts it was built from, as its builder names them: what is worked out from it is kept under this name.</summary>
    public string Edition { get; }

    /// <summary>The texts compared, in the order they were given.</summary>
    public IReadOnlyList<Guid> Ids => _ids;

    internal int? PositionOf(Guid id) => _positions.TryGetValue(id, out var position) ? position : null;

    internal (int Term, float Weight)[] VectorAt(int position) => _vectors[position];

    internal int Terms => _stems.Length;

    internal string StemOf(int term) => _stems[term];

    /// <summary>An approximate size in memory, to count it in a cache by bytes.</summary>
    public long Bytes => _ids.Length * 120L + _stems.Sum(s => 64L + 2L * s.Length) + 2 * 16L * _vectors.Sum(v => (long)v.Length);

    public static SimilarityIndex Build(IReadOnlyList<ComparedText> texts, string edition = "")
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<Dictionary<int, int>>(texts.Count);
        foreach (var text in texts)
        {
            var count = new Dictionary<int, int>();
            foreach (var term in TextTerms.Of(text.Text, text.Language))
            {
                if (!numbers.TryGetValue(term.Stem, out var number))
                {
                    number = numbers.Count;
                    numbers[term.Stem] = number;
                }
                count[number] = count.GetValueOrDefault(number) + 1;
            }
            counts.Add(count);
        }
        var documentFrequency = new int[numbers.Count];
        foreach (var number in counts.SelectMany(c => c.Keys))
        {
            documentFrequency[number]++;
        }
        // Smoothed: a word in every text still weighs a little, never nothing.
        var idf = documentFrequency.Select(df => Math.Log((1.0 + texts.Count) / (1.0 + df)) + 1.0).ToArray();
        var vectors = new (int, float)[texts.Count][];
        var postings = Enumerable.Range(0, numbers.Count).Select(t => new List<(int, float)>(documentFrequency[t])).ToArray();
        for (var i = 0; i < counts.Count; i++)
        {
            // A word said three times is not three times as telling: its count is damped.
            var weights = counts[i].Select(c => (Term: c.Key, Weight: (1.0 + Math.Log(c.Value)) * idf[c.Key])).OrderBy(w => w.Term).ToList();
            var norm = Math.Sqrt(weights.Sum(w => w.Weight * w.Weight));
            vectors[i] = [.. weights.Select(w => (w.Term, (float)(w.Weight / norm)))];
            foreach (var (term, weight) in vectors[i])
            {
                postings[term].Add((i, weight));
            }
        }
        var stems = new string[numbers.Count];
        foreach (var (stem, number) in numbers)
        {
            stems[number] = stem;
        }
        return new SimilarityIndex([.. texts.Select(t => t.Id)], stems, vectors, [.. postings.Select(p => p.ToArray())], edition);
    }

    /// <summary>The texts closest to one, the closest first, from <paramref name="least"/> up.</summary>
    public IReadOnlyList<Similar> SimilarTo(Guid id, int most, double least = 0.2)
    {
        if (!_positions.TryGetValue(id, out var position))
        {
            return [];
        }
        return [.. Scores(position).Where(s => s.Value >= least).OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(most)
            .Select(s => new Similar(_ids[s.Key], s.Value, Shared(position, s.Key)))];
    }

    /// <summary>Pairs kept of a build, the likeliest: more than an analyst decides before the next build.</summary>
    public const int PairsKept = 1_000;

    /// <summary>
    /// A word in more texts than this is left out of the search for pairs: it is among the least telling, and matching
    /// every text that uses it with every other would cost their number squared.
    /// </summary>
    public const int CommonWord = 2_000;

    // Worked out on first use by whichever request comes first; two at once would find the same pairs.
    private List<LikelyPair>? _pairs;

    /// <summary>
    /// The likeliest pairs of texts from <see cref="DuplicateScore"/> up, leaving out those <paramref name="skip"/> says
    /// were already decided. Worked out once per build: identical texts as one group (each paired with the first), the
    /// others through the words they share.
    /// </summary>
    public IReadOnlyList<LikelyPair> Pairs(int most, Func<Guid, Guid, bool> skip) =>
        [.. (_pairs ??= FindPairs()).Where(p => !skip(p.First, p.Second)).Take(most)];

    private List<LikelyPair> FindPairs()
    {
        // The likeliest kept, the least likely of them on top to be dropped first.
        var kept = new PriorityQueue<(int First, int Second, double Score), double>();
        void Keep(int first, int second, double score)
        {
            if (kept.Count < PairsKept)
            {
                kept.Enqueue((first, second, score), score);
            }
            else if (score > kept.Peek().Score)
            {
                kept.DequeueEnqueue((first, second, score), score);
            }
        }
        // Texts of the very same words (a copied campaign) pair with the first of them only.
        var firstOfSame = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeated = new bool[_ids.Length];
        for (var i = 0; i < _ids.Length; i++)
        {
            if (_vectors[i].Length == 0)
            {
                continue;
            }
            var words = string.Join(' ', _vectors[i].Select(v => v.Term));
            if (firstOfSame.TryGetValue(words, out var first))
            {
                repeated[i] = true;
                Keep(first, i, 1.0);
            }
            else
            {
                firstOfSame[words] = i;
            }
        }
        var scores = new double[_ids.Length];
        var touched = new List<int>();
        for (var i = 0; i < _ids.Length; i++)
        {
            if (repeated[i])
            {
                continue;
            }
            foreach (var (term, weight) in _vectors[i])
            {
                if (_postings[term].Length > CommonWord)
                {
                    continue;
                }
                foreach (var (other, otherWeight) in _postings[term])
                {
                    if (other > i && !repeated[other])
                    {
                        if (scores[other] == 0)
                        {
                            touched.Add(other);
                        }
                        scores[other] += (double)weight * otherWeight;
                    }
                }
            }
            foreach (var other in touched)
            {
                var score = Math.Round(Math.Min(1.0, scores[other]), 6);
                if (score >= DuplicateScore)
                {
                    Keep(i, other, score);
                }
                scores[other] = 0;
            }
            touched.Clear();
        }
        var pairs = new List<(int First, int Second, double Score)>(kept.Count);
        while (kept.Count > 0)
        {
            pairs.Add(kept.Dequeue());
        }
        return [.. pairs.OrderByDescending(p => p.Score).ThenBy(p => p.First).ThenBy(p => p.Second)
            .Select(p => new LikelyPair(_ids[p.First], _ids[p.Second], p.Score, Shared(p.First, p.Second)))];
    }

    private Dictionary<int, double> Scores(int position) => Scores(_vectors[position], position, _postings);

    /// <summary>The texts (by position) at least <paramref name="least"/> alike to the one at <paramref name="position"/>, with their likeness.</summary>
    internal IEnumerable<(int Position, double Score)> Near(int position, double least) =>
        Scores(position).Where(s => s.Value >= least).Select(s => (s.Key, s.Value));

    /// <summary>
    /// A text's likeness (0 to 1) to each text of <paramref name="postings"/> it shares a word with, itself left out.
    /// Rounded so that sums of the same words in another order give the same score.
    /// </summary>
    internal static Dictionary<int, double> Scores((int Term, float Weight)[] vector, int position, (int Text, float Weight)[][] postings)
    {
        var scores = new Dictionary<int, double>();
        foreach (var (term, weight) in vector)
        {
            foreach (var (other, otherWeight) in postings[term])
            {
                if (other != position)
                {
                    scores[other] = scores.GetValueOrDefault(other) + (double)weight * otherWeight;
                }
            }
        }
        return scores.ToDictionary(s => s.Key, s => Math.Round(Math.Min(1.0, s.Value), 6));
    }

    private List<string> Shared(int first, int second)
    {
        var theirs = _vectors[second].ToDictionary(v => v.Term, v => v.Weight);
        return [.. _vectors[first].Where(v => theirs.ContainsKey(v.Term)).OrderByDescending(v => v.Weight * theirs[v.Term])
            .Take(SharedShown).Select(v => _stems[v.Term])];
    }
}
