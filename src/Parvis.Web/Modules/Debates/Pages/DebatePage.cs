using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Debates.Pages;

/// <summary>The pages about one debate: the debate and its process (published, or staff's).</summary>
public abstract class DebatePage(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes) : ParvisPageModel, IProcessPage
{
    public Debate Debate { get; private set; } = default!;
    public Process Process { get; private set; } = default!;

    public string Address => $"/debates/{Debate.Id}";

    protected ParvisDbContext Db => db;

    protected async Task<bool> LoadDebateAsync(Guid id)
    {
        var debate = await db.Debates.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.OrganisationId == organisation.Id);
        var process = debate is null ? null : await processes.FindAsync(debate.ProcessId, DebatesModule.Key);
        if (debate is null || process is null)
        {
            return false;
        }
        (Debate, Process) = (debate, process);
        return true;
    }

    /// <summary>Arguments a page shows on each side: a busy debate's page stays light.</summary>
    public const int ArgumentsPerSide = 25;

    /// <summary>The debate's arguments anyone may read.</summary>
    protected IQueryable<Argument> ShownArguments => db.Arguments.AsNoTracking().Where(a => a.DebateId == Debate.Id && a.HiddenAt == null && a.ErasedAt == null);

    /// <summary>Everyone's arguments (not the invited positions) of a side, the most supported first.</summary>
    protected IOrderedQueryable<Argument> BySupport(Side side) =>
        ShownArguments.Where(a => a.Side == side && a.Invited == "").OrderByDescending(a => a.Supports).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id);

    /// <summary>
    /// The debate's arguments as anyone may read them, each with its replies, by support within each side: all of
    /// them, or a page's (<see cref="ArgumentsPerSide"/> of each side, and the invited positions on the first).
    /// </summary>
    protected async Task<IReadOnlyList<ArgumentView>> ArgumentsAsync(int? page = null)
    {
        List<Argument> arguments;
        if (page is { } number)
        {
            arguments = number == 1 ? await ShownArguments.Where(a => a.Invited != "").OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync() : [];
            foreach (var side in Enum.GetValues<Side>())
            {
                arguments.AddRange(await BySupport(side).Skip((number - 1) * ArgumentsPerSide).Take(ArgumentsPerSide).ToListAsync());
            }
        }
        else
        {
            arguments = await ShownArguments.OrderByDescending(a => a.Supports).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync();
        }
        var ids = arguments.Select(a => a.Id).ToList();
        var replies = (await db.ArgumentReplies.AsNoTracking().Where(r => ids.Contains(r.ArgumentId) && r.HiddenAt == null && r.ErasedAt == null)
            .OrderBy(r => r.CreatedAt).ToListAsync()).ToLookup(r => r.ArgumentId);
        var authors = arguments.Select(a => a.AuthorId).Concat(replies.SelectMany(r => r).Select(r => r.AuthorId)).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(p => authors.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Pseudonym);
        string? Name(Guid? id) => id is { } known ? names.GetValueOrDefault(known) : null;
        return [.. arguments.Select(a => new ArgumentView(a, Name(a.AuthorId), [.. replies[a.Id].Select(r => (r, Name(r.AuthorId)))]))];
    }
}

/// <summary>An argument as the page shows it: who wrote it (a pseudonym, an origin, or the invited), and its replies.</summary>
public sealed record ArgumentView(Argument Argument, string? Author, IReadOnlyList<(ArgumentReply Reply, string? Author)> Replies);
