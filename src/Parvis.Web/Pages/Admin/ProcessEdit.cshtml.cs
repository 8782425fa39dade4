using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Admin;

/// <summary>Creates a process (no id) or edits one with its phases and themes.</summary>
public sealed class ProcessEditModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, ProcessCommands commands, ModuleCatalog modules)
    : ParvisPageModel
{
    [BindProperty]
    public ProcessInput Input { get; set; } = new();

    [BindProperty]
    public ChangeReasonInput Change { get; set; } = new();

    /// <summary>The handler of the form just posted ("" for the process's own), whose reason fields show what was typed.</summary>
    public string? Posted => Request.HasFormContentType ? Request.Query["handler"].FirstOrDefault() ?? "" : null;

    [BindProperty]
    [StringLength(Theme.NameMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ThemeName")]
    public string? ThemeName { get; set; }

    /// <summary>Every component of the process, then a new one for each module it could use (once more).</summary>
    [BindProperty]
    public List<ComponentInput> Components { get; set; } = [];

    public Process? Process { get; private set; }

    public ModuleCatalog Modules => modules;

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (Process is { } process)
        {
            Input = ProcessInput.Of(process);
            Components = ComponentInput.For(process, modules);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostComponentsAsync(Guid id)
    {
        ModelState.Clear();
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        // The process's own form, shown again above this one, keeps what the process has.
        Input = ProcessInput.Of(Process!);
        // Only the installed modules, each component once and one new component per module, whatever was posted.
        Components = Components.Where(c => modules.Find(c.Module) is not null).DistinctBy(c => c.Id?.ToString() ?? c.Module).ToList();
        if (!TryValidateModel(Components, nameof(Components)))
        {
            return Page();
        }
        var result = await commands.SaveComponentsAsync(id, Components.Select(c => c.ToDraft()).ToList(), Change);
        if (result.ErrorKey == "Error.ComponentTitles")
        {
            // Said next to each title that does not tell its component apart from another of the same module.
            var fields = ComponentInput.Untold(Components).Select(i => $"{nameof(Components)}[{i}].{nameof(ComponentInput.Title)}").DefaultIfEmpty("");
            foreach (var field in fields)
            {
                ModelState.AddModelError(field, Text[result.ErrorKey]);
            }
            return Page();
        }
        return After(result, "Admin.ComponentsSaved", $"/admin/processes/edit/{id}#components", JournalField(result));
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        ModelState.Remove(nameof(ThemeName));
        if (await LoadAsync(id) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = id is null ? await commands.CreateAsync(Input.ToDraft()) : await commands.UpdateAsync(id.Value, Input.ToDraft(), Change);
        if (Refusal(result, JournalField(result)) is { } refusal)
        {
            return refusal;
        }
        Flash("Admin.ProcessSaved");
        return Redirect($"/admin/processes/edit/{result.Id}");
    }

    public async Task<IActionResult> OnPostAddThemeAsync(Guid id)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(ThemeName))
        {
            ModelState.AddModelError(nameof(ThemeName), Text["Validation.Required"]);
        }
        else if (ThemeName.Length > Theme.NameMax)
        {
            ModelState.AddModelError(nameof(ThemeName), Text["Validation.TooLong", "", Theme.NameMax]);
        }
        else
        {
            var result = await commands.AddThemeAsync(id, ThemeName, Change);
            if (Refusal(result, JournalFields.Of(result.ErrorKey) ?? nameof(ThemeName)) is { } refusal)
            {
                return refusal;
            }
            if (result.Succeeded)
            {
                Flash("Admin.ThemeAdded");
                return Redirect($"/admin/processes/edit/{id}#themes");
            }
        }
        return await OnGetAsync(id);
    }

    public async Task<IActionResult> OnPostRemoveThemeAsync(Guid id, Guid themeId, bool confirmed) =>
        Unconfirmed(confirmed, $"/admin/processes/edit/{id}#themes") ?? Removed(await commands.RemoveThemeAsync(id, themeId, Change), $"/admin/processes/edit/{id}#themes");

    public async Task<IActionResult> OnPostRemovePhaseAsync(Guid id, Guid phaseId, bool confirmed) =>
        Unconfirmed(confirmed, $"/admin/processes/edit/{id}#phases") ?? Removed(await commands.RemovePhaseAsync(id, phaseId, Change), $"/admin/processes/edit/{id}#phases");

    /// <summary>After a removal asked again: a refusal (a missing reason) is said at the top of the page it returns to.</summary>
    private IActionResult Removed(CommandResult result, string back)
    {
        if (result.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded && result.ErrorKey is { } error)
        {
            Flash(error);
        }
        return Redirect(back);
    }

    /// <summary>Where a refusal is said: next to the reason when the journal asked for one.</summary>
    private static string JournalField(CommandResult result) => JournalFields.Of(result.ErrorKey) ?? "";

    private async Task<IActionResult?> LoadAsync(Guid? id)
    {
        if (id is null)
        {
            var decision = await authorizer.DecideAsync(Permission.CreateProcess);
            return Denied(decision);
        }
        Process = await db.Processes.AsNoTracking().Include(p => p.Phases).Include(p => p.Themes)
            .FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id);
        if (Process is null)
        {
            return NotFound();
        }
        var edit = await authorizer.DecideAsync(Permission.EditProcess, Process);
        return Denied(edit);
    }
}

public sealed class ProcessInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Process.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ProcessTitle")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Process.SummaryMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Summary")]
    public string Summary { get; set; } = "";

    [StringLength(Process.SummaryMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.PlainSummary")]
    public string? PlainSummary { get; set; }

    [StringLength(Process.DescriptionMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Description")]
    public string? Description { get; set; }

    [StringLength(Process.TerritoryMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Territory")]
    public string? Territory { get; set; }

    public bool Published { get; set; }

    public ProcessDraft ToDraft() => new(Title, Summary, PlainSummary ?? "", Description ?? "", Territory ?? "", Published);

    public static ProcessInput Of(Process process) => new()
    {
        Title = process.Title, Summary = process.Summary, PlainSummary = process.PlainSummary,
        Description = process.Description, Territory = process.Territory, Published = process.Published,
    };
}

public sealed class ComponentInput
{
    /// <summary>Null for a component the process does not have yet.</summary>
    public Guid? Id { get; set; }

    public string Module { get; set; } = "";

    public bool Enabled { get; set; }

    [StringLength(ProcessComponent.TitleMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ComponentTitle")]
    public string? Title { get; set; }

    [Range(1, 99, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.ComponentPosition")]
    public int Position { get; set; } = 1;

    public List<string> Switches { get; set; } = [];

    public ComponentDraft ToDraft() => new(Id, Module, Enabled, Title ?? "", Position, Switches);

    /// <summary>The rows used with a title that does not tell them apart from another row of the same module used too.</summary>
    public static IEnumerable<int> Untold(IReadOnlyList<ComponentInput> rows) =>
        rows.Select((row, i) => (row, i)).Where(x => x.row.Enabled)
            .GroupBy(x => x.row.Module).Where(g => g.Count() > 1)
            .SelectMany(g => g.Where(x => ProcessComponent.SameTitle(x.row.Title ?? "", g.Where(o => o.i != x.i).Select(o => o.row.Title ?? ""))))
            .Select(x => x.i);

    /// <summary>
    /// The components in use first, in their order, then those switched off; then a new one for each module the
    /// process does not use yet, or could use once more, as the catalog lists them.
    /// </summary>
    public static List<ComponentInput> For(Process process, ModuleCatalog modules)
    {
        var existing = process.Components.Where(c => modules.Find(c.Module) is not null)
            .OrderBy(c => c.Enabled ? 0 : 1).ThenBy(c => c.Position)
            .Select(c => new ComponentInput { Id = c.Id, Module = c.Module, Enabled = c.Enabled, Title = c.Title, Switches = [.. c.Switches] });
        var added = modules.Modules.Where(m => m.AllowsSeveral || !process.Components.Any(c => c.Module == m.Name))
            .Select(m => new ComponentInput { Module = m.Name });
        var inputs = existing.Concat(added).ToList();
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i].Position = i + 1;
        }
        return inputs;
    }
}
