namespace Parvis.Web.Kernel.Analysis;

/// <summary>
/// A code offered for a text (a grid cell with its sign, a theme): how sure (<see cref="Confidence"/>, the share of the
/// nearest coded texts' likeness that carries the code, 0 to 1), from how many of them, the text's words that weigh
/// most in that likeness, and those coded texts, the closest first.
/// </summary>
public sealed record Suggestion(string Code, double Confidence, int Neighbours, IReadOnlyList<string> Words, IReadOnlyList<Guid> Like);

/// <summary>How suggestions compare with what analysts decided: of the codes suggested, how many were right; of the codes expected, how many were suggested.</summary>
public sealed record SuggestionQuality(int Texts, int Suggested, int Right, int Expected)
{
    public double? Precision => Suggested == 0 ? null : (double)Right / Suggested;

    public double? Recall => Expected == 0 ? null : (double)Right / Expected;
}

/// <summary>
/// Codes suggested for a text from those analysts gave to others: the coded texts closest to it (its nearest neighbours
/// in a <see cref="SimilarityIndex"/>) vote for their codes, each as much as it is like the text. It only suggests:
/// an analyst accepts or rejects each suggestion.
/// </summary>
public sealed class CodeSuggester
{
    /// <summary>Coded texts that vote, at most: the closest.</summary>
    public const int Neighbours = 10;

    /// <summary>A coded text less like the text than this does not vote.</summary>
    public const double LeastSimilarity = 0.1;

    /// <summary>Fewer voters than this and nothing is suggested: one look-alike is not a pattern.</summary>
    public const int LeastNeighbours = 2;

    /// <summary>A code is suggested from this share of the voters' likeness up.</summary>
    public const double LeastConfidence = 0.4;

    private readonly SimilarityIndex _index;
    private readonly string[] _codes;

    // Each coded text's codes (their numbers), by its position in the index.
    private readonly Dictionary<int, int[]> _codesOf;

    // Each word's coded texts with its weight in them: a text is compared with the coded ones only.
    private readonly (int Text, float Weight)[][] _postings;

    private CodeSuggester(SimilarityIndex index, string[] codes, Dictionary<int, int[]> codesOf, (int, float)[][] postings) =>
        (_index, _codes, _codesOf, _postings) = (index, codes, codesOf, postings);

    /// <summary>The texts coded, among those of the index.</summary>
    public int Coded => _codesOf.Count;

    /// <summary>The texts it compares.</summary>
    public SimilarityIndex Index => _index;

    /// <summary>An approximate size in memory, to count it in a cache by bytes.</summary>
    public long Bytes => 64L * _codes.Length + 48L * _codesOf.Count + 16L * _postings.Sum(p => 2L + p.Length);

