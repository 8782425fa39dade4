
namespace Parvis.Tests.Unit.Texts;

[Trait("Suite", "unit")]
public sealed class WordDiffTests
{
    [Fact]
    public void An_insertion_reads_as_the_words_added_between_the_words_kept()
    {
        Assert.Equal(
            [new(PieceKind.Same, "Les "), new(PieceKind.Added, "habitantes et "), new(PieceKind.Same, "habitants votent")],
            WordDiff.Compare("Les habitants votent", "Les habitantes et habitants votent"));
    }

    [Fact]
    public void A_replaced_word_is_removed_then_added_and_the_punctuation_around_it_kept()
    {
        Assert.Equal(
            [new(PieceKind.Same, "Le conseil "), new(PieceKind.Removed, "décide"), new(PieceKind.Added, "propose"), new(PieceKind.Same, " : l'"),
                new(PieceKind.Removed, "article"), new(PieceKind.Added, "annexe"), new(PieceKind.Same, " 2.")],
            WordDiff.Compare("Le conseil décide : l'article 2.", "Le conseil propose : l'annexe 2."));
    }

    [Fact]
    public void The_same_text_is_one_piece_kept_and_no_text_is_no_piece()
    {
        Assert.Equal([new(PieceKind.Same, "Article inchangé.")], WordDiff.Compare("Article inchangé.", "Article inchangé."));
        Assert.Empty(WordDiff.Compare("", ""));
        Assert.Equal([new(PieceKind.Added, "Nouveau.")], WordDiff.Compare("", "Nouveau."));
        Assert.Equal([new(PieceKind.Removed, "Abrogé.")], WordDiff.Compare("Abrogé.", ""));
    }

    [Theory]
    [InlineData("", "Un texte entier, ajouté.")]
    [InlineData("Un texte entier, retiré.", "")]
    [InlineData("L'élève étudie à l'école.", "Les élèves étudient au collège, à Noël.")]
    [InlineData("Article 1\n\n- un ;\n- deux.", "Article 1\r\n\n- un ;\n- trois ;\n- quatre.")]
    [InlineData("Les  espaces\tcomptent\u00A0!", "Les espaces comptent !")]
    [InlineData("a b c d e f", "f e d c b a")]
    [InlineData("Émoji 🗳️ et accents : ça, là, où.", "Emoji 🗳 et accents : ca, la, ou.")]
    public void Kept_and_removed_pieces_give_the_text_before_kept_and_added_the_text_after(string before, string after)
    {
        var pieces = WordDiff.Compare(before, after);

        Assert.Equal(before, string.Concat(pieces.Where(p => p.Kind != PieceKind.Added).Select(p => p.Text)));
        Assert.Equal(after, string.Concat(pieces.Where(p => p.Kind != PieceKind.Removed).Select(p => p.Text)));
        Assert.All(pieces, p => Assert.NotEmpty(p.Text));
        Assert.All(pieces.Zip(pieces.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
    }

    [Fact]
    public void A_page_compares_word_by_word_within_its_budget_then_shows_articles_whole()
    {
        var budget = new DiffBudget();
        var before = string.Join(' ', Enumerable.Repeat("avant", 1_333));
        var after = string.Join(' ', Enumerable.Repeat("après", 1_333));
        var pairs = DiffBudget.PageCharacters / (before.Length + after.Length);
        for (var i = 0; i < pairs; i++)
        {
            Assert.True(budget.Compare(before, after).Count > 2);
        }
        Assert.False(budget.Spent);
        Assert.Equal([new DiffPiece(PieceKind.Removed, before), new DiffPiece(PieceKind.Added, after)], budget.Compare(before, after));
        Assert.True(budget.Spent);
        Assert.Equal([new DiffPiece(PieceKind.Added, after)], budget.Compare("", after));
        Assert.Equal([new DiffPiece(PieceKind.Same, before)], budget.Compare(before, before));
    }

    [Fact]
    public void Added_and_removed_articles_cost_a_page_nothing()
    {
        var budget = new DiffBudget();
        var article = new string('a', 8_000);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal([new DiffPiece(PieceKind.Added, article)], budget.Compare("", article));
            Assert.Equal([new DiffPiece(PieceKind.Removed, article)], budget.Compare(article, ""));
        }
        Assert.False(budget.Spent);
    }
}
