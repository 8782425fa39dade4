using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Grids;

/// <summary>
/// An analysis grid: in each cell the strengths and weaknesses coded there, with bars proportional to
/// their number, the same numbers as a plain table, filters by channel and theme, the CSV export, and
/// for analysts the coding form.
/// </summary>
public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, GridCommands grids, FateCommands fates) : ParvisPageModel
{
    /// <summary>Contributions offered in the coding list; beyond, the most recent.</summary>
    private const int SubjectsShown = 500;

    [BindProperty]
    [Display(Name = "Field.GridSubject")]
    public string? Subject { get; set; }

    [BindProperty]
    [Display(Name = "Field.GridRow")]
    public Guid? RowEntryId { get; set; }

    [BindProperty]
    [Display(Name = "Field.GridColumn")]
    public Guid? ColumnEntryId { get; set; }

    [BindProperty]
    public GridSign Sign { get; set; }

    [BindProperty(SupportsGet = true)]
    public Channel? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Theme { get; set; }

    public GridView View { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Theme> Themes { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public IReadOnlyList<SelectListItem> Subjects { get; private set; } = [];
    public string Culture { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>One line per cell that holds something, with the same filters as the page.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        IReadOnlyList<string> header = ["row_code", "row_label", "column_code", "column_label", "strengths", "weaknesses", "strength_items", "weakness_items"];
        var lines = from row in View.Rows.Entries
                    from column in View.Columns.Entries
                    let cell = View.CellAt(row, column)
                    where cell.Items.Count > 0
                    select (IReadOnlyList<string>)
                    [
                        row.Code, row.LabelIn(Culture), column.Code, column.LabelIn(Culture),
                        cell.Strengths.ToString(CultureInfo.InvariantCulture), cell.Weaknesses.ToString(CultureInfo.InvariantCulture),
                        string.Join(" | ", cell.Items.Where(i => i.Sign == GridSign.Strength).Select(i => i.Label)),
                        string.Join(" | ", cell.Items.Where(i => i.Sign == GridSign.Weakness).Select(i => i.Label)),
                    ];
        return File(Spreadsheets.WriteCsv([header, .. lines], ","), Spreadsheets.CsvType, $"{Slugs.From(View.Grid.Title, 60)}.csv");
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!CanEdit)
        {
            return Denied(await authorizer.DecideAsync(Permission.Analyse, Process)) ?? Forbid();
        }
        var (contribution, item) = ParseSubject(Subject);
        if (contribution is null && item is null)
        {
            ModelState.AddModelError(nameof(Subject), Text["Error.GridSubject"]);
        }
        if (RowEntryId is null || ColumnEntryId is null)
        {
            ModelState.AddModelError(RowEntryId is null ? nameof(RowEntryId) : nameof(ColumnEntryId), Text["Error.GridCell"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await grids.CodeAsync(id, new GridCodingInput(RowEntryId!.Value, ColumnEntryId!.Value, Sign, contribution, item));
        var field = result.ErrorKey switch
        {
            "Error.GridSubject" or "Error.GridAlreadyCoded" => nameof(Subject),
            "Error.GridCell" => nameof(RowEntryId),
            _ => "",
        };
        return After(result, "Grids.Coded", $"/grids/{id}#coding", field);
    }

    public async Task<IActionResult> OnPostUncodeAsync(Guid id, Guid coding)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        ModelState.Clear();
        return After(await grids.UncodeAsync(id, coding), "Grids.Uncoded", $"/grids/{id}");
    }

    /// <summary>A framework's entries as the choices of a select.</summary>
    public IReadOnlyList<SelectListItem> Choices(Framework framework) =>
        framework.Entries.Select(e => new SelectListItem(e.LabelIn(Culture), e.Id.ToString())).Prepend(new SelectListItem("—", "")).ToList();

    /// <summary>The page's address with the current filters, for the export and the filter form.</summary>
    public string Address(string? handler = null)
    {
        var query = new List<string>();
        if (handler is not null)
        {
            query.Add($"handler={handler}");
        }
        if (Channel is { } channel)
        {
            query.Add($"channel={channel}");
        }
        if (Theme is { } theme)
        {
            query.Add($"theme={theme}");
        }
        return $"/grids/{View.Grid.Id}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    private static (Guid? Contribution, Guid? Item) ParseSubject(string? subject) => subject?.Split(':') switch
    {
        ["contribution", var id] when Guid.TryParse(id, out var guid) => (guid, null),
        ["item", var id] when Guid.TryParse(id, out var guid) => (null, guid),
        _ => (null, null),
    };

    private async Task<bool> LoadAsync(Guid id)
    {
        var theme = Theme;
        var view = await GridView.LoadAsync(db, fates.Shown, id, organisation.Id, Channel, theme is { } t ? fates.InTheme(t) : null);
        var process = view is null ? null : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == view.Grid.ProcessId && p.Published);
        if (view is null || process is null)
        {
            return false;
        }
        View = view;
        Process = process;
        Themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        CanEdit = await authorizer.CanAsync(Permission.Analyse, process);
        if (CanEdit)
        {
            var items = new SelectListGroup { Name = Text["Synthesis.Title"] };
            var contributions = new SelectListGroup { Name = Text["Fates.Contributions"] };
            var synthesis = await db.SynthesisItems.AsNoTracking().Where(i => i.ProcessId == process.Id)
                .OrderBy(i => i.Kind).ThenBy(i => i.Position).Select(i => new { i.Id, i.Kind, i.Title }).ToListAsync();
            var awaiting = await fates.Awaiting(process).AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(SubjectsShown).ToListAsync();
            Subjects = synthesis.Select(i => new SelectListItem($"{Text["SynthesisKind." + i.Kind]} : {i.Title}", $"item:{i.Id}") { Group = items })
                .Concat(awaiting.Select(c => new SelectListItem($"{Text["Kind." + c.Kind]} : {Excerpts.Cut(c.Excerpt, 90)}", $"contribution:{c.Id}") { Group = contributions }))
                .Prepend(new SelectListItem("—", ""))
                .ToList();
        }
        return true;
    }
}
