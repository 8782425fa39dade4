using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
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
public sealed record ChangeCause(Guid ChangeId, Guid ContributionId, string Kind, string Excerpt, string Address);

/// <summary>The counts pages and the report read, from the votes themselves so they are exact whatever ran at once.</summary>
public static class TextFigures
{
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
        var voices = db.OrganisationVoices.Where(v => v.OrganisationId == text.OrganisationId).Select(v => v.PersonId);
        var amendments = db.Amendments.Where(a => a.TextId == text.Id && a.HiddenAt == null && a.ErasedAt == null);
        var arguments = db.TextArguments.Where(a => a.TextId == text.Id && a.HiddenAt == null && a.ErasedAt == null);
        var votes = db.TextVotes.Where(v => v.TextId == text.Id);
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

    public static async Task<IReadOnlyList<ChangeCause>> CausesAsync(ParvisDbContext db, IEnumerable<Guid> changeIds)
    {
        var ids = changeIds.ToList();
        var links = await db.TextChangeLinks.AsNoTracking().Where(l => ids.Contains(l.ChangeId)).ToListAsync();
        var contributionIds = links.Select(l => l.ContributionId).Distinct().ToList();
        var contributions = await db.Contributions.AsNoTracking().Where(c => contributionIds.Contains(c.Id) && c.HiddenAt == null && c.ErasedAt == null).ToDictionaryAsync(c => c.Id);
        return [.. links.Where(l => contributions.ContainsKey(l.ContributionId))
            .Select(l => new ChangeCause(l.ChangeId, l.ContributionId, contributions[l.ContributionId].Kind, Excerpts.Cut(contributions[l.ContributionId].Excerpt), contributions[l.ContributionId].Address))];
    }
}
