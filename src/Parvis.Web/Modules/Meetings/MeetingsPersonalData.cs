using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// The meetings module's share of a person's data: their registrations, the sites they facilitate, and as an expert
/// the questions routed to them and the answers they gave. Questions they asked are exported and erased by the kernel
/// as contributions.
/// </summary>
public sealed class MeetingsPersonalData(ParvisDbContext db, SeatMail mail) : IPersonalDataSource
{
    public string Name => MeetingsModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var registrations = await db.MeetingRegistrations.AsNoTracking().Where(r => r.PersonId == personId)
            .Join(db.MeetingSites, r => r.SiteId, s => s.Id, (r, s) => new { r.Id, r.MeetingId, Site = s.Name, r.Status, r.CreatedAt })
            .ToListAsync(cancellationToken);
        var answers = await db.ExpertQuestions.AsNoTracking().Where(q => q.AnsweredById == personId)
            .Select(q => new { QuestionId = q.Id, q.Status, q.Answer, q.AnsweredAt })
            .ToListAsync(cancellationToken);
        var routed = await db.ExpertQuestions.AsNoTracking().Where(q => q.ExpertId == personId)
            .Select(q => new { QuestionId = q.Id, q.Status }).ToListAsync(cancellationToken);
        var facilitated = await db.MeetingSites.AsNoTracking().Where(s => s.FacilitatorId == personId)
            .Select(s => new { SiteId = s.Id, s.MeetingId, s.Name }).ToListAsync(cancellationToken);
        return new { registrations, answers, routed, facilitated };
    }

    private readonly List<(Guid Meeting, IReadOnlyCollection<Guid> Promoted)> _promoted = [];

    /// <summary>
    /// Registrations go whatever the choice (a seat is no contribution); freed seats go to the waiting lists, whose
    /// people are told as when anyone cancels, once the erasure is committed. An expert's answers stay, as the public
    /// answer the question was given (the key unlinks them), as do sites.
    /// </summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        _promoted.Clear();
        var seats = await db.MeetingRegistrations.Where(r => r.PersonId == personId).Select(r => new { r.SiteId, r.MeetingId }).ToListAsync(cancellationToken);
        foreach (var seat in seats)
        {
            await Seats.LockAsync(db, seat.SiteId);
        }
        await db.MeetingRegistrations.Where(r => r.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        foreach (var seat in seats)
        {
            _promoted.Add((seat.MeetingId, await Seats.PromoteAsync(db, seat.SiteId)));
        }
    }

    public async Task ErasedAsync(CancellationToken cancellationToken)
    {
        foreach (var (meeting, promoted) in _promoted)
        {
            await mail.TellAsync(meeting, promoted, cancellationToken);
        }
        _promoted.Clear();
    }
}
