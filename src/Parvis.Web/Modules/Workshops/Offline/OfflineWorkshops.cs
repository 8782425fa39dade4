using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Offline;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Territory;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Modules.Workshops.Offline;

/// <summary>A conflict found while importing a bundle: an interface text key and what it is about.</summary>
public sealed record OfflineConflict(string Key, string Subject);

/// <summary>What importing a bundle did.</summary>
public sealed record OfflineReport(int Added, int Updated, IReadOnlyList<OfflineConflict> Conflicts, DateTimeOffset? AlreadyImportedAt);

/// <summary>
/// The "débrayable" workshop: export a workshop to a laptop, run it there with no network, and bring the
/// session's contributions back. Importing is idempotent (items keep their ids), all or nothing, and what
/// was changed on both sides since the export is reported and left as the main installation has it.
/// </summary>
public sealed class OfflineWorkshops(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    ProcessAccess processes, ActorMentions actors) : IOfflinePackages
{
    public string Format => OfflinePayload.FormatName;

    public string Address(Guid id) => $"/workshops/{id}/console";

    public async Task<IReadOnlyList<ReceivedCopy>> ReceivedAsync() =>
        [.. (await db.OfflineLinks.AsNoTracking().Where(l => l.Role == OfflineRole.Copy)
                .Join(db.Workshops.Where(w => w.OrganisationId == organisation.Id), l => l.WorkshopId, w => w.Id, (l, w) => new { w.Id, w.Title, l.CreatedAt }).ToListAsync())
            .Select(r => new ReceivedCopy(r.Title, $"/workshops/{r.Id}/offline", r.CreatedAt))];

    /// <summary>On the main installation: the package for a laptop, with a key made for this export.</summary>
    public async Task<(CommandResult Result, byte[]? File)> ExportPackageAsync(Guid workshopId)
    {
        var (workshop, process, refusal) = await LoadAsync(workshopId, WorkshopsPermissions.Run);
        if (workshop is null || process is null)
        {
            return (refusal!, null);
        }
        var items = await db.WorkshopItems.AsNoTracking().Where(i => i.WorkshopId == workshop.Id).OrderBy(i => i.CreatedAt).ToListAsync();
        var themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        var snapshot = Snapshot(workshop, items.Select(ToFile).ToList());
        var link = new OfflineLink
        {
            WorkshopId = workshop.Id,
            Role = OfflineRole.Exported,
            Key = SignedFile.NewKey(),
            Baseline = JsonSerializer.Serialize(snapshot.Baseline),
            CreatedAt = clock.GetUtcNow(),
            CreatedById = authorizer.PersonId,
        };
        link.ExportId = link.Id;
        db.OfflineLinks.Add(link);
        audit.Record("workshop.offline-export", $"workshop:{workshop.Id}", link.Id.ToString());
        await db.SaveChangesAsync();
        var payload = new OfflinePayload
        {
            Kind = "package",
            ExportId = link.Id,
            Process = OfflineProcess.Of(process, themes),
            Workshop = snapshot.Workshop,
            Items = snapshot.Items,
            Baseline = snapshot.Baseline,
            Key = link.Key,
            CreatedAt = link.CreatedAt,
        };
        return (CommandResult.Done(link.Id), SignedFile.Write(payload, null));
    }

