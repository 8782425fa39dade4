using System.Globalization;
using Parvis.Web.Shared;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class SharedTextLocalizerTests
{
    private static readonly SharedTextLocalizer _text = new();

    private static T In<T>(string culture, Func<T> read)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    [Fact]
    public void French_is_the_default_and_english_is_there_when_asked()
    {
        Assert.Equal("Mon compte", In("fr", () => _text["Layout.MyAccount"].Value));
        Assert.Equal("My account", In("en", () => _text["Layout.MyAccount"].Value));
        Assert.False(In("en", () => _text["Layout.MyAccount"].ResourceNotFound));
    }

    [Fact]
    public void A_regional_language_falls_back_to_its_parent_and_an_unknown_one_to_french()
    {
        Assert.Equal("My account", In("en-GB", () => _text["Layout.MyAccount"].Value));
        Assert.Equal("Mon compte", In("de", () => _text["Layout.MyAccount"].Value));
    }

    [Theory]
    [InlineData("fr", 0, "aucun soutien")]
    [InlineData("fr", 1, "1 soutien")]
    [InlineData("fr", 2, "2 soutiens")]
    [InlineData("fr", 12345, "12\u202f345 soutiens")]
    [InlineData("en", 0, "no support")]
    [InlineData("en", 1, "1 support")]
    [InlineData("en", 12345, "12,345 supports")]
    public void Counts_read_as_sentences_in_each_language(string culture, int count, string expected) =>
        Assert.Equal(expected, In(culture, () => _text["Proposals.Supports", count].Value));

    [Fact]
    public void A_count_carried_as_text_is_read_as_a_number_and_anything_else_takes_the_last_form()
    {
        Assert.Equal("1 mise à jour importée.", In("fr", () => _text["Results.Imported", "1"].Value));
        Assert.Equal("Aucune mise à jour importée.", In("fr", () => _text["Results.Imported", "0"].Value));
        Assert.Equal("12\u202f345 mises à jour importées.", In("fr", () => _text["Results.Imported", "12345"].Value));
        Assert.Equal("<b>12</b> mises à jour importées.", In("fr", () => _text["Results.Imported", "<b>12</b>"].Value));
        Assert.Equal("NaN soutiens", In("fr", () => _text["Proposals.Supports", double.NaN].Value));
    }

    [Fact]
    public void Arguments_are_written_in_the_sentence_with_the_languages_number_format()
    {
        Assert.Equal("2,5 soutiens", In("fr", () => _text["Proposals.Supports", 2.5].Value));
        Assert.Equal("2.5 supports", In("en", () => _text["Proposals.Supports", 2.5].Value));
    }

    [Fact]
    public void A_missing_sentence_shows_its_key_and_says_it_was_not_found()
    {
        var missing = In("en", () => _text["No.Such.Sentence"]);
        Assert.Equal("No.Such.Sentence", missing.Value);
        Assert.True(missing.ResourceNotFound);
        Assert.True(In("fr", () => _text["No.Such.Sentence {0}", 1]).ResourceNotFound);
    }

    [Fact]
    public void All_sentences_of_a_language_are_listed_once()
    {
        var english = In("en", () => _text.GetAllStrings(includeParentCultures: true).ToList());
        Assert.Equal(english.Count, english.Select(s => s.Name).Distinct().Count());
        Assert.Contains(english, s => s is { Name: "Layout.MyAccount", Value: "My account" });
        Assert.Equal(english.Count, In("en", () => _text.GetAllStrings(includeParentCultures: false).Count()));
        Assert.Contains(In("fr", () => _text.GetAllStrings(includeParentCultures: false).ToList()), s => s is { Name: "Layout.MyAccount", Value: "Mon compte" });
    }

    [Fact]
    public void The_files_of_a_language_are_merged_and_each_language_keeps_its_own()
    {
        var text = new SharedTextLocalizer([
            new TextFile("Shared/SharedText.resx", "", [KeyValuePair.Create("Layout.Title", "Accueil")]),
            new TextFile("Shared/SharedText.en.resx", "en", [KeyValuePair.Create("Layout.Title", "Home")]),
            new TextFile("Modules/Polls/PollsText.resx", "", [KeyValuePair.Create("Polls.Vote", "Voter")]),
            new TextFile("Modules/Polls/PollsText.en.resx", "en", [KeyValuePair.Create("Polls.Vote", "Vote")]),
        ]);
        Assert.Equal("Voter", In("fr", () => text["Polls.Vote"].Value));
        Assert.Equal("Home", In("en", () => text["Layout.Title"].Value));
        Assert.Equal("Vote", In("en-GB", () => text["Polls.Vote"].Value));
        Assert.Equal(2, In("en", () => text.GetAllStrings(includeParentCultures: false).Count()));
    }

    [Fact]
    public void A_key_defined_in_two_files_stops_the_construction_naming_the_key_and_both_files()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SharedTextLocalizer([
            new TextFile("Shared/SharedText.en.resx", "en", [KeyValuePair.Create("Layout.Title", "Home")]),
            new TextFile("Shared/SharedText.resx", "", [KeyValuePair.Create("Layout.Title", "Accueil")]),
            new TextFile("Modules/Polls/PollsText.resx", "", [KeyValuePair.Create("Polls.Vote", "Voter"), KeyValuePair.Create("Layout.Title", "Titre")]),
        ]));
        Assert.Contains("'Layout.Title'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Shared/SharedText.resx", error.Message, StringComparison.Ordinal);
        Assert.Contains("Modules/Polls/PollsText.resx", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".en.resx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kernel_and_the_modules_text_are_all_read_from_the_assembly()
    {
        Assert.Equal("Mon compte", In("fr", () => _text["Layout.MyAccount"].Value));
        Assert.False(In("en", () => _text["Proposals.Supports", 1].ResourceNotFound));
        Assert.False(In("en", () => _text["OpinionMaps.AdminTitle"].ResourceNotFound));
        Assert.False(In("fr", () => _text["Workshops.NotStarted"].ResourceNotFound));
        Assert.False(In("fr", () => _text["Meetings.Where"].ResourceNotFound));
    }
}
