using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Notifications;

/// <summary>Something one can follow, as its module knows it: its process, its title and its page.</summary>
public sealed record Followable(Guid ProcessId, string Title, string Address);

/// <summary>
/// Following and unfollowing, and each person's choices of what they hear and when. What is followed is found through
/// the process, the contributions, or the module that holds it, never through what the page posted, so a follow's
/// title and page are always the subject's own and only a published process's subjects can be followed.
/// </summary>
public sealed class FollowCommands(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, ProcessAccess processes,
    ModuleCatalog modules, IEnumerable<IContributionSource> sources, TimeProvider clock, SharedData shared, ContentChanges changes)
{
    private ParvisDbContext Db => database.Context;

    /// <summary>
    /// Whether the signed-in person follows the subject: as they chose, or, without a choice, by being involved in it
    /// (its author, a supporter) as the page knows.
    /// </summary>
    public async Task<bool> FollowsAsync(Guid subjectId, bool involved = false)
    {
        if (authorizer.PersonId is not { } person)
        {
            return false;
        }
        // Read once and kept until follows change on any node, as supports are: a signed-in page asks the database nothing of its own.
        var chosen = await shared.GetAsync($"follows:{person}", async () =>
            (IReadOnlyDictionary<Guid, bool>)await Db.Follows.AsNoTracking().Where(f => f.PersonId == person).ToDictionaryAsync(f => f.SubjectId, f => f.Following),
            ChangeKind.Follows, choices => 64L + 48L * choices.Count);
        return chosen.TryGetValue(subjectId, out var following) ? following : involved;
    }

    /// <summary>The places one person follows in an organisation at most.</summary>
    public const int PlacesMax = 50;

    /// <param name="kind">What is followed.</param>
    /// <param name="subjectId">Its id.</param>
    /// <param name="following">Whether to follow it or to stop.</param>
    /// <param name="place">For a place, its name, whose id <paramref name="subjectId"/> must be.</param>
    public async Task<CommandResult> FollowAsync(FollowedKind kind, Guid subjectId, bool following, string? place = null)
    {
        if (authorizer.PersonId is not { } person)
        {
            return CommandResult.Refused("Error.SignInRequired");
        }
        var subject = kind == FollowedKind.Place
            ? Places.Clean(place) is { } name && Places.IdOf(name) == subjectId ? new Followable(Guid.Empty, name, Places.Address(name)) : null
            : await FindAsync(kind, subjectId);
        // A place is the organisation's; anything else must be a published process's.
        if (subject is null || (kind != FollowedKind.Place && await processes.FindAsync(subject.ProcessId) is null))
        {
            return CommandResult.Missing();
        }
        var follow = await Db.Follows.FirstOrDefaultAsync(f => f.PersonId == person && f.SubjectId == subjectId);
        // A place is any name one types: each notice naming places reads every place followed, so one person's are bounded.
        if (kind == FollowedKind.Place && following && follow?.Following != true
            && await Db.Follows.CountAsync(f => f.PersonId == person && f.OrganisationId == organisation.Id && f.Kind == FollowedKind.Place && f.Following) >= PlacesMax)
        {
            return CommandResult.Refused("Notify.Follow.TooManyPlaces");
        }
        if (follow is null)
        {
            follow = new Follow { PersonId = person, OrganisationId = organisation.Id, SubjectId = subjectId, Kind = kind, Title = "", Address = "" };
            Db.Follows.Add(follow);
        }
        follow.Following = following;
        follow.Title = Text.Excerpts.Fit(subject.Title, Follow.TitleMax);
        follow.Address = subject.Address;
        follow.ChosenAt = clock.GetUtcNow();
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same choice posted twice at once: the first one stands, and says the same.
        }
        Told(organisation.Id);
        return CommandResult.Done(subjectId);
    }

    /// <summary>Stops one item, or every message, from a signed link: no sign-in, the link is the proof.</summary>
    public async Task StopAsync(Guid personId, Guid? itemId)
    {
        // A link from a message kept after its person's account was erased: there is nobody to stop anything for.
        if (!await Db.Users.AnyAsync(p => p.Id == personId))
        {
            return;
        }
        try
        {
            await StopForAsync(personId, itemId);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same link followed twice at once (a mail program and its person): the first one stopped it.
        }
    }

    private async Task StopForAsync(Guid personId, Guid? itemId)
    {
        if (itemId is { } item)
        {
            var follow = await Db.Follows.FirstOrDefaultAsync(f => f.PersonId == personId && f.SubjectId == item);
            if (follow is null)
            {
                var raised = await Db.NotificationEvents.Where(e => e.ItemId == item).OrderByDescending(e => e.RaisedAt)
                    .Select(e => new { e.OrganisationId, e.ItemTitle, e.Address }).FirstOrDefaultAsync();
                if (raised is null)
                {
                    return;
                }
                follow = new Follow { PersonId = personId, OrganisationId = raised.OrganisationId, SubjectId = item, Kind = FollowedKind.Item, Title = raised.ItemTitle, Address = raised.Address };
                Db.Follows.Add(follow);
            }
            follow.Following = false;
            follow.ChosenAt = clock.GetUtcNow();
            await Db.SaveChangesAsync();
            Told(follow.OrganisationId);
            return;
        }
        await SaveSettingsAsync(personId, settings => settings.EmailsOff = true);
    }

    /// <summary>The person stops following one of their follows, whatever became of its subject (hidden, closed, removed).</summary>
    public async Task StopFollowingAsync(Guid personId, Guid subjectId)
    {
        await Db.Follows.Where(f => f.PersonId == personId && f.SubjectId == subjectId)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Following, false).SetProperty(f => f.ChosenAt, clock.GetUtcNow()));
        Told(organisation.Id);
    }

    /// <summary>
    /// Follows are written quietly (pages others see do not change), so the follow buttons' kept choices are told
    /// here, on every node.
    /// </summary>
    private void Told(Guid organisationId) => changes.Committed(ChangeKind.Follows, organisationId);

    public async Task<NotificationSettings> SettingsAsync(Guid personId) =>
        await Db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == personId) ?? new NotificationSettings { PersonId = personId };

    public async Task<Dictionary<string, NotificationMode>> ChoicesAsync(Guid personId)
    {
        var chosen = await Db.NotificationChoices.Where(c => c.PersonId == personId).ToDictionaryAsync(c => c.Kind, c => c.Mode);
        return modules.NotificationKinds.ToDictionary(k => k.Key, k => chosen.GetValueOrDefault(k.Key, k.Default));
    }

    /// <summary>Keeps the choices that differ from each kind's default, with the hour, day, language and whether to receive e-mail.</summary>
    public async Task SaveChoicesAsync(Guid personId, IReadOnlyDictionary<string, NotificationMode> choices, int hour, DayOfWeek day, string? culture, bool emailsOff)
    {
        try
        {
            await using var transaction = await Db.Database.BeginTransactionAsync();
            await Db.NotificationChoices.Where(c => c.PersonId == personId).ExecuteDeleteAsync();
            Db.NotificationChoices.AddRange(modules.NotificationKinds
                .Where(k => choices.TryGetValue(k.Key, out var mode) && mode != k.Default)
                .Select(k => new NotificationChoice { PersonId = personId, Kind = k.Key, Mode = choices[k.Key] }));
            await Db.SaveChangesAsync();
            await SaveSettingsAsync(personId, settings => (settings.DigestHour, settings.WeeklyDay, settings.Culture, settings.EmailsOff) = (hour, day, culture, emailsOff));
            await transaction.CommitAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same choices posted twice at once: the first saved them.
        }
    }

    private async Task SaveSettingsAsync(Guid personId, Action<NotificationSettings> change)
    {
        var settings = await Db.NotificationSettings.FirstOrDefaultAsync(s => s.PersonId == personId);
        if (settings is null)
        {
            settings = new NotificationSettings { PersonId = personId };
            Db.NotificationSettings.Add(settings);
        }
        change(settings);
        await Db.SaveChangesAsync();
    }

    /// <summary>The person's follows in this organisation, newest first; none of what moderation hid, whatever its module.</summary>
    public Task<List<Follow>> FollowedAsync(Guid personId)
    {
        var follows = Db.Follows.AsNoTracking().Where(f => f.PersonId == personId && f.OrganisationId == organisation.Id && f.Following
            && !Db.Contributions.Any(c => c.Id == f.SubjectId && (c.HiddenAt != null || c.ErasedAt != null)));
        foreach (var unshown in ShownContributions.Unshown(Db, sources))
        {
            follows = follows.Where(f => !unshown.Contains(f.SubjectId));
        }
        return follows.OrderByDescending(f => f.ChosenAt).Take(500).ToListAsync();
    }

    private async Task<Followable?> FindAsync(FollowedKind kind, Guid subjectId)
    {
        switch (kind)
        {
            case FollowedKind.Process:
                return await Db.Processes.Where(p => p.Id == subjectId && p.OrganisationId == organisation.Id)
                    .Select(p => new Followable(p.Id, p.Title, "/processes/" + p.Slug)).FirstOrDefaultAsync();
            case FollowedKind.Theme:
                return await Db.Themes.Where(t => t.Id == subjectId).Join(Db.Processes.Where(p => p.OrganisationId == organisation.Id), t => t.ProcessId, p => p.Id,
                    (t, p) => new Followable(p.Id, t.Name, "/processes/" + p.Slug + "/proposals?theme=" + t.Id)).FirstOrDefaultAsync();
        }
        var contribution = await ShownContributions.Of(Db, sources).FirstOrDefaultAsync(c => c.Id == subjectId && c.OrganisationId == organisation.Id);
        if (contribution is not null)
        {
            return new Followable(contribution.ProcessId, contribution.Caption, contribution.Address);
        }
        foreach (var module in modules.Modules)
        {
            if (await module.FollowableAsync(Db, organisation.Id, subjectId) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}

/// <summary>What the follow button shows: the subject, and whether the signed-in person follows it already.</summary>
public sealed record FollowButton(FollowedKind Kind, Guid SubjectId, string Title, bool Following);
