using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Analysis;

namespace Parvis.Tests.Unit;

/// <summary>Summaries made only of the contributions' own sentences, the most echoed first, one per idea.</summary>
[Trait("Suite", "unit")]
public sealed class ExtractiveSummaryTests
{
    private static Guid Id(int n) => new(n, 0, 0, new byte[8]);

    private static readonly string[] _texts =
    [
        "Le bus ne passe plus après 19 heures. Merci.",
        "Il faudrait des bus après 19 heures pour rentrer du travail.",
        "Les bus du soir après 19 heures manquent aux salariés. Et le parking de la gare est plein dès 8 heures.",
        "Le parking de la gare est toujours plein le matin.",
        "Un jardin partagé derrière la médiathèque.",
    ];

    private static IReadOnlyList<CitedSentence> Summary(int most = ExtractiveSummary.SentencesOffered) =>
        ExtractiveSummary.Of([.. _texts.Select((t, i) => new SummarisedText(Id(i), t, "fr"))], most);

    [Fact]
    public void Sentences_are_cut_at_their_ends_and_at_line_breaks_not_after_a_title_s_abbreviation()
    {
        Assert.Equal(["Des bus le soir — le dernier part à 19 h !", "Et après ?", "Rien.", "« Vraiment. »", "M. le maire l'a dit."],
            ExtractiveSummary.Sentences("Des bus le soir — le dernier part à 19 h ! Et après ?\r\n\r\nRien. « Vraiment. »    M. le maire l'a dit."));
    }

    [Fact]
    public void A_copied_campaign_is_one_sentence_said_by_all_and_a_bracketed_number_is_never_quoted()
    {
        var texts = Enumerable.Range(0, 50).Select(i => new SummarisedText(Id(i), "Sauvons la piscine municipale du quartier. Merci.", "fr"))
            .Append(new SummarisedText(Id(50), "Voir la proposition [2] sur la piscine municipale du quartier.", "fr")).ToList();
        var summary = ExtractiveSummary.Of(texts);
        var cited = Assert.Single(summary);
        Assert.Equal(("Sauvons la piscine municipale du quartier.", Id(0)), (cited.Sentence, cited.Source));
        Assert.Equal(49, cited.EchoedBy.Count);
    }

    [Fact]
    public void Every_sentence_is_one_of_its_source_word_for_word_and_the_most_echoed_comes_first()
    {
        var summary = Summary();
        foreach (var cited in summary)
        {
            var source = _texts[Array.IndexOf([.. _texts.Select((_, i) => Id(i))], cited.Source)];
            Assert.Contains(cited.Sentence, ExtractiveSummary.Sentences(source));
            Assert.DoesNotContain(cited.Source, cited.EchoedBy);
        }
        // The evening buses are said three times, the parking twice, the garden once.
        Assert.Contains("19 heures", summary[0].Sentence, StringComparison.Ordinal);
        Assert.Equal(2, summary[0].EchoedBy.Count);
        Assert.Contains("parking", summary[1].Sentence, StringComparison.Ordinal);
        Assert.Single(summary[1].EchoedBy);
        Assert.Contains("jardin", summary[2].Sentence, StringComparison.Ordinal);
        Assert.Empty(summary[2].EchoedBy);
    }

    [Fact]
    public void Each_idea_comes_once_and_sentences_that_say_nothing_are_never_cited()
    {
        var summary = Summary();
        Assert.Equal(3, summary.Count);
        Assert.DoesNotContain(summary, s => s.Sentence == "Merci.");
        Assert.Single(Summary(most: 1));
    }

    [Fact]
    public void English_contributions_are_summarised_alike()
    {
        var summary = ExtractiveSummary.Of(
        [
            new(Id(1), "We need more buses in the evening. The park is nice.", "en"),
            new(Id(2), "Evening buses are needed for night workers.", "en"),
        ]);
        Assert.Contains("buses", summary[0].Sentence, StringComparison.Ordinal);
        Assert.Single(summary[0].EchoedBy);
    }

    [Fact]
    public void A_text_links_only_the_numbers_of_citations_the_summary_holds()
    {
        Assert.Equal([1, 3, 12], CitedSummaries.Cited("Des bus [1], un parking [3] et [12]."));
        // Digits of another script are no citation (and never read as a number).
        Assert.Empty(CitedSummaries.Cited("Un bus [١] et un train [１]."));
        Assert.Equal([("Un bus [١].", (int?)null)], CitedSummaries.Stretches("Un bus [١].", new HashSet<int> { 1 }));
        Assert.Equal(
            [("Des bus ", null), ("[1]", 1), (", un parking [3].", (int?)null)],
            CitedSummaries.Stretches("Des bus [1], un parking [3].", new HashSet<int> { 1 }));
    }
}
