using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Demographics;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Pages.Processes;

/// <summary>
/// The optional questions' paper forms typed in one after another by staff or a facilitator, each in the channel it
/// was gathered in; a form names nobody, so nothing of it can be traced back to a person.
/// </summary>
public sealed class AboutYouFormsModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, DemographicCommands commands) : DemographicFormPage
{
    public IReadOnlyDictionary<Channel, int> Typed { get; private set; } = new Dictionary<Channel, int>();

    /// <summary>Where the forms were gathered; kept from one form to the next, as a pile comes from one place.</summary>
    [BindProperty(SupportsGet = true)]
    public Channel Channel { get; set; } = Channel.Paper;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } early)
        {
            return early;
        }
        var result = await commands.RecordFormAsync(Process, Input, Channel);
        return After(result, "Demographics.FormSaved", $"/processes/{Process.Slug}/about-you/forms?channel={Channel}");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var slug = RouteValue("slug");
        var process = await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published);
        if (process is null)
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(Permission.TypeForms, process)) is { } denied)
        {
            return denied;
        }
        Process = process;
        Communes = await commands.CommunesAsync();
        Typed = await commands.FormsAsync(process.Id);
        return null;
    }
}
