using Parvis.Web.Kernel.Analysis;

namespace Parvis.Tests.Unit;

/// <summary>
/// Contributions that arrive or go are compared and suggested for from what was worked out before, with the same
/// result as working it all out again on the same weighing of words.
/// </summary>
[Trait("Suite", "unit")]
public sealed class IncrementalAnalysisTests
{
    private static readonly string[] _words =
    [
        "bus", "soir", "gare", "train", "vélo", "piste", "jardin", "arbre", "école", "cantine", "piscine", "dimanche",
        "médiathèque", "horaires", "quartier", "parking", "marché", "bruit", "trottoir", "banc", "lumière", "rue",
        "santé", "médecin", "pharmacie", "logement", "loyer", "jeunes", "aînés", "associations", "sport", "stade",
    ];

    private static readonly string[] _themes = ["mobilité", "nature", "services", "vie locale"];

    // Texts of 4 to 12 of the words, some of them copies of an earlier one (a campaign).
    private static List<ComparedText> Texts(Random random, int count, int from) =>
        [.. Enumerable.Range(from, count).Select(i => new ComparedText(new Guid(i, 0, 0, new byte[8]),
            i % 17 == 5 ? "Sauvons la ligne de bus du soir !" : string.Join(' ', Enumerable.Range(0, random.Next(4, 13)).Select(_ => _words[random.Next(_words.Length)])), "fr"))];

    // Every few texts coded, with the theme of its first word (eight words a theme), as an analyst would.
    private static List<(Guid Text, string Code)> Coded(IEnumerable<ComparedText> texts, int every) =>
        [.. texts.Where((_, i) => i % every == 0).Select(t => (t.Id, _themes[Math.Max(0, Array.IndexOf(_words, t.Text.Split(' ')[0])) / 8]))];

    [Fact]
    public void Texts_added_and_taken_out_keep_the_scores_of_those_already_there_and_find_the_same_pairs_as_a_search_from_scratch()
    {
        var random = new Random(7);
        var first = Texts(random, 300, 1);
        var index = SimilarityIndex.Build(first, "1");
        // Found before the update: they are kept by it.
        index.Pairs(SimilarityIndex.PairsKept, (_, _) => false);
        var added = Texts(random, 25, 301);
        // A copy that is not the first of its campaign, and another text.
        var removed = new HashSet<Guid> { first[21].Id, first[40].Id };
        Assert.Equal(first[4].Text, first[21].Text);

        var updated = index.With(added, removed, "2");
        Assert.Equal("2", updated.Edition);
        Assert.Equal([.. first.Select(t => t.Id).Where(id => !removed.Contains(id)), .. added.Select(t => t.Id)], updated.Ids);
        Assert.True(updated.WeighsAs(index));
        Assert.Equal((300, 27), (updated.Built, updated.Drift));
        Assert.True(updated.Takes(3));
        Assert.False(updated.Takes(4));

        // A text already there is as like the others as it was.
        var kept = index.SimilarTo(first[0].Id, 400, least: 0).Where(s => !removed.Contains(s.Id)).ToList();
        Assert.Equal(kept, updated.SimilarTo(first[0].Id, 400, least: 0).Where(s => index.PositionOf(s.Id) is not null), SimilarEquality.Instance);

        // The pairs kept with those of the texts added are the pairs a search of the whole index finds.
        var fromScratch = SimilarityIndex.Build(first, "1").With(added, removed, "2");
        var expected = fromScratch.Pairs(SimilarityIndex.PairsKept, (_, _) => false);
        Assert.Equal(expected, updated.Pairs(SimilarityIndex.PairsKept, (_, _) => false), PairEquality.Instance);
        // Some pairs are new, with a text added, a copy of the campaign among them.
        Assert.Contains(expected, p => added.Any(a => a.Id == p.Second) && p.Score == 1.0 && p.First == first[4].Id);
        Assert.DoesNotContain(expected, p => removed.Contains(p.First) || removed.Contains(p.Second));
    }

    [Fact]
    public void When_the_first_of_copies_is_taken_out_the_next_copy_takes_its_place()
    {
        var random = new Random(11);
        var texts = Texts(random, 60, 1);
        var index = SimilarityIndex.Build(texts);
        Assert.Contains(index.Pairs(100, (_, _) => false), p => p.First == texts[4].Id);
        var updated = index.With([], new HashSet<Guid> { texts[4].Id }, "2");
        var copies = updated.Pairs(100, (_, _) => false).Where(p => p.Score == 1.0).ToList();
        Assert.Equal([texts[38].Id, texts[55].Id], copies.Select(p => p.Second));
        Assert.All(copies, p => Assert.Equal(texts[21].Id, p.First));
    }

