namespace Parvis.Web.Kernel.Analysis;

/// <summary>A text to compare, a contribution's: its id, text and language, and when it was last changed after it was written.</summary>
public sealed record ComparedText(Guid Id, string Text, string Language, DateTimeOffset? RevisedAt = null);

/// <summary>How close another text is (0 to 1), and the words both use, the most telling first.</summary>
public sealed record Similar(Guid Id, double Score, IReadOnlyList<string> Shared);

/// <summary>Two texts likely to say the same thing (<see cref="First"/> the earlier in the index), and why.</summary>
public sealed record LikelyPair(Guid First, Guid Second, double Score, IReadOnlyList<string> Shared);

/// <summary>
/// Texts compared by the words they share, each word weighed by how rare it is among them (TF-IDF: a word few texts
/// use tells more than one most use), as cosine similarity between 0 (nothing shared) and 1 (the same words). Built
/// for a set of texts, or updated from the index before (<see cref="With"/>), and read by many requests.
/// </summary>
public sealed class SimilarityIndex
{
    /// <summary>From this score, two texts are offered as likely duplicates.</summary>
    public const double DuplicateScore = 0.5;

    /// <summary>Words shown as the reason of a match, at most.</summary>
    public const int SharedShown = 8;

    private readonly Guid[] _ids;
    private readonly DateTimeOffset?[] _revisedAt;
    private readonly Dictionary<Guid, int> _positions;
    private readonly string[] _stems;

    // Each word's weight, as rare as it was among the texts of the last full build (its IDF).
    private readonly double[] _idf;

    // Each text's words (their numbers, ascending) with their weights, of length 1 as vectors.
    private readonly (int Term, float Weight)[][] _vectors;

    // Each word's texts with its weight in them, in the texts' order.
    private readonly (int Text, float Weight)[][] _postings;

    // Shared by an index and those updated from it: their texts are weighed alike, so their scores are the same.
    private readonly object _weighing;

    private SimilarityIndex(Guid[] ids, DateTimeOffset?[] revisedAt, string[] stems, double[] idf, (int, float)[][] vectors, string edition, object weighing,
        int built, int drift)
    {
        (_ids, _revisedAt, _stems, _idf, _vectors, Edition, _weighing, Built, Drift) = (ids, revisedAt, stems, idf, vectors, edition, weighing, built, drift);
        _positions = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        // Counted first so that each word's texts take one array, in the texts' order.
        var lengths = new int[stems.Length];
        foreach (var vector in vectors)
        {
            foreach (var (term, _) in vector)
            {
                lengths[term]++;
            }
        }
        _postings = [.. lengths.Select(l => new (int, float)[l])];
        Array.Clear(lengths);
        for (var i = 0; i < vectors.Length; i++)
        {
            foreach (var (term, weight) in vectors[i])
            {
                _postings[term][lengths[term]++] = (i, weight);
            }
        }
    }

    public int Count => _ids.Length;

    /// <summary>Which texts it was built from, as its builder names them: what is worked out from it is kept under this name.</summary>
    public string Edition { get; }

    /// <summary>The texts of the last full build, whose words' rarity weighs every text since.</summary>
    public int Built { get; }

    /// <summary>Texts added or taken out since the last full build.</summary>
    public int Drift { get; }

    /// <summary>
    /// The share of the texts of the last full build that may be added or taken out since, weighed as it weighed words;
    /// beyond, how rare a word is has moved enough to build again.
    /// </summary>
    public const double RebuildShare = 0.1;

    /// <summary>Whether <paramref name="changes"/> more texts added or taken out keep within <see cref="RebuildShare"/>.</summary>
    public bool Takes(int changes) => Drift + changes <= Built * RebuildShare;

    /// <summary>Whether both weigh words alike (one was updated from the other): a pair of texts has the same score in both.</summary>
    public bool WeighsAs(SimilarityIndex other) => ReferenceEquals(_weighing, other._weighing);

    /// <summary>The texts compared, in the order they were given.</summary>
    public IReadOnlyList<Guid> Ids => _ids;

    internal int? PositionOf(Guid id) => _positions.TryGetValue(id, out var position) ? position : null;

    /// <summary>Whether it compares the text <paramref name="id"/> as it was written or last changed at <paramref name="revisedAt"/>.</summary>
    public bool Holds(Guid id, DateTimeOffset? revisedAt) => PositionOf(id) is { } position && _revisedAt[position] == revisedAt;

    internal (int Term, float Weight)[] VectorAt(int position) => _vectors[position];

    internal int Terms => _stems.Length;

    internal string StemOf(int term) => _stems[term];

