using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>
/// An event to tell: what happened (a kind and the sentence's arguments), on which item, and who is concerned beyond
/// those who follow the item.
/// </summary>
/// <param name="Kind">A kind declared by the kernel or a module.</param>
/// <param name="OrganisationId">Whose event it is.</param>
/// <param name="ProcessId">The process it happened in.</param>
/// <param name="ItemId">The item digests group it under (a proposal, a petition, a contribution that got its fate).</param>
/// <param name="ItemTitle">The item's title as it reads now.</param>
/// <param name="Address">The item's page.</param>
/// <param name="Arguments">The arguments of the kind's sentence.</param>
public sealed record Notice(NotificationKind Kind, Guid OrganisationId, Guid? ProcessId, Guid ItemId, string ItemTitle, string Address, params NoticeArgument[] Arguments)
{
    /// <summary>Those the event is about (the author of a contribution that got its fate, the one replied to).</summary>
    public IReadOnlyCollection<Guid> AboutYou { get; init; } = [];

    /// <summary>
    /// Those involved in the item (who wrote, commented, supported, signed, registered): they hear of it as its
    /// followers do, until they unfollow it.
    /// </summary>
    public IQueryable<Guid>? Involved { get; init; }

    /// <summary>Also told to those who follow the whole process.</summary>
    public bool ToProcessFollowers { get; init; }

    /// <summary>Where the item takes place (a meeting's sites, names and addresses): those who follow a place they name are told too.</summary>
    public IReadOnlyCollection<string> Places { get; init; } = [];

    /// <summary>The item's theme: those who follow it are told too.</summary>
    public Guid? ThemeId { get; init; }

    /// <summary>The contribution the arguments quote, hidden with it (<see cref="NotificationEvent.SourceId"/>).</summary>
    public Guid? SourceId { get; init; }

    /// <summary>Who acted, never told of their own act.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>For what a schedule raises: an event with the same key is raised once.</summary>
    public string? DedupeKey { get; init; }
}

/// <summary>
/// An argument of an event's sentence: what someone wrote, as written; an interface text, or a moment, written in
/// each reader's language when read.
/// </summary>
public sealed record NoticeArgument(string Value, NoticeArgumentKind Kind = NoticeArgumentKind.Written)
{
    public static implicit operator NoticeArgument(string value) => new(value);

    public static NoticeArgument Text(string key) => new(key, NoticeArgumentKind.TextKey);

    public static NoticeArgument Moment(DateTimeOffset moment) =>
        new(moment.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture), NoticeArgumentKind.Moment);

    /// <summary>The argument as the reader reads it, in the current culture.</summary>
    public string Read(Microsoft.Extensions.Localization.IStringLocalizer text) => Kind switch
    {
        NoticeArgumentKind.TextKey => text[Value].Value,
        NoticeArgumentKind.Moment => DateTimeOffset.Parse(Value, System.Globalization.CultureInfo.InvariantCulture)
            .ToLocalTime().ToString("f", System.Globalization.CultureInfo.CurrentCulture),
        _ => Value,
    };
}

public enum NoticeArgumentKind
{
    Written,
    TextKey,
    Moment,
}

/// <summary>
/// Raises events: one row for the event and one per person concerned, added to the caller's unit of work so that the
/// event exists exactly when what it tells of does.
/// </summary>
public sealed class Notifier(DatabaseOnDemand database, TimeProvider clock)
{
    // Accents and quotes as they are: escaped, a French sentence would take several times its length in the column.
    internal static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The arguments as stored, cut shorter until they fit their column.</summary>
    private static string Arguments(IReadOnlyList<NoticeArgument> arguments)
    {
        for (var each = 600; ; each /= 2)
        {
            var json = JsonSerializer.Serialize(arguments.Select(a => a.Kind == NoticeArgumentKind.Written ? a with { Value = Excerpts.Fit(a.Value, each) } : a), Json);
            if (json.Length <= NotificationEvent.ArgumentsMax || each < 20)
            {
                return json;
            }
        }
    }