    /// <summary>
    /// On the laptop: sets up the workshop received in a package (its process, themes, times, groups and
    /// items, with the same ids) so it can be run without network, and keeps the key that signs the bundle.
    /// </summary>
    public async Task<CommandResult> ReceiveAsync(Stream file)
    {
        if (await authorizer.DecideAsync(WorkshopsPermissions.Manage) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (OfflineFiles.Read(file) is not { Payload: { Kind: "package", Key: { } key } package })
        {
            return CommandResult.Refused("Laptop.NotAPackage");
        }
        if (!SignedFile.Whole(package) || !SignedFile.IsKey(key) || !Sound(package))
        {
            return CommandResult.Refused("Laptop.Damaged");
        }
        if (await db.Workshops.AnyAsync(w => w.Id == package.Workshop.Id))
        {
            return CommandResult.Refused("Offline.AlreadyHere");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await OfflineProcess.CopyAsync(db, organisation.Id, package.Process, WorkshopsModule.Key) is not { } process)
        {
            return CommandResult.Refused("Laptop.NotAPackage");
        }
        var source = package.Workshop;
        var workshop = new Workshop
        {
            Id = source.Id, OrganisationId = organisation.Id, ProcessId = process.Id, Title = source.Title, Description = source.Description,
            Place = source.Place, StartsAt = source.StartsAt,
            JoinCode = !WorkshopCommands.IsCode(source.JoinCode) || await db.Workshops.AnyAsync(w => w.JoinCode == source.JoinCode)
                ? await WorkshopCommands.NewCodeAsync(db)
                : source.JoinCode,
        };
        Define(workshop, source);
        db.Workshops.Add(workshop);
        db.WorkshopItems.AddRange(package.Items.Select(i => NewItem(i, workshop)));
        db.OfflineLinks.Add(new OfflineLink
        {
            WorkshopId = workshop.Id, Role = OfflineRole.Copy, ExportId = package.ExportId, Key = key,
            Baseline = JsonSerializer.Serialize(package.Baseline), CreatedAt = clock.GetUtcNow(), CreatedById = authorizer.PersonId,
        });
        audit.Record("workshop.offline-copy", $"workshop:{workshop.Id}", package.ExportId.ToString());
        return await OfflinePackages.SaveAsync(db, transaction, workshop.Id);
    }

    /// <summary>
    /// A package is not signed: what it says of the workshop is checked as the editor would check it (times and
    /// tables, their bounds, themes of its process), so a changed file sets up nothing a page could not show.
    /// </summary>
    private static bool Sound(OfflinePayload package)
    {
        var (times, groups) = (package.Workshop.Times, package.Workshop.Groups);
        var themes = package.Process.Themes.Select(t => t.Id).ToHashSet();
        return package.Process.Sound && !string.IsNullOrWhiteSpace(package.Workshop.Title) && times.Count > 0 && groups.Count > 0 && Bounded(times)
            && groups.All(g => g.ThemeId is null || themes.Contains(g.ThemeId.Value))
            && times.DistinctBy(t => t.Id).Count() == times.Count && groups.DistinctBy(g => g.Id).Count() == groups.Count
            && package.Items.DistinctBy(i => i.Id).Count() == package.Items.Count;
    }

    /// <summary>Times within the editor's bounds (a time's length, its items): the pages computing with them take no others.</summary>
    private static bool Bounded(IEnumerable<OfflineTime> times) =>
        times.All(t => t.Minutes is null or (>= 1 and <= WorkshopTime.MinutesMax) && t.MinItems is null or (>= 1 and <= WorkshopTime.ItemsMax)
            && t.MaxItems is null or (>= 1 and <= WorkshopTime.ItemsMax) && !(t.MinItems > t.MaxItems));

    /// <summary>On the laptop: the session's bundle, signed with the package's key, to carry back to the main installation.</summary>
    public async Task<(CommandResult Result, byte[]? File)> ExportBundleAsync(Guid workshopId)
    {
        var (workshop, process, refusal) = await LoadAsync(workshopId, WorkshopsPermissions.Run);
        if (workshop is null || process is null)
        {
            return (refusal!, null);
        }
        var link = await db.OfflineLinks.AsNoTracking().Where(l => l.WorkshopId == workshop.Id && l.Role == OfflineRole.Copy).OrderByDescending(l => l.CreatedAt).FirstOrDefaultAsync();
        if (link is null)
        {
            return (CommandResult.Refused("Offline.NotACopy"), null);
        }
        // Numbered in the database: two downloads at once get two numbers.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.OfflineLinks.Where(l => l.Id == link.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.Bundles, l => l.Bundles + 1));
            link.Bundles = await db.OfflineLinks.Where(l => l.Id == link.Id).Select(l => l.Bundles).SingleAsync();
            await transaction.CommitAsync();
        }
        var items = await db.WorkshopItems.AsNoTracking().Where(i => i.WorkshopId == workshop.Id).OrderBy(i => i.CreatedAt).ToListAsync();
        var snapshot = Snapshot(workshop, items.Select(ToFile).ToList());
        var payload = new OfflinePayload
        {
            Kind = "bundle",
            ExportId = link.ExportId,
            Process = new OfflineProcess(process.Id, process.Slug, process.Title, process.Summary, []),
            Workshop = snapshot.Workshop,
            Items = snapshot.Items,
            Baseline = JsonSerializer.Deserialize<OfflineBaseline>(link.Baseline)!,
            CreatedAt = clock.GetUtcNow(),
            Number = link.Bundles,
        };
        return (CommandResult.Done(workshop.Id), SignedFile.Write(payload, Convert.FromBase64String(link.Key)));
    }

