using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>Themes analysts give contributions of any module or channel; analysts only.</summary>
public sealed class AnalystThemes(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, FateCommands fates,
    ProcessAccess processes)
{
    /// <summary>The themes analysts gave a contribution.</summary>
    public Task<List<Guid>> OfAsync(Guid contributionId) =>
        db.ContributionThemes.Where(t => t.ContributionId == contributionId).Select(t => t.ThemeId).ToListAsync();

    /// <summary>The contribution's analysts' themes become <paramref name="themeIds"/>, all of the process.</summary>
    public async Task<CommandResult> SetAsync(Guid contributionId, IReadOnlyCollection<Guid> themeIds)
    {
        try
        {
            return await ChangeAsync(contributionId, themeIds, async (given, wanted) =>
            {
                db.ContributionThemes.RemoveRange(given.Where(t => !wanted.Contains(t.ThemeId)));
                Add(contributionId, wanted.Where(w => given.All(t => t.ThemeId != w)));
                audit.Record("themes.set", $"contribution:{contributionId}", string.Join(",", wanted));
                await db.SaveChangesAsync();
            });
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            // Another analyst changed them at the same moment: theirs stand, and this one reads them again.
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Error.ThemesChangedMeanwhile");
        }
    }

    /// <summary>
    /// One theme more, as an analyst accepting a suggestion gives it, saved with what the caller holds (its answer to the
    /// suggestion); a unique violation is the caller's to answer.
    /// </summary>
    public async Task<CommandResult> AddAsync(Guid contributionId, Guid themeId) =>
        await ChangeAsync(contributionId, [themeId], async (given, wanted) =>
        {
            if (given.All(t => t.ThemeId != themeId))
            {
                Add(contributionId, wanted);
            }
            audit.Record("themes.add", $"contribution:{contributionId}", themeId.ToString());
            await db.SaveChangesAsync();
        });

    private void Add(Guid contributionId, IEnumerable<Guid> themes) =>
        db.ContributionThemes.AddRange(themes.Select(t => new ContributionTheme { ContributionId = contributionId, ThemeId = t, CodedAt = clock.GetUtcNow() }));

    private async Task<CommandResult> ChangeAsync(Guid contributionId, IReadOnlyCollection<Guid> themeIds, Func<List<ContributionTheme>, HashSet<Guid>, Task> change)
    {
        var contribution = await fates.Shown.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contributionId && c.OrganisationId == organisation.Id);
        var process = contribution is null ? null : await processes.FindAsync(contribution.ProcessId);
        if (contribution is null || process is null)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(Permission.Analyse, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var wanted = themeIds.ToHashSet();
        // A theme of another process is no theme of this one.
        if (await db.Themes.CountAsync(t => t.ProcessId == process.Id && wanted.Contains(t.Id)) != wanted.Count)
        {
            return CommandResult.Missing();
        }
        await change(await db.ContributionThemes.Where(t => t.ContributionId == contributionId).ToListAsync(), wanted);
        return CommandResult.Done(contributionId);
    }
}