    private ParvisDbContext Db => database.Context;

    /// <summary>Adds the event and its readers to the context; the caller's SaveChanges writes them with its change.</summary>
    /// <returns>How many people it reaches.</returns>
    public async Task<int> RaiseAsync(Notice notice)
    {
        var now = clock.GetUtcNow();
        var unfollowed = Db.Follows.Where(f => f.SubjectId == notice.ItemId && !f.Following).Select(f => f.PersonId);
        // The item's followers; its theme's, who follow what is said there; the process's, for news of the process.
        Guid[] subjects =
        [
            notice.ItemId, .. notice.ThemeId is { } theme ? [theme] : Array.Empty<Guid>(),
            .. notice.ToProcessFollowers && notice.ProcessId is { } process ? [process] : Array.Empty<Guid>(),
        ];
        var concerned = Db.Follows.Where(f => f.OrganisationId == notice.OrganisationId && subjects.Contains(f.SubjectId) && f.Following).Select(f => f.PersonId);
        if (notice.Involved is { } involved)
        {
            concerned = concerned.Union(involved);
        }
        var readers = (await concerned.Where(p => !unfollowed.Contains(p)).Distinct().ToListAsync()).ToHashSet();
        if (notice.Places.Count > 0)
        {
            // Few places are followed in an organisation: their names are matched here, as whole words, accents aside.
            var places = await Db.Follows.Where(f => f.OrganisationId == notice.OrganisationId && f.Kind == FollowedKind.Place && f.Following
                    && !unfollowed.Contains(f.PersonId))
                .Select(f => new { f.PersonId, f.Title }).ToListAsync();
            readers.UnionWith(places.Where(p => notice.Places.Any(text => Notifications.Places.Mentions(text, p.Title))).Select(p => p.PersonId));
        }
        var aboutYou = notice.AboutYou.ToHashSet();
        if (aboutYou.Count > 0)
        {
            // Told of what concerns them, unless they asked to hear no more of this item.
            var stopped = await unfollowed.Where(p => aboutYou.Contains(p)).ToListAsync();
            aboutYou.ExceptWith(stopped);
            readers.UnionWith(aboutYou);
        }
        if (notice.ActorId is { } actor)
        {
            readers.Remove(actor);
        }

        var raised = new NotificationEvent
        {
            OrganisationId = notice.OrganisationId,
            ProcessId = notice.ProcessId,
            Kind = notice.Kind.Key,
            ItemId = notice.ItemId,
            ThemeId = notice.ThemeId,
            SourceId = notice.SourceId,
            ItemTitle = Excerpts.Fit(notice.ItemTitle, Follow.TitleMax),
            Address = notice.Address,
            Arguments = Arguments(notice.Arguments),
            RaisedAt = now,
            DedupeKey = notice.DedupeKey,
        };
        Db.NotificationEvents.Add(raised);
        Db.Notifications.AddRange(readers.Select(person => new Notification
        {
            EventId = raised.Id,
            PersonId = person,
            OrganisationId = notice.OrganisationId,
            AboutYou = aboutYou.Contains(person),
            CreatedAt = now,
        }));
        return readers.Count;
    }
}

/// <summary>
/// What of the events may still be read: none about or quoting a contribution moderation hid or its author erased, or
/// one withheld with what it is read under (a comment of a hidden proposal); none about a module's item moderation hid.
/// </summary>
public static class ShownEvents
{
    public static IQueryable<NotificationEvent> Of(ParvisDbContext db, IEnumerable<Contributions.IContributionSource> sources)
    {
        var shown = db.NotificationEvents.Where(e => !db.Contributions.Any(c => (c.Id == e.ItemId || c.Id == e.SourceId) && (c.HiddenAt != null || c.ErasedAt != null)));
        foreach (var unshown in Contributions.ShownContributions.Unshown(db, sources))
        {
            shown = shown.Where(e => !unshown.Contains(e.ItemId) && !(e.SourceId != null && unshown.Contains(e.SourceId.Value)));
        }
        return shown;
    }
}
