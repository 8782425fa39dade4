using System.Globalization;
using Parvis.Web.Kernel.OpenData;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class DatasetTests
{
    private static readonly SharedTextLocalizer _text = new();

    public static TheoryData<string> Cultures => ["fr", "en"];

    /// <summary>Every dataset of this build is explained, and each of its columns described, in both languages.</summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_dataset_and_every_field_is_described(string culture)
    {
        var ui = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var missing = Parvis.Web.Modules.Installed.Modules.Datasets
                .SelectMany(d => new[] { (d.Key, d.TitleKey), (d.Key, d.AboutKey) }
                    .Where(k => _text[k.Item2].ResourceNotFound).Select(k => k.Item2)
                    .Concat(d.Fields.Where(f => f.Description(d, _text).StartsWith("Data.", StringComparison.Ordinal)).Select(f => $"{d.Key}.{f.Name}")))
                .ToList();
            Assert.Empty(missing);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    [Fact]
    public void Fields_come_from_the_row_in_its_order_with_their_types()
    {
        var meetings = Parvis.Web.Modules.Installed.Modules.Dataset("meetings-sites")!;
        Assert.Equal(["id", "meeting_id", "process_id", "starts_at", "name", "address", "access_notes", "capacity", "registered", "waiting", "attendance", "latitude", "longitude"],
            meetings.Fields.Select(f => f.Name));
        Assert.True(meetings.HasPlaces);
        Assert.Equal("starts_at", meetings.Dated!.Name);
        Assert.Equal(FieldType.WholeNumber, meetings.Fields.Single(f => f.Name == "capacity").Type);
        Assert.False(meetings.Fields.Single(f => f.Name == "capacity").Required);
        Assert.True(meetings.Fields.Single(f => f.Name == "name").Required);
        var proposals = Parvis.Web.Modules.Installed.Modules.Dataset("proposals")!;
        Assert.Equal(["published", "under_review", "accepted", "rejected", "merged", "answered"], proposals.Fields.Single(f => f.Name == "status").Values);
        Assert.True(proposals.Fields.Single(f => f.Name == "author").Pseudonym);
        var votes = Parvis.Web.Modules.Installed.Modules.Dataset("opinion-maps-votes")!;
        Assert.Equal(["id", "opinion-map-id", "timestamp", "datetime", "comment-id", "voter-id", "vote"], votes.Fields.Select(f => f.Name));
        Assert.Null(Parvis.Web.Modules.Installed.Modules.Dataset("phases")!.Dated);
    }

    [Fact]
    public void A_person_has_one_pseudonym_per_organisation_that_does_not_show_their_id()
    {
        var person = Guid.NewGuid();
        var ours = new Pseudonyms([.. Enumerable.Repeat((byte)7, Pseudonyms.KeyBytes)]);
        var theirs = new Pseudonyms([.. Enumerable.Repeat((byte)8, Pseudonyms.KeyBytes)]);
        Assert.Equal(ours.Of(person), ours.Of(person));
        Assert.NotEqual(ours.Of(person), theirs.Of(person));
        Assert.NotEqual(ours.Of(person), ours.Of(Guid.NewGuid()));
        Assert.Matches("^p-[0-9a-f]{16}$", ours.Of(person));
    }

    [Theory]
    [InlineData("47.7475, -3.3669", 47.7475, -3.3669)]
    [InlineData("47,7475 ; -3,3669", 47.7475, -3.3669)]
    [InlineData(" 47.7475 -3.3669 ", 47.7475, -3.3669)]
    [InlineData("-33.8568,151.2153", -33.8568, 151.2153)]
    public void A_place_is_typed_as_a_map_gives_it(string typed, double latitude, double longitude)
    {
        Assert.True(GeoPoint.TryParse(typed, out var point));
        Assert.Equal(new GeoPoint(latitude, longitude), point);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Lorient")]
    [InlineData("91, 3")]
    [InlineData("47.7, 181")]
    [InlineData("47.7475")]
    [InlineData("\u0664\u0667 \u0663")]
    public void What_is_no_place_is_refused(string typed) => Assert.False(GeoPoint.TryParse(typed, out _));

    [Theory]
    [InlineData("Café Dumont K&K, Lorient", "lorient", true)]
    [InlineData("Bar de Tréville, GROIX", "Groix", true)]
    [InlineData("Salle de Quimperlé", "quimperle", true)]
    [InlineData("Les Lorientais", "Lorient", false)]
    [InlineData("Belle-Île-en-Mer", "belle-ile", true)]
    public void A_followed_place_is_named_as_a_whole_word_accents_and_case_aside(string text, string place, bool mentioned)
    {
        Assert.Equal(mentioned, Parvis.Web.Kernel.Notifications.Places.Mentions(text, place));
        Assert.Equal(Parvis.Web.Kernel.Notifications.Places.IdOf("Quimperlé"), Parvis.Web.Kernel.Notifications.Places.IdOf("  QUIMPERLE "));
    }
}
