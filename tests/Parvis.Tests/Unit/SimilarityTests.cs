using Parvis.Web.Kernel.Analysis;

namespace Parvis.Tests.Unit;

/// <summary>Contributions compared by the words they share, in French and English, whatever the accents, plurals or order.</summary>
[Trait("Suite", "unit")]
public sealed class SimilarityTests
{
    private static IReadOnlyList<string> Stems(string text, string language = "fr") => [.. TextTerms.Of(text, language).Select(t => t.Stem)];

    [Fact]
    public void French_words_meet_without_their_accents_plurals_elisions_or_stop_words()
    {
        Assert.Equal(Stems("la médiathèque"), Stems("MEDIATHEQUES"));
        Assert.Equal(Stems("les habitantes"), Stems("un habitant"));
        Assert.Equal(Stems("l'école"), Stems("écoles"));
        // Stop words and lone letters say nothing of the meaning.
        Assert.Empty(Stems("le la les de du et à y"));
    }

    [Fact]
    public void English_words_meet_by_their_stem()
    {
        Assert.Equal(Stems("buses", "en"), Stems("bus", "en"));
        Assert.Equal(Stems("the library's opening hours", "en"), Stems("library opening hour", "en"));
        Assert.Empty(Stems("the and of to", "en"));
    }

    private static readonly Guid _a = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid _b = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid _c = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid _d = Guid.Parse("00000000-0000-0000-0000-00000000000d");
    private static readonly Guid _e = Guid.Parse("00000000-0000-0000-0000-00000000000e");

    private static SimilarityIndex Index() => SimilarityIndex.Build(
    [
        new(_a, "Des bus plus tard le soir, après le dernier bateau de Groix.", "fr"),
        // The same wish, in another order, in the plural, without accents.
        new(_b, "Apres le dernier bateau, des BUS le soir plus tard", "fr"),
        new(_c, "Un jardin partagé derrière la médiathèque du quartier.", "fr"),
        new(_d, "More buses late in the evening after the last ferry.", "en"),
        new(_e, "Evening buses after the last ferries, later.", "en"),
    ]);

    [Fact]
    public void The_same_wish_in_another_order_is_a_likely_duplicate_and_an_unrelated_one_is_not()
    {
        var index = Index();
        var similar = index.SimilarTo(_a, 5);
        Assert.Equal(_b, similar[0].Id);
        Assert.True(similar[0].Score > 0.7, $"score {similar[0].Score}");
        Assert.Contains("bateau", similar[0].Shared);
        Assert.DoesNotContain(similar, s => s.Id == _c);
        Assert.Equal(similar[0].Score, index.SimilarTo(_b, 5)[0].Score);

        var pairs = index.Pairs(10, (_, _) => false);
        Assert.Equal(new[] { (_a, _b), (_d, _e) }.ToHashSet(), pairs.Select(p => (p.First, p.Second)).ToHashSet());
        // A pair already decided is not offered again.
        Assert.Equal([(_d, _e)], index.Pairs(10, (x, y) => (x, y) == (_a, _b)).Select(p => (p.First, p.Second)));
    }

    [Fact]
    public void Copies_of_one_text_pair_with_the_first_only()
    {
        var copies = Enumerable.Range(1, 4).Select(i => new ComparedText(new Guid(i, 0, 0, new byte[8]), "Sauvons la ligne de bus 12 !", "fr")).ToList();
        var index = SimilarityIndex.Build([.. copies, new(_e, "Un marché couvert le dimanche.", "fr")]);
        Assert.Equal(copies.Skip(1).Select(c => (copies[0].Id, c.Id, 1.0)), index.Pairs(10, (_, _) => false).Select(p => (p.First, p.Second, p.Score)));
    }

    [Fact]
    public void A_rare_word_weighs_more_than_a_common_one()
    {
        var index = SimilarityIndex.Build(
        [
            new(_a, "Un marché le dimanche à Lanester.", "fr"),
            new(_b, "Un marché le samedi à Lorient.", "fr"),
            new(_c, "Une piscine à Lanester.", "fr"),
            new(_d, "Un marché couvert.", "fr"),
            new(_e, "Le marché de nuit.", "fr"),
        ]);
        // "Lanester" is in two texts, "marché" in four: the text sharing the rarer word is the closer.
        Assert.Equal(_c, index.SimilarTo(_a, 1)[0].Id);
    }

    [Fact]
    public void Shared_words_are_marked_where_the_text_says_them_a_phrase_as_one()
    {
        var shared = Index().Pairs(10, (_, _) => false).Single(p => p.First == _a).Shared;
        var segments = Highlights.Of("Des bus plus tard le soir, après le dernier bateau de Groix.", "fr", [.. shared]);
        Assert.Equal("Des bus plus tard le soir, après le dernier bateau de Groix.", string.Concat(segments.Select(s => s.Text)));
        // Little words between shared ones are part of the phrase; a comma ends it, and so does a word not shared.
        Assert.Equal(["bus plus tard le soir", "après le dernier bateau"], segments.Where(s => s.Marked).Select(s => s.Text));
        Assert.DoesNotContain(segments, s => s.Marked && s.Text.Contains("Groix", StringComparison.Ordinal));
        var words = Highlights.Words("Apres le dernier bateau, des BUS le soir plus tard", "fr", [.. shared]);
        Assert.Contains("BUS", words);
        Assert.Contains("bateau", words);
    }
}