    /// <summary>
    /// On the main installation: brings a laptop's bundle in, in one transaction. A bundle that was changed,
    /// or answers no export of this workshop, is refused. Items new on the laptop are added (channel
    /// "offline"); items changed only on the laptop are updated; anything changed on both sides is reported
    /// and left as it is here, as is an item that cannot be taken (no text, an id already used), the others
    /// still imported. The same bundle imported again adds nothing.
    /// </summary>
    public async Task<(CommandResult Result, OfflineReport? Report)> ImportBundleAsync(Guid workshopId, Stream file)
    {
        var (workshop, process, refusal) = await LoadAsync(workshopId, WorkshopsPermissions.Run, tracked: true);
        if (workshop is null || process is null)
        {
            return (refusal!, null);
        }
        if (ProcessAccess.Closed(process) is { } closed)
        {
            return (closed, null);
        }
        if (OfflineFiles.Read(file) is not { Payload.Kind: "bundle" } read)
        {
            return (CommandResult.Refused("Offline.NotABundle"), null);
        }
        var (bundle, bytes, signature) = read;
        var link = await db.OfflineLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == bundle.ExportId && l.Role == OfflineRole.Exported);
        if (link is null || link.WorkshopId != workshop.Id || bundle.Workshop.Id != workshop.Id)
        {
            return (CommandResult.Refused("Offline.Foreign"), null);
        }
        if (!SignedFile.Verify(bytes, signature, Convert.FromBase64String(link.Key)))
        {
            return (CommandResult.Refused("Offline.Tampered"), null);
        }
        // Signed, a bundle is still only what its laptop wrote: it is checked as a package is (nulls where the records
        // allow none, numbers no enum names, times out of bounds). An item without text is only left out (below), as it
        // leaves the others whole; a table or a time twice, or another workshop's, would break the keys, and an item
        // pointing to one the workshop does not hold would break the pages showing it.
        var (groups, times) = (bundle.Workshop.Groups.Where(g => g is not null).Select(g => g.Id).ToList(), bundle.Workshop.Times.Where(t => t is not null).Select(t => t.Id).ToList());
        var known = bundle.Items.Where(i => i is not null).Select(i => i.Id).ToHashSet();
        var pointed = bundle.Items.Where(i => i is not null).SelectMany(i => new[] { i.ParentId, i.MergedIntoId }).OfType<Guid>().Where(id => !known.Contains(id)).Distinct().ToList();
        if (bundle.Items.Any(i => i is null) || groups.Count != bundle.Workshop.Groups.Count || times.Count != bundle.Workshop.Times.Count
            || !SignedFile.Whole(bundle with { Items = [.. bundle.Items.Where(i => i is not null && i.Text is not null)] }) || !Bounded(bundle.Workshop.Times)
            || pointed.Count > 0 && await db.WorkshopItems.CountAsync(i => i.WorkshopId == workshop.Id && pointed.Contains(i.Id)) != pointed.Count
            || groups.Distinct().Count() != groups.Count || times.Distinct().Count() != times.Count
            || await db.WorkshopGroups.AnyAsync(g => groups.Contains(g.Id) && g.WorkshopId != workshop.Id)
            || await db.WorkshopTimes.AnyAsync(t => times.Contains(t.Id) && t.WorkshopId != workshop.Id)
            || bundle.Items.Any(i => i.Text is { Length: > WorkshopItem.TextMax } || i.Actor?.Length > WorkshopItem.ActorMax || i.Origin?.Length > Contribution.OriginMax)
            || bundle.Workshop.Groups.Any(g => g.Name is not { Length: <= WorkshopGroup.NameMax } || g.Question is not { Length: <= WorkshopGroup.QuestionMax })
            || bundle.Workshop.Times.Any(t => t.Title is not { Length: <= WorkshopTime.TitleMax } || t.Instructions is not { Length: <= WorkshopTime.InstructionsMax }))
        {
            return (CommandResult.Refused("Offline.Invalid"), null);
        }
        // A theme staff removed while the laptop was away: its tables keep no theme.
        var themes = await db.Themes.Where(t => t.ProcessId == workshop.ProcessId).Select(t => t.Id).ToListAsync();
        bundle = bundle with
        {
            Workshop = bundle.Workshop with { Groups = [.. bundle.Workshop.Groups.Select(g => g.ThemeId is { } theme && !themes.Contains(theme) ? g with { ThemeId = null } : g)] },
        };
        var hash = Convert.ToHexString(SHA256.HashData(bytes));
        var earlier = await db.OfflineImports.AsNoTracking().Where(i => i.BundleHash == hash && i.WorkshopId == workshop.Id)
            .OrderBy(i => i.ImportedAt).Select(i => (DateTimeOffset?)i.ImportedAt).FirstOrDefaultAsync();
        var baseline = JsonSerializer.Deserialize<OfflineBaseline>(link.Baseline)!;
        if (baseline.Outdates(bundle))
        {
            return (CommandResult.Refused("Offline.Outdated"), null);
        }
        var conflicts = new List<OfflineConflict>();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var here = await db.WorkshopItems.Where(i => i.WorkshopId == workshop.Id).ToDictionaryAsync(i => i.Id);
        var ids = bundle.Items.Select(i => i.Id).ToList();
        // Ids another contribution has (another workshop's item, a proposal…): adding one would break the key.
        var taken = (await db.Contributions.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync()).Where(id => !here.ContainsKey(id)).ToHashSet();
        MergeDefinition(workshop, bundle, baseline, here.Values, conflicts);
        var added = 0;
        var updated = 0;
        var accepted = new Dictionary<Guid, string>();
        var orphans = Orphans(bundle.Items, id => here.ContainsKey(id),
            i => i.Text is null || taken.Contains(i.Id) || workshop.Groups.All(g => g.Id != i.GroupId));
        // Parents before their children, so an action never points to a concern not yet there.
        foreach (var item in bundle.Items.OrderBy(i => i.Kind).ThenBy(i => i.CreatedAt))
        {
            if (item.Text is null)
            {
                conflicts.Add(new OfflineConflict("Offline.ItemWithoutText", item.Id.ToString()));
                continue;
            }
            if (orphans.Contains(item.Id))
            {
                conflicts.Add(new OfflineConflict("Offline.ItemWithoutParent", item.Text));
                continue;
            }
            if (taken.Contains(item.Id) || !accepted.TryAdd(item.Id, item.Fingerprint))
            {
                conflicts.Add(new OfflineConflict("Offline.ItemIdTaken", item.Text));
                continue;
            }
            if (workshop.Groups.All(g => g.Id != item.GroupId))
            {
                conflicts.Add(new OfflineConflict("Offline.ItemWithoutGroup", item.Text));
                continue;
            }
            if (!here.TryGetValue(item.Id, out var existing))
            {
                var created = NewItem(item, workshop);
                created.Channel = baseline.Items.ContainsKey(item.Id) ? created.Channel : Channel.Offline;
                db.WorkshopItems.Add(created);
                await WorkshopCommands.MentionAsync(actors, created);
                here[item.Id] = created;
                added++;
                continue;
            }
            var mine = ToFile(existing).Fingerprint;
            var theirs = item.Fingerprint;
            var before = baseline.Items.GetValueOrDefault(item.Id);
            if (theirs == mine || theirs == before)
            {
                continue;
            }
            if (mine == before && (item.Hidden || existing.HiddenAt is not null || existing.ErasedAt is not null))
            {
                // Hidden on either side, its words are not in the file (or not to be taken from it): only its place follows.
                Place(existing, item);
                updated++;
            }
            else if (mine == before)
            {
                // What a mention says of the item (whom it names, its text) changed: it follows.
                var named = (existing.ItemKind, existing.Actor, existing.Text) != (item.Kind, item.Actor, item.Text);
                // Its words changed: what compares contributions reads it again.
                existing.RevisedAt = (existing.Actor, existing.Text) != (item.Actor, item.Text) ? clock.GetUtcNow() : existing.RevisedAt;
                Apply(existing, item);
                if (named)
                {
                    await WorkshopCommands.MentionAsync(actors, existing, changed: true);
                }
                updated++;
            }
            else
            {
                conflicts.Add(new OfflineConflict("Offline.ItemConflict", existing.Text));
            }
        }
        // What both sides now share is the laptop's state: the next bundle is compared with it.
        var shared = await db.OfflineLinks.SingleAsync(l => l.Id == link.Id);
        shared.Baseline = JsonSerializer.Serialize(new OfflineBaseline(DefinitionHash(bundle.Workshop), accepted, bundle.CreatedAt, bundle.Number));
        db.OfflineImports.Add(new OfflineImport
        {
            LinkId = link.Id, WorkshopId = workshop.Id, BundleHash = hash, Added = added, Updated = updated,
            Conflicts = Excerpts.Clip(string.Join("\n", conflicts.Select(c => $"{c.Key}: {c.Subject}")), OfflineImport.ConflictsMax),
            ImportedAt = clock.GetUtcNow(), ImportedById = authorizer.PersonId,
        });
        audit.Record("workshop.offline-import", $"workshop:{workshop.Id}", string.Create(CultureInfo.InvariantCulture, $"{added} added, {updated} updated, {conflicts.Count} conflicts"));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            // The same bundle sent twice at once (a double click): the other import wrote these items first.
            return (CommandResult.Refused("Offline.ImportedMeanwhile"), null);
        }
        await db.Workshops.Where(w => w.Id == workshop.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Revision, w => w.Revision + 1));
        await transaction.CommitAsync();
        return (CommandResult.Done(workshop.Id), new OfflineReport(added, updated, conflicts, earlier));
    }

    /// <summary>
    /// The laptop's times and groups are taken when only the laptop changed them; when both sides did, the
    /// main installation's are kept and the conflict reported, but a group the laptop added is still added,
    /// so that no contribution loses its table.
    /// </summary>
    private void MergeDefinition(Workshop workshop, OfflinePayload bundle, OfflineBaseline baseline, IEnumerable<WorkshopItem> items, List<OfflineConflict> conflicts)
    {
        var theirs = DefinitionHash(bundle.Workshop);
        var mine = DefinitionHash(Snapshot(workshop, []).Workshop);
        if (theirs == baseline.Definition || theirs == mine)
        {
            return;
        }
        if (mine != baseline.Definition)
        {
            conflicts.Add(new OfflineConflict("Offline.DefinitionConflict", workshop.Title));
            foreach (var group in bundle.Workshop.Groups.Where(g => workshop.Groups.All(w => w.Id != g.Id)).ToList())
            {
                var added = Group(new WorkshopGroup { Id = group.Id, WorkshopId = workshop.Id, Name = "" }, group, workshop.Groups.Count);
                db.WorkshopGroups.Add(added);
                workshop.Groups.Add(added);
            }
            return;
        }
        var used = items.Select(i => i.GroupId).ToHashSet();
        foreach (var gone in workshop.Groups.Where(g => bundle.Workshop.Groups.All(b => b.Id != g.Id) && !used.Contains(g.Id)).ToList())
        {
            workshop.Groups.Remove(gone);
        }
        foreach (var gone in workshop.Times.Where(t => bundle.Workshop.Times.All(b => b.Id != t.Id)).ToList())
        {
            workshop.Times.Remove(gone);
            if (workshop.CurrentTimeId == gone.Id)
            {
                workshop.CurrentTimeId = null;
                workshop.TimeStartedAt = null;
            }
        }
        Define(workshop, bundle.Workshop);
    }

    /// <summary>Sets the workshop's times and groups from a file: existing ones updated, new ones added with the file's ids.</summary>
    private void Define(Workshop workshop, OfflineWorkshop source)
    {
        ChildRows.Save(db, workshop.Times, source.Times, (time, row) => time.Id == row.Id,
            row => new WorkshopTime { Id = row.Id, WorkshopId = workshop.Id, Title = "" },
            (time, row, _) =>
            {
                time.Position = row.Position;
                time.Title = row.Title;
                time.Instructions = row.Instructions;
                time.Minutes = row.Minutes;
                time.Output = row.Output;
                time.MinItems = row.MinItems;
                time.MaxItems = row.MaxItems;
                time.Gathered = row.Gathered;
            });
        ChildRows.Save(db, workshop.Groups, source.Groups, (group, row) => group.Id == row.Id,
            row => new WorkshopGroup { Id = row.Id, WorkshopId = workshop.Id, Name = "" },
            (group, row, _) => Group(group, row, row.Position));
    }

    private static WorkshopGroup Group(WorkshopGroup target, OfflineGroup group, int position)
    {
        target.Position = position;
        target.Name = group.Name;
        target.Question = group.Question;
        target.ThemeId = group.ThemeId;
        return target;
    }

    /// <summary>An item as the file has it, with its id, origin, date and channel.</summary>
    private static WorkshopItem NewItem(OfflineItem item, Workshop workshop) => Apply(new WorkshopItem
    {
        Id = item.Id,
        Text = "",
        OrganisationId = workshop.OrganisationId,
        ProcessId = workshop.ProcessId,
        WorkshopId = workshop.Id,
        Origin = item.Origin,
        CreatedAt = item.CreatedAt,
        Channel = Enum.TryParse<Channel>(item.Channel, out var channel) ? channel : Channel.Offline,
        HiddenAt = item.Hidden ? item.CreatedAt : null,
    }, item);

    /// <summary>What can change on an item after it was made: its place, text, grouping and details.</summary>
    private static WorkshopItem Apply(WorkshopItem target, OfflineItem item)
    {
        Place(target, item);
        target.Text = item.Text;
        target.Actor = item.Actor;
        return target;
    }

    /// <summary>Where an item stands (its table, kind, parent, position, grouping), without its words.</summary>
    private static void Place(WorkshopItem target, OfflineItem item)
    {
        target.GroupId = item.GroupId;
        target.ItemKind = item.Kind;
        target.ParentId = item.ParentId;
        target.Position = item.Position;
        target.Carried = item.Carried;
        target.MergedIntoId = item.MergedIntoId;
        target.ResourceStatus = item.Status;
    }

    /// <summary>
    /// The items that point (as their parent, or where they were merged) to one the import leaves out and this
    /// installation does not hold, and so on down: taken, they would point to nothing.
    /// </summary>
    private static HashSet<Guid> Orphans(IReadOnlyList<OfflineItem> items, Func<Guid, bool> held, Func<OfflineItem, bool> leftOut)
    {
        var pointing = items.SelectMany(i => new[] { i.ParentId, i.MergedIntoId }.OfType<Guid>().Select(target => (Target: target, i.Id))).ToLookup(p => p.Target, p => p.Id);
        var missing = new Queue<Guid>(items.Where(leftOut).Select(i => i.Id).Where(id => !held(id)));
        var orphans = new HashSet<Guid>();
        while (missing.TryDequeue(out var id))
        {
            foreach (var orphan in pointing[id].Where(orphans.Add))
            {
                missing.Enqueue(orphan);
            }
        }
        return orphans;
    }

    /// <summary>
    /// An item as files carry it. A hidden or erased one keeps its place (what refers to it still does) but not its
    /// words, which moderation keeps off a stick and a laptop too; its fingerprint is of the same, so it is never taken
    /// for a change either way.
    /// </summary>
    private static OfflineItem ToFile(WorkshopItem i)
    {
        var shown = i.HiddenAt is null && i.ErasedAt is null;
        return new(i.Id, i.GroupId, i.ItemKind, i.ParentId, shown ? i.Text : "", i.Position, i.Carried, i.MergedIntoId, i.ResourceStatus, shown ? i.Actor : null,
            i.CreatedAt, i.Channel.ToString(), i.Origin, Hidden: !shown);
    }

    /// <summary>The workshop as a file describes it, with the baseline that marks this moment.</summary>
    private static (OfflineWorkshop Workshop, IReadOnlyList<OfflineItem> Items, OfflineBaseline Baseline) Snapshot(Workshop workshop, IReadOnlyList<OfflineItem> items)
    {
        var described = new OfflineWorkshop(workshop.Id, workshop.Title, workshop.Description, workshop.Place, workshop.StartsAt, workshop.JoinCode,
            workshop.Times.OrderBy(t => t.Position).Select(t => new OfflineTime(t.Id, t.Position, t.Title, t.Instructions, t.Minutes, t.Output, t.MinItems, t.MaxItems, t.Gathered)).ToList(),
            workshop.Groups.OrderBy(g => g.Position).Select(g => new OfflineGroup(g.Id, g.Position, g.Name, g.Question, g.ThemeId)).ToList());
        return (described, items, new OfflineBaseline(DefinitionHash(described), items.ToDictionary(i => i.Id, i => i.Fingerprint)));
    }

    private static string DefinitionHash(OfflineWorkshop workshop) => OfflineItem.Hash(string.Join("\n",
        workshop.Times.OrderBy(t => t.Position).Select(t => $"T|{t.Id}|{t.Position}|{t.Title}|{t.Instructions}|{t.Minutes}|{t.Output}|{t.MinItems}|{t.MaxItems}|{t.Gathered}")
            .Concat(workshop.Groups.OrderBy(g => g.Position).Select(g => $"G|{g.Id}|{g.Position}|{g.Name}|{g.Question}|{g.ThemeId}"))));

    private async Task<(Workshop? Workshop, Process? Process, CommandResult? Refusal)> LoadAsync(Guid workshopId, Permission permission, bool tracked = false)
    {
        var query = db.Workshops.Include(w => w.Times).Include(w => w.Groups).Where(w => w.Id == workshopId && w.OrganisationId == organisation.Id);
        var workshop = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        var process = workshop is null ? null : await processes.FindAsync(workshop.ProcessId, WorkshopsModule.Key);
        if (workshop is null || process is null)
        {
            return (null, null, CommandResult.Missing());
        }
        if (await authorizer.DecideAsync(permission, process) is var decision and not Decision.Allowed)
        {
            return (null, null, CommandResult.Refused(decision));
        }
        return (workshop, process, null);
    }
}
