using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>That analysts said two contributions are not duplicates: the pair is not offered again.</summary>
public sealed class DuplicateDismissal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }

    /// <summary>The pair, the smaller id first, so that it is one row whichever way it was shown.</summary>
    public Guid FirstId { get; set; }

    public Guid SecondId { get; set; }
    public DateTimeOffset DismissedAt { get; set; }
}

/// <summary>A likely duplicate as the queue shows it: both contributions, the score and the shared words.</summary>
public sealed record DuplicateView(Contribution First, Contribution Second, double Score, IReadOnlyList<string> Shared);

/// <summary>
/// The contributions of a process compared with one another, of every module and channel (workshop items, paper,
/// meetings, proposals, arguments…): the closest to one contribution, and the queue of likely duplicates. Nothing is
/// merged but by an analyst; a pair they dismiss is not offered again.
/// </summary>
public sealed class SimilarContributions(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, FateCommands fates, LatestEditions editions,
    AuditLog audit, TimeProvider clock)
{
    /// <summary>Pairs shown at once in the queue: decided, the next ones come up.</summary>
    public const int QueueShown = 30;

    /// <summary>
    /// The process's contributions not merged yet, compared. A comparison is kept while they stay the same ones (their
    /// number, the newest, the latest changed), whatever else the organisation writes meanwhile. A large process is
    /// compared again in the background (<see cref="LatestEditions"/>).
    /// </summary>
    public async Task<SimilarityIndex> IndexAsync(Process process)
    {
        var compared = Compared(process);
        var count = await compared.CountAsync();
        var newest = await compared.OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync();
        var revised = await compared.MaxAsync(c => c.RevisedAt);
        var edition = $"similarity:{process.Id}:{count}:{newest}:{revised?.UtcTicks}";
        return await editions.GetAsync<SimilarityIndex>(organisation, $"similarity:{process.Id}", edition, count,
            (services, earlier) => services.GetRequiredService<SimilarContributions>().BuildAsync(process, edition, earlier), index => index.Bytes);
    }

    /// <summary>
    /// From the comparison before, when there is one and few contributions came, changed or went since: only those
    /// that came or changed are read and compared. Otherwise all of them, in full.
    /// </summary>
    private async Task<SimilarityIndex> BuildAsync(Process process, string edition, SimilarityIndex? earlier)
    {
        if (earlier is not null)
        {
            var now = await Compared(process).Select(c => new { c.Id, c.RevisedAt }).ToDictionaryAsync(c => c.Id, c => c.RevisedAt);
            var came = now.Where(c => !earlier.Holds(c.Key, c.Value)).Select(c => c.Key).ToList();
            var gone = earlier.Ids.Where(id => !now.ContainsKey(id)).ToHashSet();
            if (earlier.Takes(came.Count + gone.Count))
            {
                var read = await Compared(process).AsNoTracking().Where(c => came.Contains(c.Id)).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync();
                return WithPairs(earlier.With([.. read.Select(Text)], gone, edition));
            }
        }
        var texts = await Compared(process).AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync();
        return WithPairs(SimilarityIndex.Build([.. texts.Select(Text)], edition));
    }

    // The likely pairs are found with the rest of the work, not by the first analyst who opens the queue.
    private static SimilarityIndex WithPairs(SimilarityIndex index)
    {
        index.Pairs(0, (_, _) => false);
        return index;
    }

    private static ComparedText Text(Contribution contribution) => new(contribution.Id, contribution.Excerpt, contribution.Language, contribution.RevisedAt);

    private IQueryable<Contribution> Compared(Process process) => fates.Awaiting(process).Where(c => c.Fate != Fate.Merged);

    /// <summary>The contributions closest to one, for an analyst.</summary>
    public async Task<IReadOnlyList<(Contribution Contribution, Similar Match)>> SimilarToAsync(Process process, Guid contributionId, int most = 5)
    {
        if (!CodeSuggestions.Offered(process) || !await authorizer.CanAsync(Permission.Analyse, process))
        {
            return [];
        }
        var matches = (await IndexAsync(process)).SimilarTo(contributionId, most);
        var found = await LoadAsync(matches.Select(m => m.Id));
        return [.. matches.Where(m => found.ContainsKey(m.Id)).Select(m => (found[m.Id], m))];
    }

    /// <summary>The likeliest duplicates not decided yet, the likeliest first.</summary>
    public async Task<IReadOnlyList<DuplicateView>> QueueAsync(Process process)
    {
        if (!CodeSuggestions.Offered(process))
        {
            return [];
        }
        var dismissed = (await db.DuplicateDismissals.Where(d => d.ProcessId == process.Id).Select(d => new { d.FirstId, d.SecondId }).ToListAsync())
            .Select(d => (d.FirstId, d.SecondId)).ToHashSet();
        var pairs = (await IndexAsync(process)).Pairs(QueueShown, (a, b) => dismissed.Contains(Ordered(a, b)));
        var found = await LoadAsync(pairs.SelectMany(p => new[] { p.First, p.Second }));
        // A contribution merged or hidden since the index was built is left out until it is built again. The later one
        // is offered to merge into the earlier: a text restored or imported with its date may stand after newer ones.
        return [.. pairs.Where(p => found.ContainsKey(p.First) && found.ContainsKey(p.Second))
            .Select(p => (First: found[p.First], Second: found[p.Second], p.Score, p.Shared))
            .Select(p => (p.First.CreatedAt, p.First.Id).CompareTo((p.Second.CreatedAt, p.Second.Id)) <= 0
                ? new DuplicateView(p.First, p.Second, p.Score, p.Shared)
                : new DuplicateView(p.Second, p.First, p.Score, p.Shared))];
    }

    /// <summary>The later of two contributions merged into the earlier one, as its fate says.</summary>
    public async Task<CommandResult> MergeAsync(Process process, Guid merged, Guid into) =>
        await PairAsync(process, merged, into) is { } refusal ? refusal : await fates.DecideAsync(merged, new FateInput(Fate.Merged, "", null, into));

    /// <summary>Analysts say the two are not duplicates: the pair is not offered again.</summary>
    public async Task<CommandResult> DismissAsync(Process process, Guid first, Guid second)
    {
        if (await authorizer.DecideAsync(Permission.Analyse, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (await PairAsync(process, first, second) is { } refusal)
        {
            return refusal;
        }
        var (a, b) = Ordered(first, second);
        if (!await db.DuplicateDismissals.AnyAsync(d => d.FirstId == a && d.SecondId == b))
        {
            db.DuplicateDismissals.Add(new DuplicateDismissal { OrganisationId = organisation.Id, ProcessId = process.Id, FirstId = a, SecondId = b, DismissedAt = clock.GetUtcNow() });
            audit.Record("duplicates.dismiss", $"process:{process.Id}", $"{a} {b}");
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // Dismissed by another analyst at the same moment: it is dismissed.
            }
        }
        return CommandResult.Done(process.Id);
    }

    /// <summary>Null when both are shown contributions of the process; otherwise why not.</summary>
    private async Task<CommandResult?> PairAsync(Process process, Guid first, Guid second) =>
        first != second && await fates.Shown.CountAsync(c => (c.Id == first || c.Id == second) && c.ProcessId == process.Id && c.OrganisationId == organisation.Id) == 2
            ? null
            : CommandResult.Missing();

    private async Task<Dictionary<Guid, Contribution>> LoadAsync(IEnumerable<Guid> ids)
    {
        var wanted = ids.Distinct().ToList();
        return await fates.Shown.AsNoTracking().Where(c => wanted.Contains(c.Id) && c.Fate != Fate.Merged).ToDictionaryAsync(c => c.Id);
    }

    private static (Guid, Guid) Ordered(Guid a, Guid b) => a.CompareTo(b) < 0 ? (a, b) : (b, a);
}
