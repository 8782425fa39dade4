using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>The form of an entry, new or changed: what is typed, kept as typed when something is refused.</summary>
public sealed class EntryInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(EntryContent.NameMax, MinimumLength = 2, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.EntryName")]
    public string Name { get; set; } = "";

    [Display(Name = "Field.DirectoryKind")]
    public EntryKind Kind { get; set; } = EntryKind.MediationPlace;

    [StringLength(EntryContent.DescriptionMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.EntryDescription")]
    public string? Description { get; set; }

    [StringLength(EntryContent.AddressMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.EntryAddress")]
    public string? Address { get; set; }

    [StringLength(EntryContent.CommuneMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.EntryCommune")]
    public string? Commune { get; set; }

    [StringLength(20, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Latitude")]
    public string? Latitude { get; set; }

    [StringLength(20, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Longitude")]
    public string? Longitude { get; set; }

    [StringLength(EntryContent.HoursMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.OpeningHours")]
    public string? OpeningHours { get; set; }

    public List<Access> Access { get; set; } = [];

    [StringLength(EntryContent.AccessNotesMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.AccessNotes")]
    public string? AccessNotes { get; set; }

    [StringLength(EntryContent.PhoneMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    [StringLength(EntryContent.LinkMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Website")]
    public string? Website { get; set; }

    [StringLength((EntryContent.LinkMax + 1) * EntryContent.MostLinks, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.EntryLinks")]
    public string? Links { get; set; }

    public List<Guid> Themes { get; set; } = [];

    [StringLength(DirectoryVersion.NoteMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.EntryNote")]
    public string? Note { get; set; }

    public static EntryInput Of(DirectoryEntry entry, IEnumerable<Guid> themes) => new()
    {
        Name = entry.Name, Kind = entry.Kind, Description = entry.Description, Address = entry.Address, Commune = entry.Commune,
        Latitude = entry.Latitude?.ToString(CultureInfo.InvariantCulture), Longitude = entry.Longitude?.ToString(CultureInfo.InvariantCulture),
        OpeningHours = entry.OpeningHours, Access = [.. EntryKinds.Accesses.Where(a => entry.Access.HasFlag(a))], AccessNotes = entry.AccessNotes,
        Phone = entry.Phone, Website = entry.Website, Links = entry.Links, Themes = [.. themes],
    };

    /// <summary>
    /// The content typed, or the field a coordinate that is not a number is in. A decimal comma is read as a point,
    /// since people copy coordinates from French pages.
    /// </summary>
    public (EntryContent? Content, string? BadField) ToContent()
    {
        static (double? Value, bool Ok) Coordinate(string? text) =>
            string.IsNullOrWhiteSpace(text) ? (null, true)
            : double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? (value, true)
            : (null, false);
        var (latitude, latitudeOk) = Coordinate(Latitude);
        var (longitude, longitudeOk) = Coordinate(Longitude);
        if (!latitudeOk || !longitudeOk)
        {
            return (null, latitudeOk ? nameof(Longitude) : nameof(Latitude));
        }
        var access = Access.Aggregate(LocalDirectory.Access.None, (all, one) => all | one);
        return (new EntryContent(Name.Trim(), Kind, Text(Description), Text(Address), Text(Commune), latitude, longitude, Text(OpeningHours), access,
            Text(AccessNotes), Text(Phone), Text(Website), (Links ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            [.. Themes.Distinct()]), null);
    }

    private static string Text(string? text) => text?.Trim() ?? "";
}
