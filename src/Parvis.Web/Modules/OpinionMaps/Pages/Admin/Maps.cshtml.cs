using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.OpinionMaps.Polis;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.OpinionMaps.Pages.Admin;

public sealed class MapInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(OpinionMap.QuestionMax, MinimumLength = 5, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.MapQuestion")]
    public string Question { get; set; } = "";

    [StringLength(OpinionMap.DescriptionMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.MapDescription")]
    public string? Description { get; set; }

    [Display(Name = "Field.Phase")]
    public Guid PhaseId { get; set; }

    public bool PreModeration { get; set; }
}

/// <summary>
/// The opinion maps of one component of a process (its first when none is named) for staff (create, import and export
/// in the Polis format) and moderators (publish waiting statements).
/// </summary>
public sealed class MapsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, OpinionMapCommands commands) : ParvisPageModel, IProcessPage
{
    [BindProperty]
    public MapInput Input { get; set; } = new();

    public Process Process { get; private set; } = default!;

    /// <summary>Null when the process does not use the module.</summary>
    public ProcessComponent? Component { get; private set; }

    public Guid? ComponentId => Component?.Id;

    /// <summary>This page's address, for the component it shows.</summary>
    public string Address => $"/admin/processes/{Process.Id}/maps/{Component?.Id}";

    public IReadOnlyList<OpinionMap> Maps { get; private set; } = [];
    public IReadOnlyList<Statement> Waiting { get; private set; } = [];

    /// <summary>Staff create, import and export; moderators only read and publish waiting statements.</summary>
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid processId, Guid? componentId) => await LoadAsync(processId, componentId) ?? Page();

    public async Task<IActionResult> OnPostCreateAsync(Guid processId, Guid? componentId)
    {
        if (await LoadAsync(processId, componentId) is { } early)
        {
            return early;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await commands.CreateAsync(processId, Component!.Id, new OpinionMapDraft(Input.Question, Input.Description ?? "", Input.PhaseId, Input.PreModeration));
        if (Refusal(result, "Input.PhaseId") is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("OpinionMaps.Created");
        return Redirect(Address);
    }

    /// <summary>Several times the votes of the open conversations Polis publishes (a few megabytes each).</summary>
    private const long PolisFileMax = 20 * 1024 * 1024;

    /// <summary>The Polis open-data files: comments.csv and votes.csv (participants-votes.csv and summary.csv optional).</summary>
    public async Task<IActionResult> OnPostImportAsync(Guid processId, Guid? componentId, Guid importPhaseId, List<IFormFile> files)
    {
        if (await LoadAsync(processId, componentId) is { } early)
        {
            return early;
        }
        var folder = Path.Combine(Path.GetTempPath(), "parvis-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in files.Where(f => f.FileName is "comments.csv" or "votes.csv" or "participants-votes.csv" or "summary.csv"))
            {
                await using var upload = file.OpenReadStream();
                if (ReadUpload(upload, "files", PolisFileMax) is not { } bytes)
                {
                    return Page();
                }
                await System.IO.File.WriteAllBytesAsync(Path.Combine(folder, file.FileName), bytes);
            }
            var result = await commands.ImportAsync(processId, Component!.Id, importPhaseId, PolisConversation.Load(folder));
            if (Refusal(result, "files") is { } refusal)
            {
                return refusal;
            }
            if (!result.Succeeded)
            {
                return Page();
            }
            Flash("OpinionMaps.Imported");
            return Redirect(Address);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or CsvHelper.CsvHelperException)
        {
            ModelState.AddModelError("files", Text["OpinionMaps.ImportFailed", e.Message]);
            return Page();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid processId, Guid? componentId, Guid statementId)
    {
        if (await LoadAsync(processId, componentId) is { } early)
        {
            return early;
        }
        var result = await commands.PublishStatementAsync(statementId);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }
        if (!result.Succeeded)
        {
            return Page();
        }
        Flash("OpinionMaps.StatementPublished");
        return Redirect(Address);
    }

    public async Task<IActionResult> OnGetExportAsync(Guid processId, Guid? componentId, Guid mapId)
    {
        if (await LoadAsync(processId, componentId) is { } early)
        {
            return early;
        }
        var zip = await commands.ExportAsync(mapId);
        return zip is null ? NotFound() : File(zip, "application/zip", $"opinion-map-{mapId:N}.zip");
    }

    private async Task<IActionResult?> LoadAsync(Guid processId, Guid? componentId)
    {
        var process = await db.Processes.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id);
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        // A component of another module, or switched off: the filter answers 404.
        Component = componentId is { } id ? process.Components.FirstOrDefault(c => c.Id == id) : process.Component(OpinionMapsModule.Key);
        if (Component is not { Enabled: true, Module: OpinionMapsModule.Key })
        {
            return NotFound();
        }
        CanManage = await authorizer.CanAsync(OpinionMapsPermissions.Manage, process, Component.Id);
        if (!CanManage && Denied(await authorizer.DecideAsync(Permission.Moderate, process)) is { } denied)
        {
            return denied;
        }
        var componentMaps = db.OpinionMaps.AsNoTracking().Where(m => m.ComponentId == Component.Id);
        Maps = await componentMaps.OrderBy(m => m.CreatedAt).ToListAsync();
        Waiting = await db.Statements.AsNoTracking()
            .Where(s => componentMaps.Any(m => m.Id == s.OpinionMapId) && s.PublishedAt == null && s.HiddenAt == null && s.ErasedAt == null)
            .OrderBy(s => s.CreatedAt).ToListAsync();
        return null;
    }
}
