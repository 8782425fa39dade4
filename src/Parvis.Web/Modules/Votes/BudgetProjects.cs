using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Voting;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Votes;

/// <param name="Feasible">Feasible (with a cost) or not (with a reason).</param>
/// <param name="Cost">Feasible: the estimated cost.</param>
/// <param name="Text">How the cost was estimated, or why it is not feasible (required then).</param>
public sealed record ReviewInput(bool Feasible, long? Cost, string Text);

/// <summary>
/// A participatory budget before and after its vote: areas with their money, projects submitted by participants,
/// staff's public feasibility review, and the funded projects made actions followed in the results.
/// </summary>
public sealed class BudgetProjects(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, ProcessAccess processes,
    FateCommands fates, SynthesisCommands synthesis, VoteCommands votes, IStringLocalizer<SharedText> text)
{
    public async Task<CommandResult> AddAreaAsync(Guid processId, Guid componentId, string name, long amount)
    {
        if (await AllowedAsync(processId, componentId, VotesPermissions.Manage) is { } refusal)
        {
            return refusal;
        }
        name = name.Trim();
        if (name.Length is 0 or > BudgetArea.NameMax)
        {
            return CommandResult.Refused("Votes.Area.NameLength");
        }
        if (amount <= 0 || amount > MostMoney)
        {
            return CommandResult.Refused("Votes.BudgetAmount");
        }
        if (await db.BudgetAreas.AnyAsync(a => a.ComponentId == componentId && a.Name == name))
        {
            return CommandResult.Refused("Votes.Area.NameTaken");
        }
        var area = new BudgetArea { ProcessId = processId, ComponentId = componentId, Name = name, Amount = amount };
        db.BudgetAreas.Add(area);
        audit.Record("vote.area.create", $"area:{area.Id}", name);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same form sent twice at once.
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Votes.Area.NameTaken");
        }
        return CommandResult.Done(area.Id);
    }

    /// <summary>A thousandth of what a long holds: baskets of fifty projects still add up without overflowing.</summary>
    public const long MostMoney = long.MaxValue / 1000;

    public async Task<CommandResult> SubmitAsync(Guid processId, Guid componentId, Guid areaId, string title, string description)
    {
        if (await AllowedAsync(processId, componentId, VotesPermissions.Submit) is { } refusal)
        {
            return refusal;
        }
        if (!await db.BudgetAreas.AnyAsync(a => a.Id == areaId && a.ComponentId == componentId))
        {
            return CommandResult.Refused("Votes.Project.Area");
        }
        (title, description) = (title.Trim(), description.Trim());
        if (title.Length is < 5 or > BudgetProject.TitleMax || description.Length is < 20 or > BudgetProject.DescriptionMax)
        {
            return CommandResult.Refused("Votes.Project.Length");
        }
        var project = new BudgetProject
        {
            OrganisationId = organisation.Id, ProcessId = processId, ComponentId = componentId, AreaId = areaId, AuthorId = authorizer.PersonId,
            Title = title, Description = description, CreatedAt = clock.GetUtcNow(),
        };
        db.BudgetProjects.Add(project);
        await db.SaveChangesAsync();
        return CommandResult.Done(project.Id);
    }

    /// <summary>
    /// Staff's public review: feasible at a cost within its area's money, or not feasible with the reason, which is then
    /// the project's fate. A project on a ballot keeps its review, and a "not feasible" review is final: it gave a fate.
    /// </summary>
    public async Task<CommandResult> ReviewAsync(Guid projectId, ReviewInput input)
    {
        var project = await db.BudgetProjects.FirstOrDefaultAsync(p => p.Id == projectId && p.OrganisationId == organisation.Id && p.ErasedAt == null);
        if (project is null)
        {
            return CommandResult.Missing();
        }
        if (await AllowedAsync(project.ProcessId, project.ComponentId, VotesPermissions.Manage) is { } refusal)
        {
            return refusal;
        }
        var text = input.Text.Trim();
        var area = await db.BudgetAreas.AsNoTracking().FirstAsync(a => a.Id == project.AreaId);
        var problem = (input.Feasible, input.Cost) switch
        {
            _ when project.Review == ProjectReview.NotFeasible => "Votes.Project.ReviewFinal",
            _ when await db.VoteOptions.AnyAsync(o => o.ProjectId == project.Id) => "Votes.Project.OnBallot",
            _ when text.Length > BudgetProject.ReviewTextMax => "Votes.Project.ReviewLength",
            (true, not > 0) => "Votes.Project.CostNeeded",
            (true, var cost) when cost > area.Amount => "Votes.Project.CostOverArea",
            (false, _) when text.Length == 0 => "Votes.Project.ReasonNeeded",
            _ => null,
        };
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        (project.Review, project.Cost, project.ReviewText, project.ReviewedAt) =
            (input.Feasible ? ProjectReview.Feasible : ProjectReview.NotFeasible, input.Feasible ? input.Cost : null, text, clock.GetUtcNow());
        audit.Record("vote.project.review", $"budget-project:{project.Id}", project.Review.ToString());
        // A project found not feasible is so with its public fate, or not at all: the review is final, and could not be
        // made again to give the fate it missed.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        var decided = input.Feasible ? CommandResult.Done(project.Id) : await fates.DecideAsync(project.Id, new FateInput(Fate.NotRetained, text));
        if (decided.Succeeded)
        {
            await transaction.CommitAsync();
        }
        else
        {
            // Rolled back: nothing of this request is to be saved later.
            db.ChangeTracker.Clear();
        }
        return decided;
    }

    /// <summary>The feasible projects of an area, as a budget vote's options with its money.</summary>
    public async Task<(long Amount, IReadOnlyList<DraftOption> Projects)?> BallotOfAsync(Guid componentId, Guid areaId)
    {
        var area = await db.BudgetAreas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == areaId && a.ComponentId == componentId);
        if (area is null)
        {
            return null;
        }
        var projects = await db.BudgetProjects.AsNoTracking()
            .Where(p => p.AreaId == areaId && p.Review == ProjectReview.Feasible && p.HiddenAt == null && p.ErasedAt == null)
            .Select(p => new { p.Id, p.Title, p.Cost }).ToListAsync();
        // Two projects may bear the same title (two gardens proposed apart): numbered, each is its own line on the ballot.
        var same = projects.GroupBy(p => p.Title, StringComparer.CurrentCultureIgnoreCase).Where(g => g.Count() > 1)
            .SelectMany(g => g.Select((p, i) => (p.Id, Title: $"{p.Title} ({i + 1})"))).ToDictionary(p => p.Id, p => p.Title);
        return (area.Amount, [.. projects.OrderBy(p => p.Title, StringComparer.CurrentCulture)
            .Select(p => new DraftOption(same.TryGetValue(p.Id, out var numbered) ? numbered : p.Title, p.Cost, p.Id))]);
    }

    /// <summary>
    /// Once a budget vote is closed, each funded project becomes an action of the synthesis, followed in the results,
    /// and the project's fate says so; once per vote.
    /// </summary>
    public async Task<CommandResult> FundAsync(Guid voteId)
    {
        var results = await votes.ResultsAsync(voteId);
        if (results is null || results.Outcome is not BudgetOutcome outcome || clock.GetUtcNow() < results.Vote.ClosesAt)
        {
            return CommandResult.Missing();
        }
        if (await processes.FindAsync(results.Vote.ProcessId) is not { } process)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(Permission.Analyse, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (results.DesksCounting > 0)
        {
            return CommandResult.Refused("Votes.Project.DesksCounting");
        }
        // Two presses at once: one claims the vote's funding, the other is told it is done. The claim, each project's
        // action and fate go in together or not at all, so that pressed again it neither doubles an action nor stops.
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Votes.Where(v => v.Id == voteId && v.FundedAt == null).ExecuteUpdateAsync(v => v.SetProperty(x => x.FundedAt, now)) == 0)
        {
            return CommandResult.Refused("Votes.Project.AlreadyFunded");
        }
        var funded = outcome.Funded.Select(p => results.Options[p]).Where(o => o.ProjectId is not null).ToList();
        var ids = funded.Select(o => o.ProjectId!.Value).ToList();
        var projects = await db.BudgetProjects.AsNoTracking().Where(p => ids.Contains(p.Id) && p.ErasedAt == null).ToDictionaryAsync(p => p.Id);
        foreach (var option in funded)
        {
            if (!projects.TryGetValue(option.ProjectId!.Value, out var project) || project.Fate == Fate.Retained)
            {
                continue;
            }
            // A project moderation hid after the ballot is funded all the same, but under the ballot's words only: its
            // description is not republished in the synthesis.
            var draft = project.HiddenAt is null
                ? new SynthesisDraft(SynthesisItemKind.Action, project.Title, project.Description)
                : new SynthesisDraft(SynthesisItemKind.Action, option.Title, "");
            var item = await synthesis.CreateAsync(project.ProcessId, draft);
            var fate = item.Succeeded ? await fates.DecideAsync(project.Id, new FateInput(Fate.Retained, text["Votes.Project.FundedBy", results.Vote.Question], item.Id)) : item;
            if (!fate.Succeeded)
            {
                // Rolled back: nothing of this request is to be saved later.
                db.ChangeTracker.Clear();
                return fate;
            }
        }
        await transaction.CommitAsync();
        return CommandResult.Done(voteId);
    }

    private async Task<CommandResult?> AllowedAsync(Guid processId, Guid componentId, Permission permission)
    {
        var process = await processes.FindAsync(processId, VotesModule.Key, componentId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(permission, process, componentId);
        return decision == Decision.Allowed ? null : CommandResult.Refused(decision);
    }
}
