using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Kernel.Mediation;

/// <summary>
/// Mediation's share of a person's data: the mandates they gave, the sessions and what was done under each, and, for a mediator,
/// the structures they act for and what they did for others (by mandate, without the others' names).
/// </summary>
public sealed class MediationPersonalData(ParvisDbContext db) : IPersonalDataSource
{
    public string Name => "mediation";

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var mandates = await db.Mandates.AsNoTracking().Where(m => m.PersonId == personId)
            .Select(m => new
            {
                m.Id, Structure = db.MediationStructures.Where(s => s.Id == m.StructureId).Select(s => s.Name).FirstOrDefault(), m.ProcessId,
                Allows = m.Allows.ToString(), Duration = m.Duration.ToString(), m.ConsentTextVersion, Consent = m.Consent.ToString(), m.CreatedAt,
                m.ConsentRecordedAt, m.WitnessConfirmedAt, m.ExpiresAt, m.RevokedAt,
                Acts = db.MandateActs.Where(a => a.MandateId == m.Id).OrderBy(a => a.At).Select(a => new { a.Id, a.Kind, Change = a.Change.ToString(), a.Address, Mode = a.Mode.ToString(), a.At }).ToList(),
                // When someone acted in their name, and how, even when nothing was written then.
                Sessions = db.MediationSessions.Where(s => s.MandateId == m.Id).OrderBy(s => s.StartedAt).Select(s => new { s.Id, Mode = s.Mode.ToString(), s.StartedAt, s.EndedAt }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var mediates = await db.Mediators.AsNoTracking().Where(m => m.PersonId == personId)
            .Select(m => new { m.Id, Structure = db.MediationStructures.Where(s => s.Id == m.StructureId).Select(s => s.Name).FirstOrDefault(), m.AddedAt })
            .ToListAsync(cancellationToken);
        var actedForOthers = await db.MandateActs.AsNoTracking().Where(a => a.MediatorId == personId)
            .Select(a => new { a.Id, a.MandateId, a.Kind, Change = a.Change.ToString(), Mode = a.Mode.ToString(), a.At }).ToListAsync(cancellationToken);
        // As a mediator: the mandates they wrote down, recorded, witnessed or revoked, and their sessions under them.
        var keptForOthers = await db.Mandates.AsNoTracking()
            .Where(m => m.PersonId != personId && (m.CreatedById == personId || m.ConsentRecordedById == personId || m.WitnessId == personId || m.RevokedById == personId))
            .Select(m => new
            {
                m.Id, Created = m.CreatedById == personId, ConsentRecorded = m.ConsentRecordedById == personId, Witnessed = m.WitnessId == personId,
                Revoked = m.RevokedById == personId,
            })
            .ToListAsync(cancellationToken);
        var sessions = await db.MediationSessions.AsNoTracking().Where(s => s.MediatorId == personId)
            .Select(s => new { s.Id, s.MandateId, Mode = s.Mode.ToString(), s.StartedAt, s.EndedAt }).ToListAsync(cancellationToken);
        var held = await db.HeldAccounts.AsNoTracking().Where(h => h.PersonId == personId)
            .Select(h => new { Structure = db.MediationStructures.Where(s => s.Id == h.StructureId).Select(s => s.Name).FirstOrDefault(), h.CreatedAt })
            .ToListAsync(cancellationToken);
        return new { mandates, mediates, actedForOthers, keptForOthers, sessions, held };
    }

    /// <summary>
    /// Their mandates go with their journals, whatever the choice; what was entered under them stays as their other
    /// contributions do. A mediator's role goes; the journals of the people they helped keep the lines, as theirs.
    /// </summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        await db.Mandates.Where(m => m.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.HeldAccounts.Where(h => h.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.Mediators.Where(m => m.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
    }
}
