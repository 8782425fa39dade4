using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes.Pages;

/// <summary>A vote's count with its explanation, and its ballots for anyone to count again.</summary>
public sealed class ResultsModel(ParvisDbContext db, VoteCommands commands, ProcessAccess processes, TimeProvider clock)
    : VotePage(db, commands, processes, clock)
{
    public VoteResults Results { get; private set; } = default!;

    public string Title(int option) => Options[option].Title;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id) || await Commands.ResultsAsync(id) is not { } results)
        {
            return NotFound();
        }
        Results = results;
        return Page();
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