    /// <summary>Learns from the codes analysts gave; codes of texts the index does not hold are left out.</summary>
    public static CodeSuggester Learn(SimilarityIndex index, IEnumerable<(Guid Text, string Code)> coded)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var codesOf = new Dictionary<int, HashSet<int>>();
        foreach (var (text, code) in coded)
        {
            if (index.PositionOf(text) is not { } position)
            {
                continue;
            }
            if (!numbers.TryGetValue(code, out var number))
            {
                number = numbers.Count;
                numbers[code] = number;
            }
            if (!codesOf.TryGetValue(position, out var codes))
            {
                codesOf[position] = codes = [];
            }
            codes.Add(number);
        }
        var postings = Enumerable.Range(0, index.Terms).Select(_ => new List<(int, float)>()).ToArray();
        foreach (var position in codesOf.Keys.Order())
        {
            foreach (var (term, weight) in index.VectorAt(position))
            {
                postings[term].Add((position, weight));
            }
        }
        var names = new string[numbers.Count];
        foreach (var (code, number) in numbers)
        {
            names[number] = code;
        }
        return new CodeSuggester(index, names, codesOf.ToDictionary(c => c.Key, c => c.Value.Order().ToArray()),
            [.. postings.Select(p => p.ToArray())]);
    }

    /// <summary>
    /// The codes suggested for a text, the surest first, leaving out those it has and those <paramref name="rejected"/>
    /// says analysts refused for it. A coded text is compared with the other coded texts only.
    /// </summary>
    public IReadOnlyList<Suggestion> For(Guid text, Func<string, bool>? rejected = null) =>
        _index.PositionOf(text) is { } position ? Suggest(position, _codesOf.GetValueOrDefault(position) ?? [], rejected) : [];

    private List<Suggestion> Suggest(int position, int[] own, Func<string, bool>? rejected)
    {
        var vector = _index.VectorAt(position);
        var nearest = SimilarityIndex.Scores(vector, position, _postings).Select(s => (Text: s.Key, Score: s.Value)).Where(s => s.Score >= LeastSimilarity)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Text).Take(Neighbours).ToList();
        if (nearest.Count < LeastNeighbours)
        {
            return [];
        }
        var total = nearest.Sum(n => n.Score);
        return [.. nearest.SelectMany(n => _codesOf[n.Text].Select(code => (Code: code, n.Text, n.Score)))
            .GroupBy(v => v.Code)
            .Select(g => (Code: g.Key, Confidence: Math.Round(g.Sum(v => v.Score) / total, 3), Voters: g.ToList()))
            .Where(c => c.Confidence >= LeastConfidence && !own.Contains(c.Code) && rejected?.Invoke(_codes[c.Code]) != true)
            .OrderByDescending(c => c.Confidence).ThenBy(c => _codes[c.Code], StringComparer.Ordinal)
            .Select(c => new Suggestion(_codes[c.Code], c.Confidence, c.Voters.Count, Words(vector, c.Voters.Select(v => v.Text)),
                [.. c.Voters.Select(v => _index.Ids[v.Text])]))];
    }

    /// <summary>
    /// Suggestions against the codes expected for each text: for a coded text, from the other coded texts only (each
    /// left out in turn), so that a council sees how often they would have been right.
    /// </summary>
    public SuggestionQuality Quality(IReadOnlyDictionary<Guid, IReadOnlySet<string>> expected)
    {
        int texts = 0, suggested = 0, right = 0, wanted = 0;
        foreach (var (text, codes) in expected)
        {
            if (_index.PositionOf(text) is not { } position)
            {
                continue;
            }
            // It never votes for itself: with its own codes kept in, what is suggested is what would have been.
            var guessed = Suggest(position, [], null);
            texts++;
            suggested += guessed.Count;
            right += guessed.Count(g => codes.Contains(g.Code));
            wanted += codes.Count;
        }
        return new SuggestionQuality(texts, suggested, right, wanted);
    }

    /// <summary>The codes analysts gave, as this suggester numbers texts: for <see cref="Quality"/> on what it learned from.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlySet<string>> Learned() =>
        _codesOf.ToDictionary(c => _index.Ids[c.Key], c => (IReadOnlySet<string>)c.Value.Select(n => _codes[n]).ToHashSet(StringComparer.Ordinal));

    // The text's words that weigh most in its likeness to the voters.
    private List<string> Words((int Term, float Weight)[] vector, IEnumerable<int> voters)
    {
        var weights = new Dictionary<int, double>();
        foreach (var voter in voters)
        {
            var theirs = _index.VectorAt(voter).ToDictionary(v => v.Term, v => v.Weight);
            foreach (var (term, weight) in vector)
            {
                if (theirs.TryGetValue(term, out var their))
                {
                    weights[term] = weights.GetValueOrDefault(term) + (double)weight * their;
                }
            }
        }
        return [.. weights.OrderByDescending(w => Math.Round(w.Value, 6)).ThenBy(w => w.Key).Take(SimilarityIndex.SharedShown).Select(w => _index.StemOf(w.Key))];
    }
}
