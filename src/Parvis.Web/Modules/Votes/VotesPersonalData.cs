using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Privacy;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// The module's share of a person's data: the register's lines (which vote, by which channel, which day), their
/// ballots in named votes, their objections to decisions by consent, and the bodies they vote in (left with the account). A secret ballot is not theirs to export or
/// withdraw: nothing leads from them to it. Submitted projects are contributions, exported and erased by the kernel.
/// </summary>
public sealed class VotesPersonalData(Kernel.Data.ParvisDbContext db) : IPersonalDataSource
{
    public string Name => VotesModule.Key;

    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken)
    {
        var desks = db.VoteDesks;
        var register = await db.VoteRegister.AsNoTracking().Where(r => r.PersonId == personId)
            .Join(db.Votes, r => r.VoteId, v => v.Id, (r, v) => new
            {
                r.Id, vote = v.Question, v.Secret, channel = r.Channel.ToString(), r.Day, r.Round, r.NamedBallot,
                desk = desks.Where(d => d.Id == r.DeskId).Select(d => d.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        // Sheets they typed as a desk's officer: which desk, which sheet and reading (what a sheet said is the voter's).
        var typed = await db.PaperEntries.AsNoTracking().Where(e => e.TypedBy == personId)
            .Join(desks, e => e.DeskId, d => d.Id, (e, d) => new { e.Id, desk = d.Name, e.Sheet, e.Pass }).ToListAsync(cancellationToken);
        var objections = await db.VoteObjections.AsNoTracking().Where(o => o.PersonId == personId)
            .Join(db.Votes, o => o.VoteId, v => v.Id, (o, v) => new { o.Id, vote = v.Question, o.Reason, o.Answer, o.AnsweredAt })
            .ToListAsync(cancellationToken);
        var bodies = await db.BodyMembers.AsNoTracking().Where(m => m.PersonId == personId)
            .Join(db.VotingBodies, m => m.BodyId, b => b.Id, (m, b) => new { m.BodyId, b.Name }).ToListAsync(cancellationToken);
        return new { register, objections, bodies, typed };
    }

    /// <summary>
    /// Either way the register's line stays without a name: the turnout stays true, and a named ballot still counts, now
    /// anonymous. An objection stays too (the decision waits for its answer), its reason erased if the person asks.
    /// </summary>
    public async Task EraseAsync(Guid personId, ErasureChoice choice, CancellationToken cancellationToken)
    {
        await db.VoteRegister.Where(r => r.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, (Guid?)null), cancellationToken);
        var remove = choice == ErasureChoice.Remove;
        await db.VoteObjections.Where(o => o.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Reason, o => remove ? "" : o.Reason).SetProperty(o => o.PersonId, (Guid?)null), cancellationToken);
        if (remove)
        {
            // A funded project became an action in its words: they leave it with the project's, which the kernel erases.
            var funded = await db.BudgetProjects.Where(p => p.AuthorId == personId)
                .Join(db.FateDecisions.Where(f => f.SynthesisItemId != null), p => p.Id, f => f.ContributionId, (p, f) => new { Item = f.SynthesisItemId!.Value, p.Title, p.Description })
                .ToListAsync(cancellationToken);
            await CitedSummaries.ForgetCopiesAsync(db, [.. funded.Select(f => new CopiedWords(f.Item, f.Title, f.Description))], cancellationToken);
        }
    }
}
