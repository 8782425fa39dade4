using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Mediation;

public enum MandateState
{
    AwaitingConsent,
    AwaitingWitness,
    Acting,
    Ended,
    Revoked,
}

/// <summary>A mandate as its pages show it: whose, which structure's, for which process, and its journal's length.</summary>
public sealed record MandateView(Mandate Mandate, string Pseudonym, string Structure, string? ProcessTitle, bool ProcessClosed, bool Held, int Acts)
{
    public MandateState StateAt(DateTimeOffset now) =>
        Mandate.RevokedAt is not null ? MandateState.Revoked
        : Mandate.ConsentRecordedAt is null ? MandateState.AwaitingConsent
        : !Mandate.Consented ? MandateState.AwaitingWitness
        : Mandate.ActsAt(now) && !(Mandate.Duration == MandateDuration.Process && ProcessClosed) ? MandateState.Acting
        : MandateState.Ended;

    /// <summary>Its state in words: a text key and its argument (the end date, when it has one).</summary>
    public (string Key, object[] Arguments) Describe(DateTimeOffset now) => StateAt(now) switch
    {
        MandateState.Acting when Mandate.ExpiresAt is { } end => ("Mediation.State.ActingUntil", [end.ToLocalTime().DateTime]),
        var state => ($"Mediation.State.{state}", []),
    };

    /// <summary>Each thing it allows, in the order the forms list them.</summary>
    public IEnumerable<MandateAllows> Allowed => MandateTermsInput.Choices.Where(a => Mandate.Allows.HasFlag(a));

    public static async Task<List<MandateView>> ReadAsync(ParvisDbContext db, IQueryable<Mandate> mandates, int skip = 0, int take = int.MaxValue) =>
        await mandates.AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).Skip(skip).Take(take)
            .Select(m => new MandateView(m,
                db.Users.Where(u => u.Id == m.PersonId).Select(u => u.Pseudonym).First(),
                db.MediationStructures.Where(s => s.Id == m.StructureId).Select(s => s.Name).First(),
                db.Processes.Where(p => p.Id == m.ProcessId).Select(p => p.Title).FirstOrDefault(),
                db.Processes.Any(p => p.Id == m.ProcessId && p.ClosedAt != null),
                db.HeldAccounts.Any(h => h.PersonId == m.PersonId),
                db.MandateActs.Count(a => a.MandateId == m.Id)))
            .ToListAsync();
}

/// <summary>The terms of a mandate as a form posts them (the _MandateTerms partial), checked by the command.</summary>
public sealed class MandateTermsInput
{
    public static readonly MandateAllows[] Choices = [MandateAllows.Explain, MandateAllows.ContributeWith, MandateAllows.ContributeFor, MandateAllows.VoteFor];

    public Guid StructureId { get; set; }

    /// <summary>Empty for all the organisation's processes.</summary>
    public Guid? ProcessId { get; set; }

    public List<MandateAllows> Allows { get; set; } = [];

    public MandateDuration Duration { get; set; } = MandateDuration.SixMonths;

    public MandateTerms ToTerms() => new(StructureId, ProcessId, Allows.Aggregate(MandateAllows.None, (all, one) => all | one), Duration);
}

/// <summary>A line of a mandate's journal, with the mediator who did it (null once their account is gone).</summary>
public sealed record ActLine(MandateAct Act, string? Mediator)
{
    public static async Task<ILookup<Guid, ActLine>> ReadAsync(ParvisDbContext db, IReadOnlyCollection<Guid> mandateIds) =>
        (await db.MandateActs.AsNoTracking().Where(a => mandateIds.Contains(a.MandateId)).OrderBy(a => a.At)
            .Select(a => new ActLine(a, db.Users.Where(u => u.Id == a.MediatorId).Select(u => u.Pseudonym).FirstOrDefault()))
            .ToListAsync()).ToLookup(l => l.Act.MandateId);
}
