using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Texts;

/// <summary>The three counts of an article or an amendment, always shown together (never a share without its count).</summary>
public sealed record OpinionCount(int Agree, int Mixed, int Disagree)
{
    public static readonly OpinionCount None = new(0, 0, 0);

    public int Total => Agree + Mixed + Disagree;
}

/// <summary>Who contributed: people for themselves, or accounts speaking for an organisation.</summary>
public enum Voice
{
    People,
    Organisations,
}

public sealed record VoiceFigures(Voice Voice, int Amendments, int Arguments, int Votes);

/// <summary>A contribution that caused a change, as the changelog links it.</summary>
public sealed record ChangeCause(Guid ChangeId, Guid ContributionId, string Kind, string Excerpt, string Address, string Language);

/// <summary>Who wrote a contribution as pages and exports show it: a pseudonym (or the origin of a typed-in one) and, for an organisation, its badge.</summary>
public sealed record Author(string? Name, OrganisationVoice? Voice);

/// <summary>
/// What pages, exports and the report read of a text, each rule once: what is shown (moderation hides an amendment's
/// arguments and votes with it), the counts (from the votes themselves, so exact whatever ran at once), and who wrote what.
/// </summary>
public static class TextFigures
{
    public static IQueryable<Amendment> ShownAmendments(ParvisDbContext db, Guid textId) =>
        db.Amendments.Where(a => a.TextId == textId && a.HiddenAt == null && a.ErasedAt == null);

    public static IQueryable<TextArgument> ShownArguments(ParvisDbContext db, Guid textId)
    {
        var hidden = db.Amendments.Where(a => a.TextId == textId && (a.HiddenAt != null || a.ErasedAt != null)).Select(a => a.Id);
        return db.TextArguments.Where(a => a.TextId == textId && a.HiddenAt == null && a.ErasedAt == null && (a.AmendmentId == null || !hidden.Contains(a.AmendmentId.Value)));
    }

    /// <summary>Votes on the text's articles and on its amendments still shown.</summary>
    public static IQueryable<TextVote> ShownVotes(ParvisDbContext db, Guid textId)
    {
        var hidden = db.Amendments.Where(a => a.TextId == textId && (a.HiddenAt != null || a.ErasedAt != null)).Select(a => a.Id);
        return db.TextVotes.Where(v => v.TextId == textId && !hidden.Contains(v.SubjectId));
    }

    /// <summary>The accounts verified as speaking for an organisation, in the organisation running Parvis.</summary>
    public static IQueryable<Guid> OrganisationAuthors(ParvisDbContext db, Guid organisationId) =>
        db.OrganisationVoices.Where(v => v.OrganisationId == organisationId).Select(v => v.PersonId);

    /// <summary>
    /// Amendments with the most "d'accord" first, then the oldest: the order staff answer them in, and readers read them,
    /// the same from page to page.
    /// </summary>
    public static IQueryable<Amendment> MostAgreedFirst(ParvisDbContext db, IQueryable<Amendment> amendments)
    {
        var votes = db.TextVotes;
        return amendments.OrderByDescending(a => votes.Count(v => v.SubjectId == a.Id && v.Opinion == Opinion.Agree)).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id);
    }

    /// <summary>How many of these amendments come before this one in <see cref="MostAgreedFirst"/>'s order; null when it is not among them.</summary>
    public static async Task<int?> PlaceAsync(ParvisDbContext db, IQueryable<Amendment> amendments, Guid amendmentId)
    {
        var votes = db.TextVotes;
        var ranked = amendments.Select(a => new { a.Id, a.CreatedAt, Agreed = votes.Count(v => v.SubjectId == a.Id && v.Opinion == Opinion.Agree) });
        var one = await ranked.FirstOrDefaultAsync(r => r.Id == amendmentId);
        return one is null ? null : await ranked.CountAsync(r => r.Agreed > one.Agreed
            || (r.Agreed == one.Agreed && (r.CreatedAt < one.CreatedAt || (r.CreatedAt == one.CreatedAt && r.Id.CompareTo(one.Id) < 0))));
    }

    public static async Task<IReadOnlyDictionary<Guid, OpinionCount>> OpinionsAsync(ParvisDbContext db, Guid textId, IReadOnlyCollection<Guid> subjects)
    {
        var rows = await db.TextVotes.AsNoTracking().Where(v => v.TextId == textId && subjects.Contains(v.SubjectId))
            .GroupBy(v => new { v.SubjectId, v.Opinion }).Select(g => new { g.Key.SubjectId, g.Key.Opinion, Count = g.Count() }).ToListAsync();
        return rows.GroupBy(r => r.SubjectId).ToDictionary(g => g.Key, g => new OpinionCount(
            g.Where(r => r.Opinion == Opinion.Agree).Sum(r => r.Count), g.Where(r => r.Opinion == Opinion.Mixed).Sum(r => r.Count),
            g.Where(r => r.Opinion == Opinion.Disagree).Sum(r => r.Count)));
    }

    /// <summary>Amendments, arguments and votes of people and of organisations apart, as the report and the export separate them.</summary>
    public static async Task<IReadOnlyList<VoiceFigures>> ByVoiceAsync(ParvisDbContext db, CollaborativeText text)
    {
        var voices = OrganisationAuthors(db, text.OrganisationId);
        var amendments = ShownAmendments(db, text.Id);
        var arguments = ShownArguments(db, text.Id);
        var votes = ShownVotes(db, text.Id);
        var organisations = new VoiceFigures(Voice.Organisations,
            await amendments.CountAsync(a => a.AuthorId != null && voices.Contains(a.AuthorId.Value)),
            await arguments.CountAsync(a => a.AuthorId != null && voices.Contains(a.AuthorId.Value)),
            await votes.CountAsync(v => voices.Contains(v.PersonId)));
        return
        [
            new VoiceFigures(Voice.People, await amendments.CountAsync() - organisations.Amendments, await arguments.CountAsync() - organisations.Arguments,
                await votes.CountAsync() - organisations.Votes),
            organisations,
        ];
    }

    /// <summary>The contributions that caused these changes, among those anyone may read (<paramref name="shown"/>).</summary>
    public static async Task<IReadOnlyList<ChangeCause>> CausesAsync(ParvisDbContext db, IQueryable<Contribution> shown, IEnumerable<Guid> changeIds)
    {
        var ids = changeIds.ToList();
        var links = await db.TextChangeLinks.AsNoTracking().Where(l => ids.Contains(l.ChangeId)).ToListAsync();
        var contributionIds = links.Select(l => l.ContributionId).Distinct().ToList();
        var contributions = await shown.AsNoTracking().Where(c => contributionIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        return [.. links.Where(l => contributions.ContainsKey(l.ContributionId))
            .Select(l => new ChangeCause(l.ChangeId, l.ContributionId, contributions[l.ContributionId].Kind, Excerpts.Cut(contributions[l.ContributionId].Excerpt), contributions[l.ContributionId].Address,
                contributions[l.ContributionId].Language))];
    }

    /// <summary>The authors' pseudonyms and organisations' badges, read once for a page or an export.</summary>
    public static async Task<Func<Contribution, Author>> AuthorsAsync(ParvisDbContext db, Guid organisationId, IEnumerable<Contribution> contributions)
    {
        var ids = contributions.Select(c => c.AuthorId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Pseudonym);
        var voices = await Voices.OfAsync(db, organisationId, ids.Cast<Guid?>());
        return c => c.AuthorId is { } author ? new Author(names.GetValueOrDefault(author), voices.GetValueOrDefault(author)) : new Author(c.Origin, null);
    }
}
