using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Proposals.Pages;

[OutputCache(PolicyName = PublicPagePolicy.Name)]
public sealed class IndexModel(DatabaseOnDemand database, CurrentOrganisation organisation, ProposalSearch search, Authorizer authorizer, SharedData shared)
    : ParvisPageModel, IProcessPage
{
    private ParvisDbContext Db => database.Context;

    public string? SearchText { get; private set; }
    public Guid? Theme { get; private set; }
    public ProposalStatus? Status { get; private set; }
    public ProposalSort Sort { get; private set; }
    public int PageNumber { get; private set; } = 1;

    /// <summary>"Next" and "previous" carry the proposal to continue from, so a deep page costs no more than the first.</summary>
    private string? _after;
    private string? _before;

    public Process Process { get; private set; } = default!;
    public ProposalResults Results { get; private set; } = default!;

    /// <summary>What the list shows (process, search, filters, sort, page): the key of the list as everyone sees it.</summary>
    public ProposalQuery Query { get; private set; } = default!;
    public Decision ProposeDecision { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var slug = RouteValue("slug");
        var process = await shared.GetAsync($"published-process:{organisation.Id}:{slug}", () => Db.Processes.AsNoTracking()
            .Include(p => p.Phases).Include(p => p.Themes)
            .FirstOrDefaultAsync(p => p.OrganisationId == organisation.Id && p.Slug == slug && p.Published), ChangeKind.Processes);
        if (process is null)
        {
            return NotFound();
        }
        Process = process;
        ReadAddress(Request.Query);
        Query = new ProposalQuery(process.Id, SearchText, Theme, Status, Sort, PageNumber, ProposalCursor.Parse(_after), ProposalCursor.Parse(_before));
        // A search's words are the visitor's own, any of them: its results are read for this request only.
        Results = Query.Text is { Length: > 0 }
            ? await search.SearchAsync(Query, HttpContext.RequestAborted)
            : await shared.GetAsync($"proposals:{Query}", () => search.SearchAsync(Query, HttpContext.RequestAborted));
        ProposeDecision = await authorizer.DecideAsync(ProposalsPermissions.Propose, process);
        return Page();
    }

    /// <summary>
    /// The search, filters, sort and page, read from the address as they are ("page" is Razor Pages' own route value,
    /// hence "p"). Binding them (binders, model state, validation), with the route value, was a twentieth of the
    /// busiest pages of a burst. As binding did, a value that does not read (a theme that is no id, an unknown status) is left out.
    /// </summary>
    private void ReadAddress(IQueryCollection address)
    {
        static string? First(StringValues values) => values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        static TEnum? Named<TEnum>(StringValues values) where TEnum : struct, Enum =>
            Enum.TryParse<TEnum>(First(values), ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;

        var text = First(address["q"]);
        SearchText = text?.Length > 200 ? text[..200] : text;
        Theme = Guid.TryParse(First(address["theme"]), out var theme) ? theme : null;
        Status = Named<ProposalStatus>(address["status"]);
        Sort = Named<ProposalSort>(address["sort"]) ?? default;
        PageNumber = int.TryParse(First(address["p"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var page) ? page : 1;
        _after = First(address["after"]);
        _before = First(address["before"]);
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
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
            ["after"] = after?.ToString(),
            ["before"] = before?.ToString(),
        }.Where(p => p.Value is not null)).ToUriComponent();
}
