using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Texts.Pages;

/// <summary>The amendment booklet of the current version, to print for a workshop or a desk, or download as DOCX or PDF.</summary>
public sealed class BookletModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes) : TextPage(db, organisation, processes)
{
    public PrintableView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, string format) =>
        await LoadAsync(id) ?? await DownloadAsync(View.Document, null, $"{Slugs.From(Collaborative.Title, 50)}-amendements-v{Collaborative.Version}", format);

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await LoadTextAsync(id))
        {
            return NotFound();
        }
        var document = TextPaper.Booklet(Collaborative, Collaborative.Version, await ArticlesAsync(Collaborative.Version), Text, OrganisationLanguage);
        View = new PrintableView(document, Address, Collaborative.Title, $"{Address}/booklet?handler=Download", PdfAvailable, OrganisationLanguage);
        return null;
    }
}
