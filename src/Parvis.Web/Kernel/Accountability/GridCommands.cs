using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>What is coded: a contribution or a synthesis item (exactly one), in a cell, as a strength or a weakness.</summary>
public sealed record GridCodingInput(Guid RowEntryId, Guid ColumnEntryId, GridSign Sign, Guid? ContributionId, Guid? SynthesisItemId);

/// <summary>Analysis grids, their coding, and an organisation's own frameworks; analysts only.</summary>
public sealed class GridCommands(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, FateCommands fates,
    ProcessAccess processes)
{
    /// <summary>The built-in frameworks and the organisation's own.</summary>
    public IQueryable<Framework> Frameworks() =>
        db.Frameworks.AsNoTracking().Where(f => f.OrganisationId == null || f.OrganisationId == organisation.Id);

    public async Task<CommandResult> CreateAsync(Guid processId, string title, Guid rowFrameworkId, Guid columnFrameworkId)
    {
        var process = await processes.FindAsync(processId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Analyse, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!await Frameworks().AnyAsync(f => f.Id == rowFrameworkId) || !await Frameworks().AnyAsync(f => f.Id == columnFrameworkId))
        {
            return CommandResult.Refused("Error.UnknownFramework");
        }
        var grid = new AnalysisGrid
        {
            OrganisationId = organisation.Id, ProcessId = processId, Title = title.Trim(),
            RowFrameworkId = rowFrameworkId, ColumnFrameworkId = columnFrameworkId,
        };
        db.AnalysisGrids.Add(grid);
        audit.Record("grid.create", $"grid:{grid.Id}", grid.Title);
        await db.SaveChangesAsync();
        return CommandResult.Done(grid.Id);
    }

    /// <summary>Places a contribution or a synthesis item of the grid's process in a cell; the same one twice in a cell is refused.</summary>
    public async Task<CommandResult> CodeAsync(Guid gridId, GridCodingInput input)
    {
        var (grid, process, refusal) = await GridAsync(gridId);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!await EntryOfAsync(input.RowEntryId, grid!.RowFrameworkId) || !await EntryOfAsync(input.ColumnEntryId, grid.ColumnFrameworkId))
        {
            return CommandResult.Refused("Error.GridCell");
        }
        var subject = (input.ContributionId, input.SynthesisItemId) switch
        {
            ({ } contribution, null) => await fates.Awaiting(process!).AnyAsync(c => c.Id == contribution),
            (null, { } item) => await db.SynthesisItems.AnyAsync(i => i.Id == item && i.ProcessId == process!.Id),
            _ => false,
        };
        if (!subject)
        {
            return CommandResult.Refused("Error.GridSubject");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.GridCodings.AnyAsync(c => c.GridId == gridId && c.RowEntryId == input.RowEntryId && c.ColumnEntryId == input.ColumnEntryId
                && c.ContributionId == input.ContributionId && c.SynthesisItemId == input.SynthesisItemId))
        {
            return CommandResult.Refused("Error.GridAlreadyCoded");
        }
        var coding = new GridCoding
        {
            GridId = gridId, RowEntryId = input.RowEntryId, ColumnEntryId = input.ColumnEntryId, Sign = input.Sign,
            ContributionId = input.ContributionId, SynthesisItemId = input.SynthesisItemId,
        };
        db.GridCodings.Add(coding);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Error.GridAlreadyCoded");
        }
        await transaction.CommitAsync();
        return CommandResult.Done(coding.Id);
    }

    public async Task<CommandResult> UncodeAsync(Guid gridId, Guid codingId)
    {
        var (_, _, refusal) = await GridAsync(gridId);
        if (refusal is not null)
        {
            return refusal;
        }
        var removed = await db.GridCodings.Where(c => c.Id == codingId && c.GridId == gridId).ExecuteDeleteAsync();
        return removed == 0 ? CommandResult.Missing() : CommandResult.Done(gridId);
    }

    /// <summary>An organisation's own framework from a sheet read with <see cref="FrameworkCsv.Limits"/>; a file with any bad line adds nothing, and the errors name the lines.</summary>
    public async Task<(CommandResult Result, IReadOnlyList<string> Errors)> ImportFrameworkAsync(string name, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var decision = await authorizer.DecideAsync(Permission.Analyse);
        if (decision != Decision.Allowed)
        {
            return (CommandResult.Refused(decision), []);
        }
        var (lines, errors) = FrameworkCsv.Read(rows);
        if (errors.Count > 0)
        {
            return (CommandResult.Refused("Error.FrameworkFile"), errors);
        }
        if (lines.Select(l => l.Taxonomy).Distinct().Count() > 1)
        {
            return (CommandResult.Refused("Error.FrameworkFile"), ["taxonomies"]);
        }
        var framework = new Framework { OrganisationId = organisation.Id, Name = name.Trim() };
        framework.Entries.AddRange(lines.Select((l, i) => new FrameworkEntry { Code = l.Code, Label = l.Label, LabelEn = l.LabelEn, Position = i }));
        db.Frameworks.Add(framework);
        audit.Record("framework.import", $"framework:{framework.Id}", $"{framework.Name} ({lines.Count})");
        await db.SaveChangesAsync();
        return (CommandResult.Done(framework.Id), []);
    }

    private async Task<(AnalysisGrid? Grid, Process? Process, CommandResult? Refusal)> GridAsync(Guid gridId)
    {
        var grid = await db.AnalysisGrids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == gridId && g.OrganisationId == organisation.Id);
        var process = grid is null ? null : await processes.FindAsync(grid.ProcessId);
        if (grid is null || process is null)
        {
            return (null, null, CommandResult.Missing());
        }
        var decision = await authorizer.DecideAsync(Permission.Analyse, process);
        return decision == Decision.Allowed ? (grid, process, null) : (null, null, CommandResult.Refused(decision));
    }

    private Task<bool> EntryOfAsync(Guid entryId, Guid frameworkId) =>
        db.FrameworkEntries.AnyAsync(e => e.Id == entryId && e.FrameworkId == frameworkId);
}
