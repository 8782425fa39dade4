using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Proposals.Pages;

[OutputCache(PolicyName = PublicPagePolicy.Name)]
public sealed class IndexModel(DatabaseOnDemand database, CurrentOrganisation organisation, ProposalSearch search, Authorizer authorizer, SharedData shared)
    : ParvisPageModel
{
    private ParvisDbContext Db => database.Context;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? SearchText { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Theme { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProposalStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProposalSort Sort { get; set; }

    // "page" is Razor Pages' own route value, hence "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>"Next" and "previous" carry the proposal to continue from, so a deep page costs no more than the first.</summary>
    [BindProperty(SupportsGet = true, Name = "after")]
    public string? AfterCursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public string? BeforeCursor { get; set; }

    public Process Process { get; private set; } = default!;
    public ProposalResults Results { get; private set; } = default!;

    /// <summary>What the list shows (process, search, filters, sort, page): the key of the list as everyone sees it.</summary>
    public ProposalQuery Query { get; private set; } = default!;
    public Decision ProposeDecision { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var process = await shared.GetAsync($"published-process:{organisation.Id}:{slug}", () => Db.Processes.AsNoTracking()
            .Include(p => p.Phases).Include(p => p.Themes)
            .FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published), ChangeKind.Processes);
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        if (SearchText?.Length > 200)
        {
            SearchText = SearchText[..200];
        }
        Query = new ProposalQuery(process.Id, SearchText, Theme, Status, Sort, PageNumber,
            ProposalCursor.Parse(AfterCursor), ProposalCursor.Parse(BeforeCursor));
        Results = await shared.GetAsync($"proposals:{Query}", () => search.SearchAsync(Query, HttpContext.RequestAborted));
        ProposeDecision = await authorizer.DecideAsync(Permission.Propose, process);
        return Page();
    }

    public string NextQuery => QueryFor(Results.Page + 1, after: Results.Last);

    public string PreviousQuery => QueryFor(Results.Page - 1, before: Results.First);

    /// <summary>The current query at another page, for pagination links.</summary>
    private string QueryFor(int page, ProposalCursor? after = null, ProposalCursor? before = null) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = SearchText,
            ["theme"] = Theme?.ToString(),
            ["status"] = Status?.ToString(),
            ["sort"] = Sort == ProposalSort.Newest ? null : Sort.ToString(),
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["after"] = after?.ToString(),
            ["before"] = before?.ToString(),
        }.Where(p => p.Value is not null)).ToUriComponent();
}
