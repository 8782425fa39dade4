using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Territory;

/// <summary>An actor of the territory as other pages name it: a directory's entry, with its page.</summary>
public sealed record ActorChoice(Guid Id, string Name, string Commune, string Href, string Language);

/// <summary>
/// The actors of the territory a module keeps (the directory's entries), offered wherever an item can name one: a
/// result's carrier. The kernel knows them only through this; with no such module, nothing is offered.
/// </summary>
public interface IActorDirectory
{
    /// <summary>The actors of the organisation that can be named, by name.</summary>
    Task<IReadOnlyList<ActorChoice>> ChoicesAsync(ParvisDbContext db, Guid organisationId);

    /// <summary>One actor of the organisation, listed or closed; null for anything else.</summary>
    Task<ActorChoice?> FindAsync(ParvisDbContext db, Guid organisationId, Guid actorId);
}

/// <summary>That an item of a process (a result, a resource) names an actor of the territory: the actor's page lists it.</summary>
public sealed class ActorMention
{
    public const int TitleMax = 300;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ActorId { get; set; }
    public Guid ProcessId { get; set; }

    /// <summary>The item that names the actor; one mention per item and kind.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>What the item is, a text key's last part ("Mention.{Kind}").</summary>
    public required string Kind { get; set; }

    public required string Title { get; set; }
    public required string Address { get; set; }
}

/// <summary>The items that name actors, read and written for the kernel's pages and the modules'.</summary>
public sealed class ActorMentions(ParvisDbContext db, CurrentOrganisation organisation, IEnumerable<IActorDirectory> directories, ModuleCatalog catalog)
{
    private IReadOnlyList<ActorChoice>? _choices;

    /// <summary>The actors that can be named, read once per request.</summary>
    public async Task<IReadOnlyList<ActorChoice>> ChoicesAsync()
    {
        if (_choices is null)
        {
            var choices = new List<ActorChoice>();
            foreach (var directory in directories)
            {
                choices.AddRange(await directory.ChoicesAsync(db, organisation.Id));
            }
            _choices = choices;
        }
        return _choices;
    }

    /// <summary>
    /// The actor a typed name is, when it is one of theirs to the letter but for case and accents (a facilitator types
    /// fast, a paper form is copied as written); null for anyone else.
    /// </summary>
    public async Task<ActorChoice?> MatchAsync(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var compare = System.Globalization.CultureInfo.InvariantCulture.CompareInfo;
        return (await ChoicesAsync()).FirstOrDefault(a => compare.Compare(a.Name, name.Trim(),
            System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace) == 0);
    }

    /// <summary>The actor an item names, if any and still known.</summary>
    public async Task<ActorChoice?> OfAsync(Guid subjectId, string kind)
    {
        var actor = await db.ActorMentions.Where(m => m.SubjectId == subjectId && m.Kind == kind && m.OrganisationId == organisation.Id)
            .Select(m => (Guid?)m.ActorId).FirstOrDefaultAsync();
        return actor is { } id ? await FindAsync(id) : null;
    }

    /// <summary>
    /// Has the item name this actor, or none; false when the actor is not one of the organisation's. Saved with the
    /// caller's changes.
    /// </summary>
    public async Task<bool> SetAsync(Guid subjectId, string kind, Guid? actorId, Guid processId, string title, string address)
    {
        if (actorId is { } id && await FindAsync(id) is null)
        {
            return false;
        }
        // The item's mention is changed in place: a row deleted and another inserted with the same key could be
        // written in either order.
        var mention = db.ActorMentions.Local.FirstOrDefault(m => m.SubjectId == subjectId && m.Kind == kind)
            ?? await db.ActorMentions.FirstOrDefaultAsync(m => m.SubjectId == subjectId && m.Kind == kind);
        if (actorId is not { } named)
        {
            if (mention is not null)
            {
                db.ActorMentions.Remove(mention);
            }
            return true;
        }
        if (mention is null)
        {
            mention = new ActorMention { OrganisationId = organisation.Id, SubjectId = subjectId, Kind = kind, Title = "", Address = "" };
            db.ActorMentions.Add(mention);
        }
        (mention.ActorId, mention.ProcessId, mention.Title, mention.Address) =
            (named, processId, Excerpts.Clip(title, ActorMention.TitleMax), address);
        return true;
    }

    /// <summary>Where an actor is named, in the organisation's published processes.</summary>
    public async Task<IReadOnlyList<ActorMention>> WhereAsync(Guid actorId)
    {
        var published = db.Processes.Where(p => p.Published).Select(p => p.Id);
        // A contribution moderation hid or its author erased takes its mention with it.
        var withdrawn = db.Contributions.Where(c => c.HiddenAt != null || c.ErasedAt != null || c.Fate == Contributions.Fate.Merged).Select(c => c.Id);
        var found = await db.ActorMentions.AsNoTracking()
            .Where(m => m.ActorId == actorId && m.OrganisationId == organisation.Id && published.Contains(m.ProcessId) && !withdrawn.Contains(m.SubjectId))
            .OrderBy(m => m.Kind).ThenBy(m => m.Title).ToListAsync();
        var processIds = found.Select(m => m.ProcessId).Distinct().ToList();
        var processes = await db.Processes.AsNoTracking().Where(p => processIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        // A module's items go out of sight with the module, when a process switches it off.
        return [.. found.Where(m => catalog.Modules.FirstOrDefault(x => x.MentionKinds.Contains(m.Kind)) is not { } module || processes[m.ProcessId].Uses(module.Name))];
    }

    private async Task<ActorChoice?> FindAsync(Guid actorId)
    {
        foreach (var directory in directories)
        {
            if (await directory.FindAsync(db, organisation.Id, actorId) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
