using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Texts.Pages;

/// <summary>A version of the text with its changelog, to print from the browser or download as DOCX or PDF.</summary>
public sealed class PrintModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, IEnumerable<IContributionSource> sources)
    : TextPage(db, organisation, processes)
{
    public PrintableView View { get; private set; } = default!;

    public int Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? version) => await LoadAsync(id, version) ?? Page();

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, int? version, string format) =>
        await LoadAsync(id, version) ?? await DownloadAsync(View.Document, null, $"{Slugs.From(Collaborative.Title, 60)}-v{Version}", format);

    private async Task<IActionResult?> LoadAsync(Guid id, int? version)
    {
        if (!await LoadTextAsync(id) || Versions.FirstOrDefault(v => v.Number == (version ?? Collaborative.Version)) is not { } shown)
        {
            return NotFound();
        }
        Version = shown.Number;
        var document = TextPaper.Version(Collaborative, shown, await ArticlesAsync(shown.Number), await Changelog.LoadAsync(Db, ShownContributions.Of(Db, sources), id, shown.Number), Text, OrganisationLanguage);
        View = new PrintableView(document, $"{Address}?version={Version}", Collaborative.Title, $"{Address}/print?handler=Download&version={Version}", PdfAvailable, OrganisationLanguage);
        return null;
    }
}
