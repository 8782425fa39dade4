using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>A vote's count with its explanation, and its ballots for anyone to count again.</summary>
public sealed class ResultsModel(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock, Authorizer authorizer, BudgetProjects projects)
    : VotePage(db, commands, processes, clock)
{
    public VoteResults Results { get; private set; } = default!;

    /// <summary>A closed budget of submitted projects, for those who build the synthesis: its funded projects can become actions.</summary>
    public bool CanFund { get; private set; }

    /// <summary>A decision by consent: its objections and their answers.</summary>
    public IReadOnlyList<(VoteObjection Objection, string? By)> Objections { get; private set; } = [];

    public string Title(int option) => Options[option].Title;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id) || await Commands.ResultsAsync(id) is not { } results)
        {
            return NotFound();
        }
        Results = results;
        Objections = Vote.Consenting ? await Commands.ObjectionsAsync(id) : [];
        CanFund = Now >= Vote.ClosesAt && !results.Withheld && Options.Any(o => o.ProjectId is not null) && await authorizer.CanAsync(Permission.Analyse, Process);
        return Page();
    }

    /// <summary>Makes the funded projects actions followed in the results, each project's fate pointing to its action.</summary>
    public async Task<IActionResult> OnPostFundAsync(Guid id)
    {
        if (await OnGetAsync(id) is not PageResult page)
        {
            return NotFound();
        }
        var result = await projects.FundAsync(id);
        return Refusal(result) ?? (result.Succeeded ? Funded() : page);

        IActionResult Funded()
        {
            Flash("Votes.Funded");
            return Redirect($"/processes/{Process.Slug}/results");
        }
    }

    public async Task<IActionResult> OnGetBallotsAsync(Guid id, BallotFormat? format)
    {
        if (format is null || !await LoadAsync(id) || await Commands.BallotsAsync(id, format.Value) is not { } file)
        {
            return NotFound();
        }
        return File(file.Bytes, format == BallotFormat.Csv ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8", file.FileName);
    }
}
