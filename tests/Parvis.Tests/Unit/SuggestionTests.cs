using Parvis.Web.Kernel.Analysis;

namespace Parvis.Tests.Unit;

/// <summary>Codes suggested from the nearest coded texts: the right code, its reason, nothing from too little, and how often it would have been right.</summary>
[Trait("Suite", "unit")]
public sealed class SuggestionTests
{
    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    // Six coded texts in two themes, and three to suggest for.
    private static readonly (int Id, string Text, string? Code)[] _texts =
    [
        (1, "Des bus plus tard le soir pour rentrer du travail.", "transport"),
        (2, "Un bus toutes les dix minutes le matin vers la gare.", "transport"),
        (3, "Le train du soir vers Lorient est trop tôt, il faudrait des bus.", "transport"),
        (4, "Un jardin partagé au pied des immeubles.", "nature"),
        (5, "Planter des arbres et un jardin dans la cour de l'école.", "nature"),
        (6, "Des arbres le long du quai et un jardin public.", "nature"),
        (7, "Plus de bus le soir vers la gare, s'il vous plaît.", null),
        (8, "Un jardin avec des arbres fruitiers près de la médiathèque.", null),
        (9, "Ouvrir la piscine le dimanche.", null),
    ];

    private static SimilarityIndex Index() => SimilarityIndex.Build([.. _texts.Select(t => new ComparedText(Id(t.Id), t.Text, "fr"))]);

    private static CodeSuggester Learned() =>
        CodeSuggester.Learn(Index(), _texts.Where(t => t.Code is not null).Select(t => (Id(t.Id), t.Code!)));

    [Fact]
    public void A_text_is_offered_the_code_of_the_coded_texts_it_is_like_with_the_words_that_led_there()
    {
        var suggester = Learned();
        Assert.Equal(6, suggester.Coded);

        var bus = Assert.Single(suggester.For(Id(7)));
        Assert.Equal("transport", bus.Code);
        Assert.Equal(1.0, bus.Confidence);
        Assert.Contains("bus", bus.Words);
        Assert.Contains("soir", bus.Words);
        // Every voter is a transport text, the closest first.
        Assert.All(bus.Like, like => Assert.Contains(like, new[] { Id(1), Id(2), Id(3) }));
        Assert.Equal(bus.Neighbours, bus.Like.Count);

        var garden = Assert.Single(suggester.For(Id(8)));
        Assert.Equal("nature", garden.Code);
        Assert.Contains("jardin", garden.Words);
    }

    [Fact]
    public void Nothing_is_offered_from_too_little_and_a_rejected_code_is_not_offered_again()
    {
        var suggester = Learned();
        // The swimming pool shares no word with any coded text.
        Assert.Empty(suggester.For(Id(9)));
        Assert.Empty(suggester.For(Id(7), rejected: code => code == "transport"));
        // One coded look-alike is not enough.
        var one = CodeSuggester.Learn(Index(), [(Id(1), "transport")]);
        Assert.Empty(one.For(Id(7)));
    }

    [Fact]
    public void Confidence_is_the_share_of_the_voters_likeness_that_carries_the_code()
    {
        var index = Index();
        // Two bus texts, one coded "transport", the other "evening": each gets the share its voter weighs.
        var suggester = CodeSuggester.Learn(index, [(Id(1), "transport"), (Id(2), "morning")]);
        var offered = suggester.For(Id(7));
        var one = index.SimilarTo(Id(7), 10, least: 0).Single(s => s.Id == Id(1)).Score;
        var two = index.SimilarTo(Id(7), 10, least: 0).Single(s => s.Id == Id(2)).Score;
        Assert.Equal(Math.Round(one / (one + two), 3), offered.Single(s => s.Code == "transport").Confidence, 3);
        Assert.Equal(Math.Round(two / (one + two), 3), offered.Single(s => s.Code == "morning").Confidence, 3);
    }

    [Fact]
    public void A_coded_text_is_not_offered_what_it_has()
    {
        var suggester = Learned();
        Assert.Empty(suggester.For(Id(1)));
        // Nor any text the index does not hold.
        Assert.Empty(suggester.For(Id(99)));
    }

