using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.People;

/// <summary>What kind of body an account speaks for: lists and the report separate them from individuals.</summary>
public enum VoiceKind
{
    Association,
    Company,
    PublicBody,
    Union,
    Other,
}

/// <summary>
/// An account staff verified as speaking for an organisation (an association, a company, a public body, a union): the
/// modules that separate organisations' contributions from people's (collaborative texts) show its badge with the body's
/// name and its declaration of interest, and count it apart. One per account and organisation running Parvis; it goes
/// with the account.
/// </summary>
public sealed class OrganisationVoice
{
    public const int NameMax = 200;
    public const int InterestsMax = 600;

    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public VoiceKind Kind { get; set; }

    /// <summary>The body's declaration of interest, in its own words, shown next to the badge.</summary>
    public string Interests { get; set; } = "";

    public DateTimeOffset VerifiedAt { get; set; }
    public Guid? VerifiedById { get; set; }
}

/// <summary>The badges of the authors a page shows, read once for them all.</summary>
public static class Voices
{
    public static async Task<IReadOnlyDictionary<Guid, OrganisationVoice>> OfAsync(ParvisDbContext db, Guid organisationId, IEnumerable<Guid?> people)
    {
        var ids = people.OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<Guid, OrganisationVoice>()
            : await db.OrganisationVoices.AsNoTracking().Where(v => v.OrganisationId == organisationId && ids.Contains(v.PersonId)).ToDictionaryAsync(v => v.PersonId);
    }
}
