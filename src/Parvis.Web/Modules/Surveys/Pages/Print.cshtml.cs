using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Surveys.Pages;

/// <summary>The survey's paper form, in its own words or easy to read, to print or to download as DOCX or PDF.</summary>
public sealed class PrintModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes, Authorizer authorizer)
    : SurveyPage(db, organisation, processes, authorizer)
{
    public PrintableView View { get; private set; } = default!;

    public bool Easy { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool easy = false) => await LoadAsync(id, easy) ?? Page();

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, string format, bool easy = false) =>
        await LoadAsync(id, easy) ?? await DownloadAsync(View.Document, null, $"{Slugs.From(Survey.Title, 60)}{(easy ? "-easy" : "")}", format);

    private async Task<IActionResult?> LoadAsync(Guid id, bool easy)
    {
        if (!await LoadSurveyAsync(id))
        {
            return NotFound();
        }
        Easy = easy;
        View = new PrintableView(SurveyPaper.Build(Survey, Questions, easy, Text, OrganisationLanguage), Address, Survey.Title,
            $"{Address}/print?handler=Download&easy={(easy ? "true" : "false")}", PdfAvailable, OrganisationLanguage);
        return null;
    }
}
