using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Pages.Synthesis;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>The process's synthesis, item by item with the number of contributions behind each; analysts add items here.</summary>
public sealed class SynthesisModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, SynthesisCommands synthesis) : ParvisPageModel
{
    public sealed record Line(Guid Id, SynthesisItemKind Kind, string Title, string Body, int Contributions);

    [BindProperty]
    public SynthesisInput Input { get; set; } = new();

    public Process Process { get; private set; } = default!;
    public IReadOnlyList<Line> Items { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public IReadOnlyList<Theme> Themes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (!await LoadAsync(slug))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await synthesis.CreateAsync(Process.Id, Input.ToDraft());
        return After(result, "Synthesis.Added", $"/processes/{slug}/synthesis#item-{result.Id}");
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
        Themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        Items = await db.SynthesisItems.AsNoTracking().Where(i => i.ProcessId == process.Id)
            .OrderBy(i => i.Kind).ThenBy(i => i.Position)
            .Select(i => new Line(i.Id, i.Kind, i.Title, i.Body, db.SynthesisLinks.Count(l => l.SynthesisItemId == i.Id)))
            .ToListAsync();
        return true;
    }
}