    /// <summary>An approximate size in memory, to count it in a cache by bytes.</summary>
    public long Bytes => _ids.Length * 120L + _stems.Sum(s => 72L + 2L * s.Length) + 2 * 16L * _vectors.Sum(v => (long)v.Length);

    public static SimilarityIndex Build(IReadOnlyList<ComparedText> texts, string edition = "")
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = CountWords(texts, numbers);
        var idf = Rarity(counts, numbers.Count, texts.Count, []);
        return new SimilarityIndex([.. texts.Select(t => t.Id)], [.. texts.Select(t => t.RevisedAt)], Stems(numbers), idf, [.. counts.Select(c => Weigh(c, idf))],
            edition, new object(), texts.Count, 0);
    }

    /// <summary>
    /// This index with <paramref name="gone"/> taken out and the texts that <paramref name="came"/> compared: a text it
    /// holds in its place (changed since), a newer one at the end. Their words are weighed as rare as they were in the
    /// last full build, a word not seen then as rare as it is among the texts that came: what was worked out from the
    /// others stays valid. Likely pairs already found are kept, and only those of the texts that came are looked for.
    /// </summary>
    public SimilarityIndex With(IReadOnlyList<ComparedText> came, IReadOnlySet<Guid> gone, string edition)
    {
        var numbers = _stems.Select((stem, number) => (stem, number)).ToDictionary(s => s.stem, s => s.number, StringComparer.Ordinal);
        var counts = CountWords(came, numbers);
        var idf = Rarity(counts, numbers.Count, Built, _idf);
        var changed = came.Select((text, i) => (text, i)).Where(c => _positions.ContainsKey(c.text.Id) && !gone.Contains(c.text.Id))
            .ToDictionary(c => c.text.Id, c => c.i);
        var added = came.Select((text, i) => (text, i)).Where(c => !changed.ContainsKey(c.text.Id)).ToList();
        var kept = Enumerable.Range(0, _ids.Length).Where(i => !gone.Contains(_ids[i])).ToList();
        var index = new SimilarityIndex(
            [.. kept.Select(i => _ids[i]), .. added.Select(a => a.text.Id)],
            [.. kept.Select(i => changed.TryGetValue(_ids[i], out var c) ? came[c].RevisedAt : _revisedAt[i]), .. added.Select(a => a.text.RevisedAt)],
            Stems(numbers), idf,
            [.. kept.Select(i => changed.TryGetValue(_ids[i], out var c) ? Weigh(counts[c], idf) : _vectors[i]), .. added.Select(a => Weigh(counts[a.i], idf))],
            edition, _weighing, Built, Drift + came.Count + (_ids.Length - kept.Count));
        if (_pairs is not { } pairs)
        {
            return index;
        }
        var reused = pairs.Where(p => !gone.Contains(p.First) && !gone.Contains(p.Second) && !changed.ContainsKey(p.First) && !changed.ContainsKey(p.Second)).ToList();
        // Pairs are looked for again from scratch, when the index is asked for them, when the ones kept may not be the
        // likeliest any more: some left a full list (the next ones were not kept), a word became common or stopped being
        // (pairs through it are scored otherwise), or copies changed or went (which is the first of them may change).
        if ((pairs.Count == PairsKept && reused.Count < pairs.Count) || CommonnessChanged(index)
            || (gone.Count > 0 && FirstsOfCopies().Overlaps(gone)) || (changed.Count > 0 && (Copies().Overlaps(changed.Keys) || index.Copies().Overlaps(changed.Keys))))
        {
            return index;
        }
        var fresh = changed.Keys.Select(id => index._positions[id]).Concat(Enumerable.Range(kept.Count, added.Count)).Order().ToList();
        index._pairs = index.FindPairs(fresh, reused);
        return index;
    }

    // Whether a word is left out of the search for pairs in one index and not in the other.
    private bool CommonnessChanged(SimilarityIndex other)
    {
        for (var term = 0; term < other._postings.Length; term++)
        {
            if ((term < _postings.Length && _postings[term].Length > CommonWord) != other._postings[term].Length > CommonWord)
            {
                return true;
            }
        }
        return false;
    }

    // Each text's words (their numbers, new ones added to numbers) with how often it says them.
    private static List<Dictionary<int, int>> CountWords(IReadOnlyList<ComparedText> texts, Dictionary<string, int> numbers)
    {
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
        return counts;
    }

    // The words' rarity: those of known keep theirs, the others are weighed among the counted texts as among as many as the build had.
    private static double[] Rarity(List<Dictionary<int, int>> counts, int terms, int texts, double[] known)
    {
        var documentFrequency = new int[terms];
        foreach (var number in counts.SelectMany(c => c.Keys))
        {
            documentFrequency[number]++;
        }
        // Smoothed: a word in every text still weighs a little, never nothing.
        return [.. documentFrequency.Select((df, term) => term < known.Length ? known[term] : Math.Log((1.0 + texts) / (1.0 + df)) + 1.0)];
    }

    private static (int, float)[] Weigh(Dictionary<int, int> counts, double[] idf)
    {
        // A word said three times is not three times as telling: its count is damped.
        var weights = counts.Select(c => (Term: c.Key, Weight: (1.0 + Math.Log(c.Value)) * idf[c.Key])).OrderBy(w => w.Term).ToList();
        var norm = Math.Sqrt(weights.Sum(w => w.Weight * w.Weight));
        return [.. weights.Select(w => (w.Term, (float)(w.Weight / norm)))];
    }

    private static string[] Stems(Dictionary<string, int> numbers)
    {
        var stems = new string[numbers.Count];
        foreach (var (stem, number) in numbers)
        {
            stems[number] = stem;
        }
        return stems;
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

    // Worked out on first use, or from the pairs of the index before; two at once would find the same pairs.
    private List<LikelyPair>? _pairs;

    /// <summary>
    /// The likeliest pairs of texts from <see cref="DuplicateScore"/> up, leaving out those <paramref name="skip"/> says
    /// were already decided. Worked out once per index: identical texts as one group (each paired with the first), the
    /// others through the words they share.
    /// </summary>
    public IReadOnlyList<LikelyPair> Pairs(int most, Func<Guid, Guid, bool> skip) =>
        [.. (_pairs ??= FindPairs(fresh: null, [])).Where(p => !skip(p.First, p.Second)).Take(most)];

    // For each text, the first text of the very same words (a copied campaign), or itself.
    private int[] FirstOfSame()
    {
        var firstOfSame = new Dictionary<(int Term, float Weight)[], int>(SameWords.Instance);
        var first = new int[_ids.Length];
        for (var i = 0; i < _ids.Length; i++)
        {
            first[i] = _vectors[i].Length == 0 ? i : firstOfSame.TryGetValue(_vectors[i], out var earlier) ? earlier : firstOfSame[_vectors[i]] = i;
        }
        return first;
    }

    // Texts of the same words, whatever how often each says them.
    private sealed class SameWords : IEqualityComparer<(int Term, float Weight)[]>
    {
        public static readonly SameWords Instance = new();

        public bool Equals((int Term, float Weight)[]? x, (int Term, float Weight)[]? y) =>
            x is not null && y is not null && x.Length == y.Length && x.Select(v => v.Term).SequenceEqual(y.Select(v => v.Term));

        public int GetHashCode((int Term, float Weight)[] vector)
        {
            var hash = new HashCode();
            foreach (var (term, _) in vector)
            {
                hash.Add(term);
            }
            return hash.ToHashCode();
        }
    }

    // The texts that copies pair with.
    private HashSet<Guid> FirstsOfCopies() => [.. FirstOfSame().Where((first, i) => first != i).Select(first => _ids[first])];

    // The texts that are copies, or that copies pair with.
    private HashSet<Guid> Copies() => [.. FirstOfSame().SelectMany((first, i) => first != i ? new[] { _ids[first], _ids[i] } : [])];

    /// <summary>
    /// The likeliest pairs with a text at one of the <paramref name="fresh"/> positions (ascending), kept with those
    /// already <paramref name="found"/> among the others; without fresh positions, every pair.
    /// </summary>
    private List<LikelyPair> FindPairs(IReadOnlyList<int>? fresh, IEnumerable<LikelyPair> found)
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
        foreach (var pair in found)
        {
            Keep(_positions[pair.First], _positions[pair.Second], pair.Score);
        }
        // Texts of the very same words pair with the first of them only.
        var firstOfSame = FirstOfSame();
        var scores = new double[_ids.Length];
        var touched = new List<int>();
        var isFresh = new bool[fresh is null ? 0 : _ids.Length];
        foreach (var position in fresh ?? [])
        {
            isFresh[position] = true;
        }
        foreach (var i in fresh ?? Enumerable.Range(0, _ids.Length))
        {
            if (firstOfSame[i] != i)
            {
                Keep(firstOfSame[i], i, 1.0);
                continue;
            }
            // Each pair once: from its later text when every text is looked at, else from its fresh text (the later if both are).
            foreach (var (term, weight) in _vectors[i])
            {
                if (_postings[term].Length > CommonWord)
                {
                    continue;
                }
                foreach (var (other, otherWeight) in _postings[term])
                {
                    if (other >= i && (fresh is null || other == i || isFresh[other]))
                    {
                        if (fresh is null)
                        {
                            break;
                        }
                        continue;
                    }
                    if (firstOfSame[other] == other)
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
                    Keep(Math.Min(other, i), Math.Max(other, i), score);
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
