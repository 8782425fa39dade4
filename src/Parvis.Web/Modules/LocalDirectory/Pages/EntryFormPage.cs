using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.LocalDirectory.Pages;

/// <summary>
/// A page with the form of an entry (a new one, a change): the process and its themes, whether the writer is staff
/// (their words are taken at once), and the refusal of a command shown next to its field.
/// </summary>
public abstract class EntryFormPage(ParvisDbContext db, Authorizer authorizer) : ParvisPageModel, IProcessPage
{
    [BindProperty]
    public EntryInput Input { get; set; } = new();

    /// <summary>The language the writer says the entry is written in (the _ContentLanguage partial's field).</summary>
    [BindProperty(Name = Kernel.Text.ContentLanguage.Field)]
    public string? ChosenLanguage { get; set; }

    /// <summary>The language the form offers first: the entry's when it is changed, else the writer's.</summary>
    public virtual string? Language => null;

    public Process Process { get; protected set; } = default!;
    public IReadOnlyList<Theme> ProcessThemes { get; private set; } = [];
    public bool CanManage { get; private set; }
    public Decision Proposing { get; private set; }
    public SelectListGroup StructuresGroup { get; private set; } = default!;
    public SelectListGroup ResourcesGroup { get; private set; } = default!;

    protected ParvisDbContext Db => db;

    /// <summary>Null when the person may write here; otherwise why not (sign in, or not in this phase).</summary>
    protected async Task<IActionResult?> AllowedAsync(Process process)
    {
        Process = process;
        ProcessThemes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        CanManage = await authorizer.DecideAsync(LocalDirectoryPermissions.Manage, process) == Decision.Allowed;
        Proposing = await authorizer.DecideAsync(LocalDirectoryPermissions.Propose, process);
        (StructuresGroup, ResourcesGroup) = (new SelectListGroup { Name = Text["Directory.Structures"] }, new SelectListGroup { Name = Text["Directory.Resources"] });
        return CanManage ? null : Denied(Proposing);
    }

    /// <summary>Sends the form to a command; on refusal, the form again with the reason next to its field and nothing lost.</summary>
    protected async Task<IActionResult> SendAsync(Func<EntryContent, string, Task<CommandResult>> command, string done)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (content, badField) = Input.ToContent();
        if (content is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{badField}", Text["Directory.NotANumber"]);
            return Page();
        }
        var language = Kernel.Text.ContentLanguage.IsKnown(ChosenLanguage) ? ChosenLanguage! : Kernel.Text.ContentLanguage.Current;
        var result = await command(content with { Language = language }, Input.Note ?? "");
        var field = LocalDirectoryCommands.FieldOf(result.ErrorKey);
        return After(result, CanManage ? "Directory.Saved" : done, result.Id is { } id ? $"/directory/{id}" : "/", field.Length > 0 ? $"{nameof(Input)}.{field}" : "");
    }
}
