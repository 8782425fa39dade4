using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

/// <summary>
/// A published process as the home page shows it: what it is, how much was said and by how many people with an
/// account, how many appointments are to come, and what one can do there today.
/// </summary>
public sealed record ProcessCard(Process Process, int Contributions, int Participants, int Upcoming, IReadOnlyList<ComponentActions> Actions);

[OutputCache(PolicyName = PublicPagePolicy.Name)]
public sealed class IndexModel(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, SharedData shared, ModuleCatalog modules,
    IEnumerable<IContributionSource> sources, TimeProvider clock) : ParvisPageModel
{
    private ParvisDbContext Db => database.Context;

    public IReadOnlyList<ProcessCard> Processes { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = authorizer.Today();
        var hour = ActionHour.Of(clock.GetLocalNow());
        // The same for everyone, read again when processes change or the hour turns: the counts and what the tools offer
        // may lag an hour behind what is contributed, rather than be read again after every support.
        Processes = await shared.GetAsync($"home:{organisation.Id}:{hour:yyyy-MM-ddTHH}", () => CardsAsync(hour), ChangeKind.Processes);
    }

    private async Task<IReadOnlyList<ProcessCard>> CardsAsync(DateTimeOffset hour)
    {
        var processes = await Db.Processes.AsNoTracking()
            .Where(p => p.OrganisationId == organisation.Id && p.Published)
            .OrderByDescending(p => p.CreatedAt)
            .ToListAsync();
        var counts = await ShownContributions.Of(Db, sources).Where(c => c.OrganisationId == organisation.Id)
            .GroupBy(c => c.ProcessId).Select(g => new { ProcessId = g.Key, Count = g.Count(), Authors = g.Where(c => c.AuthorId != null).Select(c => c.AuthorId).Distinct().Count() })
            .ToDictionaryAsync(x => x.ProcessId);
        var cards = new List<ProcessCard>();
        foreach (var process in processes)
        {
            var count = counts.GetValueOrDefault(process.Id);
            cards.Add(new ProcessCard(process, count?.Count ?? 0, count?.Authors ?? 0, (await modules.UpcomingAsync(Db, process, hour, 0)).Count,
                await modules.ActionsAsync(Db, process, hour)));
        }
        return cards;
    }
}
