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

    /// <summary>The debate's arguments as anyone may read them, each with its replies, by support within each side.</summary>
    protected async Task<IReadOnlyList<ArgumentView>> ArgumentsAsync()
    {
        var arguments = await db.Arguments.AsNoTracking().Where(a => a.DebateId == Debate.Id && a.HiddenAt == null && a.ErasedAt == null)
            .OrderByDescending(a => a.Supports).ThenBy(a => a.CreatedAt).ToListAsync();
        var replies = (await db.ArgumentReplies.AsNoTracking().Where(r => r.DebateId == Debate.Id && r.HiddenAt == null && r.ErasedAt == null)
            .OrderBy(r => r.CreatedAt).ToListAsync()).ToLookup(r => r.ArgumentId);
        var authors = arguments.Select(a => a.AuthorId).Concat(replies.SelectMany(r => r).Select(r => r.AuthorId)).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(p => authors.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Pseudonym);
        string? Name(Guid? id) => id is { } known ? names.GetValueOrDefault(known) : null;
        return [.. arguments.Select(a => new ArgumentView(a, Name(a.AuthorId), [.. replies[a.Id].Select(r => (r, Name(r.AuthorId)))]))];
    }
}

/// <summary>An argument as the page shows it: who wrote it (a pseudonym, an origin, or the invited), and its replies.</summary>
public sealed record ArgumentView(Argument Argument, string? Author, IReadOnlyList<(ArgumentReply Reply, string? Author)> Replies);