    [Fact]
    public void A_text_changed_since_is_compared_in_its_place_with_its_new_words()
    {
        var random = new Random(13);
        var first = Texts(random, 200, 1);
        var index = SimilarityIndex.Build(first, "1");
        index.Pairs(SimilarityIndex.PairsKept, (_, _) => false);
        var coded = Coded(first, 3);
        var before = CodeSuggestions.Build(index, coded);
        var revisedAt = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        // A coded text and another rewritten by their authors, the second now the very words of the tenth.
        var changed = new List<ComparedText> { first[3] with { Text = "Un jardin partagé près de la piscine et du stade.", RevisedAt = revisedAt }, first[7] with { Text = first[10].Text, RevisedAt = revisedAt } };
        Assert.Contains(coded, c => c.Text == first[3].Id);
        Assert.False(index.Holds(first[3].Id, revisedAt));

        var updated = index.With(changed, new HashSet<Guid>(), "2");
        Assert.Equal(index.Ids, updated.Ids);
        Assert.True(updated.Holds(first[3].Id, revisedAt));
        Assert.True(updated.Holds(first[0].Id, null));
        // Compared by its new words only.
        var words = TextTerms.Of(changed[0].Text, "fr").Select(t => t.Stem).ToHashSet();
        var similar = updated.SimilarTo(first[3].Id, 5, least: 0);
        Assert.NotEmpty(similar);
        Assert.All(similar, s => Assert.Subset(words, s.Shared.ToHashSet()));
        // Pairs and suggestions are those worked out from scratch on the same weighing.
        var fromScratch = SimilarityIndex.Build(first, "1").With(changed, new HashSet<Guid>(), "2");
        Assert.Equal(fromScratch.Pairs(SimilarityIndex.PairsKept, (_, _) => false), updated.Pairs(SimilarityIndex.PairsKept, (_, _) => false), PairEquality.Instance);
        Assert.Contains(updated.Pairs(SimilarityIndex.PairsKept, (_, _) => false), p => (p.First, p.Second, p.Score) == (first[7].Id, first[10].Id, 1.0));
        Assert.Equal(Flatten(CodeSuggestions.Build(updated, coded)), Flatten(CodeSuggestions.Build(updated, coded, before)));

        // Changed into a text with no copy: the pairs kept and those looked for again are still a search's from scratch.
        var plain = index.With([first[12] with { Text = "Des horaires de bus le dimanche soir vers la gare.", RevisedAt = revisedAt }], new HashSet<Guid>(), "3");
        Assert.Equal(SimilarityIndex.Build(first, "1").With([first[12] with { Text = "Des horaires de bus le dimanche soir vers la gare.", RevisedAt = revisedAt }], new HashSet<Guid>(), "3")
            .Pairs(SimilarityIndex.PairsKept, (_, _) => false), plain.Pairs(SimilarityIndex.PairsKept, (_, _) => false), PairEquality.Instance);
    }

    [Fact]
    public void A_full_list_of_pairs_that_loses_some_is_looked_for_again_from_scratch()
    {
        // A campaign of more copies than pairs are kept: the list is full, and the next ones were not kept.
        var copies = Enumerable.Range(1, SimilarityIndex.PairsKept + 2).Select(i => new ComparedText(new Guid(i, 0, 0, new byte[8]), "Sauvons la ligne de bus du soir !", "fr")).ToList();
        var index = SimilarityIndex.Build(copies);
        Assert.Equal(SimilarityIndex.PairsKept, index.Pairs(int.MaxValue, (_, _) => false).Count);
        // An analyst merges one copy: a pair kept went, and one not kept before takes its place.
        var updated = index.With([], new HashSet<Guid> { copies[5].Id }, "2");
        var pairs = updated.Pairs(int.MaxValue, (_, _) => false);
        Assert.Equal(SimilarityIndex.PairsKept, pairs.Count);
        Assert.Contains(pairs, p => p.Second == copies[^1].Id);
    }

