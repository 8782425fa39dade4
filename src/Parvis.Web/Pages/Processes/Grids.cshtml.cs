using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>The analysis grids of a process; analysts create one by crossing two frameworks.</summary>
public sealed class GridsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, GridCommands grids) : ParvisPageModel
{
    public sealed record Line(Guid Id, string Title, int Codings);

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(AnalysisGrid.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.GridTitle")]
    public string Title { get; set; } = "";

    [BindProperty]
    [Display(Name = "Field.GridRows")]
    public Guid? RowFrameworkId { get; set; }

    [BindProperty]
    [Display(Name = "Field.GridColumns")]
    public Guid? ColumnFrameworkId { get; set; }

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Line> Grids { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Frameworks { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        // The Grand Nancy council's grid, ready to create.
        var builtIn = await grids.Frameworks().Where(f => f.OrganisationId == null).Select(f => new { f.Id, f.Key }).ToListAsync();
        RowFrameworkId = builtIn.FirstOrDefault(f => f.Key == "iso26000")?.Id;
        ColumnFrameworkId = builtIn.FirstOrDefault(f => f.Key == "sndd-2010-2013")?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        if (RowFrameworkId is null)
        {
            ModelState.AddModelError(nameof(RowFrameworkId), Text["Error.UnknownFramework"]);
        }
        if (ColumnFrameworkId is null)
        {
            ModelState.AddModelError(nameof(ColumnFrameworkId), Text["Error.UnknownFramework"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await grids.CreateAsync(Process.Id, Title, RowFrameworkId!.Value, ColumnFrameworkId!.Value);
        return After(result, "Grids.Created", $"/grids/{result.Id}", result.ErrorKey == "Error.UnknownFramework" ? nameof(RowFrameworkId) : "");
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return false;
        }
        Process = process;
        CanEdit = await authorizer.CanAsync(Permission.Analyse, process);
        Grids = await db.AnalysisGrids.AsNoTracking().Where(g => g.ProcessId == process.Id).OrderBy(g => g.CreatedAt)
            .Select(g => new Line(g.Id, g.Title, db.GridCodings.Count(c => c.GridId == g.Id))).ToListAsync();
        if (CanEdit)
        {
            var culture = Culture();
            var builtIn = new SelectListGroup { Name = Text["Grids.BuiltIn"] };
            var own = new SelectListGroup { Name = Text["Grids.Own"] };
            Frameworks = (await grids.Frameworks().OrderBy(f => f.OrganisationId != null).ThenBy(f => f.Name).ToListAsync())
                .Select(f => new SelectListItem(f.NameIn(culture), f.Id.ToString()) { Group = f.OrganisationId is null ? builtIn : own })
                .ToList();
        }
        return true;
    }

    private static string Culture() => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
