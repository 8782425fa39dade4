using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Meetings.Pages;

/// <summary>The meeting's paper kit (attendance sheets per place, the question slip) to print, or to download as DOCX or PDF.</summary>
public sealed class KitModel(ParvisDbContext database, CurrentOrganisation current, ProcessAccess processes, Authorizer authorizer) : MeetingPage(database, current, processes)
{
    public PrintableView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, string format) =>
        await LoadAsync(id) ?? await DownloadAsync(View.Document, null, $"kit-{Meeting.StartsAt:yyyy-MM-dd}", format);

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadMeetingAsync(id))
        {
            return NotFound();
        }
        // The sheets carry the registered pseudonyms: for those who run the meeting only.
        if (Denied(await authorizer.DecideAsync(MeetingsPermissions.Run, Process, Component.Id)) is { } denied)
        {
            return denied;
        }
        var registered = (await Db.MeetingRegistrations.AsNoTracking()
                .Where(r => r.MeetingId == id && r.Status == RegistrationStatus.Confirmed)
                .Join(Db.Users, r => r.PersonId, p => p.Id, (r, p) => new { r.SiteId, p.Pseudonym })
                .ToListAsync())
            .GroupBy(r => r.SiteId).ToDictionary(g => g.Key, g => g.Select(r => r.Pseudonym).Order(StringComparer.CurrentCulture).ToList());
        View = new PrintableView(MeetingKit.Build(Meeting, await ThemesAsync(), registered, Text, OrganisationLanguage), $"/meetings/{id}/record",
            Text["Meetings.RecordTitle", Meeting.Title], $"/meetings/{id}/kit?handler=Download", PdfAvailable);
        return null;
    }
}