    [Fact]
    public void Quality_counts_each_coded_text_guessed_from_the_others()
    {
        var suggester = Learned();
        var quality = suggester.Quality(suggester.Learned());
        // The first two texts share too little with the other coded ones to be guessed: nothing suggested, two codes missed.
        Assert.Equal(new SuggestionQuality(6, 4, 4, 6), quality);
        Assert.Empty(CodeSuggester.Learn(Index(), [.. _texts.Where(t => t.Code is not null && t.Id != 1).Select(t => (Id(t.Id), t.Code!))]).For(Id(1)));
        Assert.Equal(1.0, quality.Precision);

        // A text coded against its words misleads the others and is itself guessed wrong.
        var wrong = CodeSuggester.Learn(Index(), [.. _texts.Where(t => t.Code is not null).Select(t => (Id(t.Id), t.Id == 6 ? "transport" : t.Code!))]);
        var measured = wrong.Quality(wrong.Learned());
        Assert.Equal(6, measured.Texts);
        Assert.True(measured.Precision < quality.Precision, $"{measured}");
        Assert.True(measured.Recall < quality.Recall, $"{measured}");

        // Against codes expected for texts it did not learn from.
        var test = new Dictionary<Guid, IReadOnlySet<string>> { [Id(7)] = new HashSet<string> { "transport" }, [Id(8)] = new HashSet<string> { "transport" } };
        Assert.Equal(new SuggestionQuality(2, 2, 1, 2), suggester.Quality(test));
    }

    [Fact]
    public void A_build_offers_each_text_the_codes_it_lacks_the_surest_first()
    {
        var build = CodeSuggestions.Build(Index(), _texts.Where(t => t.Code is not null).Select(t => (Id(t.Id), t.Code!)));
        Assert.Equal([Id(7), Id(8)], build.Ranked.Select(r => r.Text).Order());
        // A coded text is offered a second code its look-alikes have, never the one it has.
        var second = CodeSuggestions.Build(Index(), [(Id(1), "transport"), (Id(2), "transport"), (Id(7), "transport"), (Id(1), "evening"), (Id(2), "evening")]);
        Assert.Equal(["evening"], second.Ranked.Single(r => r.Text == Id(7)).Suggestions.Select(s => s.Code));
        Assert.True(build.Ranked[0].Suggestions[0].Confidence >= build.Ranked[1].Suggestions[0].Confidence);
        Assert.Equal("transport", build.Find(Id(7), "transport")?.Code);
        Assert.Null(build.Find(Id(7), "nature"));
        Assert.True(build.Bytes > 0);
    }

    [Fact]
    public void A_cell_a_text_is_in_is_never_offered_to_it_with_the_other_sign()
    {
        var (row, column) = (Guid.NewGuid(), Guid.NewGuid());
        var strength = CodeSuggestions.CellCode(row, column, Parvis.Web.Kernel.Accountability.GridSign.Strength);
        var weakness = CodeSuggestions.CellCode(row, column, Parvis.Web.Kernel.Accountability.GridSign.Weakness);
        // The first text is coded a weakness there; its look-alikes, a strength.
        var build = CodeSuggestions.Build(Index(), [(Id(1), weakness), (Id(2), strength), (Id(3), strength), (Id(7), strength)]);
        // The votes alone would offer it: the build leaves it out.
        Assert.Contains(build.Suggester.For(Id(1)), s => s.Code == strength);
        Assert.DoesNotContain(build.Ranked, r => r.Text == Id(1));
    }

    [Fact]
    public void A_cell_code_is_read_back_and_a_forged_one_is_not()
    {
        var (row, column) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal((row, column, Parvis.Web.Kernel.Accountability.GridSign.Weakness),
            CodeSuggestions.Cell(CodeSuggestions.CellCode(row, column, Parvis.Web.Kernel.Accountability.GridSign.Weakness)));
        Assert.Null(CodeSuggestions.Cell($"{row}|{column}|7"));
        Assert.Null(CodeSuggestions.Cell($"{row}|{column}"));
        Assert.Null(CodeSuggestions.Cell("x|y|Strength"));
    }
}
