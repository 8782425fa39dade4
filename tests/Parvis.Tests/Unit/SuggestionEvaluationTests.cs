using Parvis.Web.Kernel.Analysis;

namespace Parvis.Tests.Unit;

/// <summary>
/// Suggestions measured on real text with the codes a council gave it (bench/evaluation/README.md): learned from four
/// fifths, measured on the last, in turn. The floors sit just under what the method reaches, so that a change that
/// makes it worse fails here; bench/analysis.sh prints the figures.
/// </summary>
[Trait("Suite", "unit")]
public sealed class SuggestionEvaluationTests
{
    private static FileStream Open(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "bench", "evaluation")))
        {
            directory = directory.Parent;
        }
        return File.OpenRead(Path.Combine(directory!.FullName, "bench", "evaluation", name));
    }

    [Fact]
    public void The_Lorient_council_themes_are_suggested_far_better_than_the_most_frequent_theme()
    {
        using var csv = Open("lorient-themes.csv");
        var set = LabelledSet.Read(csv);
        Assert.Equal(80, set.Count);
        Assert.Equal(["EMPLOI", "MOBILITE", "SANTE", "SECURITE", "VIVRE"], set.Select(t => t.Code).Distinct().Order());
        var quality = LabelledSet.CrossValidate(set, "fr");
        Assert.Equal((80, 80), (quality.Texts, quality.Expected));
        // Always offering "Vivre ensemble", the most frequent, would be right 32 times in 80.
        Assert.True(quality.Precision >= 0.70, $"{quality}");
        Assert.True(quality.Recall >= 0.60, $"{quality}");
    }

    [Fact]
    public void Likely_duplicates_among_Polis_comments_are_mostly_the_pairs_a_reader_judged_the_same()
    {
        using var csv = Open("polis-duplicate-pairs.csv");
        var pairs = LabelledSet.ReadPairs(csv);
        Assert.Equal((88, 25), (pairs.Count, pairs.Count(p => p.Duplicate)));
        var quality = LabelledSet.Duplicates(pairs, "en");
        Assert.True(quality.Precision >= 0.55, $"{quality}");
        Assert.True(quality.Recall >= 0.60, $"{quality}");
        // A lower threshold finds more of them and is wrong more often.
        var lower = LabelledSet.Duplicates(pairs, "en", least: 0.3);
        Assert.True(lower.Recall > quality.Recall && lower.Precision < quality.Precision, $"{lower}");
    }

    [Fact]
    public void A_labelled_set_names_its_code_and_text_columns()
    {
        using var good = new MemoryStream("code,text\nA,Des bus le soir\n"u8.ToArray());
        Assert.Equal([new LabelledText("Des bus le soir", "A")], LabelledSet.Read(good));
        using var bad = new MemoryStream("label,words\nA,Des bus le soir\n"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => LabelledSet.Read(bad));
        using var pairs = new MemoryStream("conversation,first_text,second_text\nc,a,b\n"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => LabelledSet.ReadPairs(pairs));
    }
}
