using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>The workshop's paper kit to print, or to download as DOCX or PDF.</summary>
public sealed class KitModel(ParvisDbContext database, CurrentOrganisation current, Authorizer authorizer) : WorkshopPage(database, current)
{
    public PrintableView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, string format) =>
        await LoadAsync(id) ?? await DownloadAsync(View.Document, null, $"kit-{Workshop.JoinCode.ToLowerInvariant()}", format);

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadBoardAsync(id))
        {
            return NotFound();
        }
        if (Denied(await authorizer.DecideAsync(WorkshopsPermissions.Run, Board.Process)) is { } denied)
        {
            return denied;
        }
        View = new PrintableView(WorkshopKit.Build(Board, Text, OrganisationLanguage), $"/workshops/{id}/paper", Text["Paper.Title", Workshop.Title],
            $"/workshops/{id}/kit?handler=Download", PdfAvailable);
        return null;
    }
}
