using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>What a grid shows: its rows and columns, and in each cell the strengths and weaknesses coded there.</summary>
public sealed class GridView
{
    /// <summary>One coding in a cell: Subject is the contribution or, when IsSynthesisItem, the synthesis item.</summary>
    public sealed record Coded(Guid CodingId, GridSign Sign, Guid Subject, bool IsSynthesisItem, string Label);

    public sealed record Cell(FrameworkEntry Row, FrameworkEntry Column, IReadOnlyList<Coded> Items)
    {
        public int Strengths => Items.Count(i => i.Sign == GridSign.Strength);
        public int Weaknesses => Items.Count(i => i.Sign == GridSign.Weakness);
    }

    public required AnalysisGrid Grid { get; init; }
    public required Framework Rows { get; init; }
    public required Framework Columns { get; init; }
    public required IReadOnlyDictionary<(Guid Row, Guid Column), Cell> Cells { get; init; }

    /// <summary>The largest count of one sign in one cell: the bars' full length.</summary>
    public int Max => Cells.Values.Select(c => Math.Max(c.Strengths, c.Weaknesses)).DefaultIfEmpty(0).Max();

    public Cell CellAt(FrameworkEntry row, FrameworkEntry column) =>
        Cells.GetValueOrDefault((row.Id, column.Id)) ?? new Cell(row, column, []);

    /// <summary>
    /// Loads the grid with its codings. A channel or theme filter keeps the contributions coded that
    /// match it; synthesis items, which have neither, are then left out.
    /// </summary>
    /// <remarks>Only contributions in <c>shown</c> (<see cref="ShownContributions"/>) are shown coded.</remarks>
    public static async Task<GridView?> LoadAsync(ParvisDbContext db, IQueryable<Contribution> shown, Guid gridId, Guid organisationId, Channel? channel, IQueryable<Guid>? inTheme)
    {
        var grid = await db.AnalysisGrids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == gridId && g.OrganisationId == organisationId);
        if (grid is null)
        {
            return null;
        }
        var frameworks = await db.Frameworks.AsNoTracking().Include(f => f.Entries)
            .Where(f => f.Id == grid.RowFrameworkId || f.Id == grid.ColumnFrameworkId).ToListAsync();
        foreach (var framework in frameworks)
        {
            framework.Entries.Sort((a, b) => a.Position.CompareTo(b.Position));
        }
        var codings = db.GridCodings.AsNoTracking().Where(c => c.GridId == gridId);
        var contributions = shown;
        if (channel is { } only)
        {
            contributions = contributions.Where(c => c.Channel == only);
        }
        if (inTheme is not null)
        {
            contributions = contributions.Where(c => inTheme.Contains(c.Id));
        }
        var filtered = channel is not null || inTheme is not null;
        var onContributions = await codings.Where(c => c.ContributionId != null)
            .Join(contributions, c => c.ContributionId, x => x.Id, (c, x) => new { Coding = c, Contribution = x })
            .ToListAsync();
        var onItems = filtered ? [] : await codings.Where(c => c.SynthesisItemId != null)
            .Join(db.SynthesisItems, c => c.SynthesisItemId, i => i.Id, (c, i) => new { Coding = c, i.Title })
            .ToListAsync();
        var coded = onContributions.Select(c => (c.Coding, Label: Text.Excerpts.Cut(c.Contribution.Excerpt, 120), IsItem: false))
            .Concat(onItems.Select(i => (i.Coding, Label: i.Title, IsItem: true)));
        var rows = frameworks.Single(f => f.Id == grid.RowFrameworkId);
        var columns = frameworks.Single(f => f.Id == grid.ColumnFrameworkId);
        var cells = coded
            .GroupBy(c => (c.Coding.RowEntryId, c.Coding.ColumnEntryId))
            .ToDictionary(g => g.Key, g => new Cell(
                rows.Entries.Single(e => e.Id == g.Key.RowEntryId),
                columns.Entries.Single(e => e.Id == g.Key.ColumnEntryId),
                g.OrderBy(c => c.Coding.Sign).ThenBy(c => c.Coding.CodedAt)
                    .Select(c => new Coded(c.Coding.Id, c.Coding.Sign, c.Coding.ContributionId ?? c.Coding.SynthesisItemId!.Value, c.IsItem, c.Label))
                    .ToList()));
        return new GridView { Grid = grid, Rows = rows, Columns = columns, Cells = cells };
    }
}
