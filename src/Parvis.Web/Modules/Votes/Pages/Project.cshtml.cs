using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>A participatory-budget project: what it proposes, staff's public review, the vote it went to, and its fate.</summary>
public sealed class ProjectModel(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, BudgetProjects projects, IEnumerable<IContributionSource> sources)
    : ParvisPageModel, IProcessPage
{
    [BindProperty]
    [Display(Name = "Field.ProjectFeasible")]
    public bool Feasible { get; set; } = true;

    [BindProperty]
    [Range(1, BudgetProjects.MostMoney, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.ProjectCost")]
    public long? Cost { get; set; }

    [BindProperty]
    [StringLength(BudgetProject.ReviewTextMax, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.ProjectReview")]
    public string? ReviewText { get; set; }

    public BudgetProject Project { get; private set; } = default!;
    public BudgetArea Area { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public string? Author { get; private set; }
    public FateView Fate { get; private set; } = default!;

    /// <summary>The votes that put it on their ballot.</summary>
    public IReadOnlyList<(Guid Id, string Question)> Votes { get; private set; } = [];

    public bool CanReview { get; private set; }
    public bool CanDecideFate { get; private set; }

    public Guid? ComponentId => Project?.ComponentId;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        (Feasible, Cost, ReviewText) = (Project.Review != ProjectReview.NotFeasible, Project.Cost, Project.ReviewText);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!CanReview)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await projects.ReviewAsync(id, new ReviewInput(Feasible, Cost, ReviewText ?? ""));
        var field = result.ErrorKey is "Votes.Project.CostNeeded" or "Votes.Project.CostOverArea" ? nameof(Cost) : nameof(ReviewText);
        return After(result, "Votes.Project.Reviewed", $"/votes/projects/{id}", field);
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var project = await db.BudgetProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisation.Id);
        var process = project is null ? null : await db.Processes.AsNoTracking().Include(p => p.Phases).FirstOrDefaultAsync(p => p.Id == project.ProcessId && p.Published);
        if (project is null || process is null)
        {
            return false;
        }
        (Project, Process) = (project, process);
        Area = await db.BudgetAreas.AsNoTracking().FirstAsync(a => a.Id == project.AreaId);
        Author = await db.Users.Where(u => u.Id == project.AuthorId).Select(u => u.Pseudonym).FirstOrDefaultAsync();
        Fate = await FateView.LoadAsync(db, ShownContributions.Of(db, sources), id);
        Votes = [.. (await db.VoteOptions.AsNoTracking().Where(o => o.ProjectId == id)
            .Join(db.Votes, o => o.VoteId, v => v.Id, (o, v) => new { v.Id, v.Question, v.CreatedAt }).OrderBy(v => v.CreatedAt).ToListAsync())
            .Select(v => (v.Id, v.Question))];
        CanReview = await authorizer.CanAsync(VotesPermissions.Manage, process, project.ComponentId);
        CanDecideFate = await authorizer.CanAsync(Permission.Analyse, process);
        return true;
    }
}
