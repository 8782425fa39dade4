using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>Codes analysts give contributions, that suggestions learn from and offer: a grid's cells, a process's themes.</summary>
public interface ICodeScheme
{
    /// <summary>Its name in the answers kept (<see cref="SuggestionDecision.Scheme"/>).</summary>
    string Key { get; }

    Guid ProcessId { get; }

    /// <summary>Changes whenever a code is given or taken away: what was learned is kept while it stays the same.</summary>
    Task<string> StateAsync();

    /// <summary>The codes given, read with the services of the work that learns from them.</summary>
    Task<IReadOnlyList<(Guid Text, string Code)>> CodedAsync(IServiceProvider services);

    /// <summary>The codes some contributions have now.</summary>
    Task<ILookup<Guid, string>> CodesOfAsync(IReadOnlyCollection<Guid> ids);

    /// <summary>Whether a contribution with the codes <paramref name="own"/> cannot be given <paramref name="code"/>.</summary>
    bool Excludes(IEnumerable<string> own, string code);

    /// <summary>Gives the code as an analyst would by hand, within the caller's transaction.</summary>
    Task<CommandResult> GiveAsync(Guid contributionId, string code);
}

/// <summary>The cells of an analysis grid, with their sign (<see cref="CodeSuggestions.CellCode"/>).</summary>
public sealed class GridCells(ParvisDbContext db, GridCommands grids, AnalysisGrid grid) : ICodeScheme
{
    public string Key => CodeSuggestions.GridScheme(grid.Id);

    public Guid ProcessId => grid.ProcessId;

    private static IQueryable<GridCoding> Codings(ParvisDbContext db, Guid gridId) => db.GridCodings.Where(c => c.GridId == gridId && c.ContributionId != null);

    public async Task<string> StateAsync() =>
        $"{await Codings(db, grid.Id).CountAsync()}:{await Codings(db, grid.Id).OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync()}";

    public async Task<IReadOnlyList<(Guid Text, string Code)>> CodedAsync(IServiceProvider services) =>
        [.. (await Codings(services.GetRequiredService<ParvisDbContext>(), grid.Id).Select(c => new { c.ContributionId, c.RowEntryId, c.ColumnEntryId, c.Sign }).ToListAsync())
            .Select(c => (c.ContributionId!.Value, CodeSuggestions.CellCode(c.RowEntryId, c.ColumnEntryId, c.Sign)))];

    public async Task<ILookup<Guid, string>> CodesOfAsync(IReadOnlyCollection<Guid> ids) =>
        (await Codings(db, grid.Id).Where(c => ids.Contains(c.ContributionId!.Value)).Select(c => new { c.ContributionId, c.RowEntryId, c.ColumnEntryId, c.Sign }).ToListAsync())
            .ToLookup(c => c.ContributionId!.Value, c => CodeSuggestions.CellCode(c.RowEntryId, c.ColumnEntryId, c.Sign));

    /// <summary>A cell holds a contribution once, whatever its sign.</summary>
    public bool Excludes(IEnumerable<string> own, string code) => CodeSuggestions.SameCell(own, code);

    public async Task<CommandResult> GiveAsync(Guid contributionId, string code) =>
        CodeSuggestions.Cell(code) is var (row, column, sign)
            ? await grids.CodeAsync(grid.Id, new GridCodingInput(row, column, sign, contributionId, null))
            : CommandResult.Refused("Error.GridCell");
}

/// <summary>
/// The themes of a process, by their ids: those a module's contribution carries (a proposal's, chosen by its author)
/// and those analysts gave.
/// </summary>
public sealed class ProcessThemes(ParvisDbContext db, FateCommands fates, AnalystThemes themes, Process process) : ICodeScheme
{
    public static string SchemeOf(Guid processId) => $"themes:{processId}";

    public string Key => SchemeOf(process.Id);

    public Guid ProcessId => process.Id;

    private IQueryable<ContributionTheme> Given(ParvisDbContext context) =>
        context.ContributionThemes.Where(t => context.Themes.Any(th => th.Id == t.ThemeId && th.ProcessId == process.Id));

    /// <summary>The themes, and how many contributions each holds: a theme an author or an analyst changes changes it.</summary>
    public async Task<string> StateAsync()
    {
        var state = new List<string>();
        foreach (var theme in await db.Themes.Where(t => t.ProcessId == process.Id).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync())
        {
            state.Add($"{theme}={await fates.InTheme(theme).CountAsync()}");
        }
        return $"{string.Join(',', state)}:{await Given(db).MaxAsync(t => (DateTimeOffset?)t.CodedAt)}";
    }

    public async Task<IReadOnlyList<(Guid Text, string Code)>> CodedAsync(IServiceProvider services)
    {
        var context = services.GetRequiredService<ParvisDbContext>();
        var inThemes = services.GetRequiredService<FateCommands>();
        var coded = new List<(Guid, string)>();
        foreach (var theme in await context.Themes.Where(t => t.ProcessId == process.Id).Select(t => t.Id).ToListAsync())
        {
            coded.AddRange((await inThemes.InTheme(theme).Distinct().ToListAsync()).Select(id => (id, theme.ToString())));
        }
        return coded;
    }

    public async Task<ILookup<Guid, string>> CodesOfAsync(IReadOnlyCollection<Guid> ids)
    {
        var codes = new List<(Guid Id, string Code)>();
        foreach (var theme in await db.Themes.Where(t => t.ProcessId == process.Id).Select(t => t.Id).ToListAsync())
        {
            codes.AddRange((await fates.InTheme(theme).Where(id => ids.Contains(id)).Distinct().ToListAsync()).Select(id => (id, theme.ToString())));
        }
        return codes.ToLookup(c => c.Id, c => c.Code);
    }

    public bool Excludes(IEnumerable<string> own, string code) => own.Contains(code);

    public async Task<CommandResult> GiveAsync(Guid contributionId, string code) =>
        Guid.TryParse(code, out var theme) ? await themes.AddAsync(contributionId, theme) : CommandResult.Missing();
}
