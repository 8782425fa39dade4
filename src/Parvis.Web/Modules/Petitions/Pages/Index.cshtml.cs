using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.Petitions.Pages;

/// <summary>A petition as listed: where it stands and its signatures, online and on paper together.</summary>
public sealed record PetitionLine(Guid Id, string Title, PetitionStage Stage, int Signatures, string Language);

/// <summary>
/// The petitions of a process: those open to signatures first, then those awaiting or given an answer, then those
/// refused; and, for a signed-in person, the petitions whose committee they are on while it is formed or reviewed.
/// </summary>
public sealed class IndexModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer) : PetitionsPage(db, organisation)
{
    public IReadOnlyList<PetitionLine> Petitions { get; private set; } = [];
    public IReadOnlyList<PetitionLine> Mine { get; private set; } = [];
    public Decision Writing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadProcessAsync(slug))
        {
            return NotFound();
        }
        Writing = await authorizer.DecideAsync(PetitionsPermissions.Write, Process);
        var petitions = Db.Petitions.AsNoTracking().Where(p => p.ProcessId == Process.Id && p.HiddenAt == null && p.ErasedAt == null);
        var lines = await Lines(petitions.Where(p => p.Stage != PetitionStage.Committee && p.Stage != PetitionStage.Review));
        Petitions = [.. lines.OrderBy(p => Order(p.Stage)).ThenByDescending(p => p.Signatures)];
        if (authorizer.PersonId is { } person)
        {
            var members = Db.CommitteeMembers;
            Mine = await Lines(petitions.Where(p => (p.Stage == PetitionStage.Committee || p.Stage == PetitionStage.Review)
                && members.Any(m => m.PetitionId == p.Id && m.PersonId == person)));
        }
        return Page();
    }

    private static int Order(PetitionStage stage) => stage switch
    {
        PetitionStage.Signing => 0,
        PetitionStage.AwaitingAnswer => 1,
        PetitionStage.Answered => 2,
        _ => 3,
    };

    private async Task<IReadOnlyList<PetitionLine>> Lines(IQueryable<Petition> petitions)
    {
        var sheets = Db.SignatureSheets;
        return await petitions.OrderBy(p => p.CreatedAt)
            .Select(p => new PetitionLine(p.Id, p.Title, p.Stage, p.OnlineSignatures + (sheets.Where(s => s.PetitionId == p.Id).Sum(s => (int?)s.Signatures) ?? 0), p.Language))
            .ToListAsync();
    }
}