    [Fact]
    public void A_word_that_becomes_too_common_to_pair_through_is_left_out_as_a_search_from_scratch_would()
    {
        // Every text says "bus", and two words of its own kind: pairs sharing "bus" and one word are likely only through "bus".
        static string Word(int n) => "zq" + (char)('a' + n % 26) + (char)('a' + n / 26) + "x";
        var texts = Enumerable.Range(0, SimilarityIndex.CommonWord)
            .Select(i => new ComparedText(new Guid(i + 1, 0, 0, new byte[8]), $"bus {Word(i % 40)} {Word(100 + i / 40)}", "fr")).ToList();
        var index = SimilarityIndex.Build(texts);
        index.Pairs(SimilarityIndex.PairsKept, (_, _) => false);
        // One more says "bus": it becomes too common to look for pairs through.
        var came = new ComparedText(new Guid(9999, 0, 0, new byte[8]), $"bus {Word(3)} {Word(500)}", "fr");
        var updated = index.With([came], new HashSet<Guid>(), "2");
        var fromScratch = SimilarityIndex.Build(texts).With([came], new HashSet<Guid>(), "2");
        Assert.Equal(fromScratch.Pairs(SimilarityIndex.PairsKept, (_, _) => false), updated.Pairs(SimilarityIndex.PairsKept, (_, _) => false), PairEquality.Instance);
        // The likeliest pair scores less without "bus".
        Assert.True(updated.Pairs(1, (_, _) => false)[0].Score < index.Pairs(1, (_, _) => false)[0].Score);
    }

    [Fact]
    public void A_word_new_to_the_index_is_weighed_and_found_in_the_texts_added()
    {
        var index = SimilarityIndex.Build(Texts(new Random(3), 40, 1));
        var (tram, other) = (new Guid(1000, 0, 0, new byte[8]), new Guid(1001, 0, 0, new byte[8]));
        var updated = index.With([new(tram, "Un tramway jusqu'au port de plaisance.", "fr"), new(other, "Le tramway du port, le dimanche.", "fr")], new HashSet<Guid>(), "2");
        var similar = Assert.Single(updated.SimilarTo(tram, 5), s => s.Id == other);
        Assert.Contains("tramway", similar.Shared);
        Assert.Empty(index.SimilarTo(tram, 5));
    }

    [Fact]
    public void Suggestions_worked_out_from_the_build_before_are_those_of_a_build_from_scratch()
    {
        var random = new Random(5);
        var first = Texts(random, 300, 1);
        var index = SimilarityIndex.Build(first, "1");
        var coded = Coded(first, 4);
        var before = CodeSuggestions.Build(index, coded);

        // Texts arrive, some coded by their author; an analyst codes two more and takes a code away; a coded text goes.
        var added = Texts(random, 20, 301);
        var recoded = coded.Where(c => c.Text != first[8].Id && c.Text != first[40].Id)
            .Concat([(first[1].Id, "nature"), (first[2].Id, "mobilité"), (added[0].Id, "services")]).ToList();
        var updated = index.With(added, new HashSet<Guid> { first[40].Id, first[41].Id }, "2");

        var incremental = CodeSuggestions.Build(updated, recoded, before);
        var fromScratch = CodeSuggestions.Build(updated, recoded);
        Assert.Equal(fromScratch.Ranked.Count, incremental.Ranked.Count);
        Assert.Equal(Flatten(fromScratch), Flatten(incremental));
        Assert.Contains(incremental.Ranked, r => added.Any(a => a.Id == r.Text));

        // A build from another weighing of the words is not worked from: everything is worked out again.
        var rebuilt = SimilarityIndex.Build([.. first.Where(t => t.Id != first[40].Id && t.Id != first[41].Id), .. added], "3");
        Assert.False(rebuilt.WeighsAs(updated));
        Assert.Equal(Flatten(CodeSuggestions.Build(rebuilt, recoded)), Flatten(CodeSuggestions.Build(rebuilt, recoded, incremental)));
    }

    private static List<string> Flatten(SuggestionsBuild build) =>
        [.. build.Ranked.SelectMany(r => r.Suggestions.Select(s =>
            $"{r.Text} {s.Code} {s.Confidence} {s.Neighbours} {string.Join(',', s.Words)} {string.Join(',', s.Like)}"))];

    private sealed class SimilarEquality : IEqualityComparer<Similar>
    {
        public static readonly SimilarEquality Instance = new();

        public bool Equals(Similar? x, Similar? y) => x is not null && y is not null && x.Id == y.Id && x.Score == y.Score && x.Shared.SequenceEqual(y.Shared);

        public int GetHashCode(Similar obj) => obj.Id.GetHashCode();
    }

    private sealed class PairEquality : IEqualityComparer<LikelyPair>
    {
        public static readonly PairEquality Instance = new();

        public bool Equals(LikelyPair? x, LikelyPair? y) =>
            x is not null && y is not null && (x.First, x.Second, x.Score) == (y.First, y.Second, y.Score) && x.Shared.SequenceEqual(y.Shared);

        public int GetHashCode(LikelyPair obj) => HashCode.Combine(obj.First, obj.Second);
    }
}
