using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Kernel.Modules;

/// <summary>The modules of this build, checked once at start-up: no two share a name, no two permissions share one.</summary>
public sealed class ModuleCatalog
{
    public ModuleCatalog(IReadOnlyList<IParvisModule> modules)
    {
        Modules = modules;
        Throw.IfRepeated(modules.Select(m => m.Name), "module");
        Permissions = [.. Permission.Kernel, .. modules.SelectMany(m => m.Permissions)];
        Throw.IfRepeated(Permissions.Select(p => p.Name), "permission");
        _moduleOf = modules.SelectMany(m => m.Permissions.Select(p => (p.Name, m))).ToDictionary(x => x.Name, x => x.m, StringComparer.Ordinal);
        foreach (var module in modules)
        {
            foreach (var key in module.PhaseSwitches.Concat(module.ProcessSwitches).Select(s => s.Key))
            {
                if (!key.StartsWith(module.Name + ".", StringComparison.Ordinal) || key.IndexOfAny([' ', '/']) >= 0 || key.Length > ModuleSwitch.KeyMax)
                {
                    throw new InvalidOperationException($"The switch \"{key}\" of the module \"{module.Name}\" must start with \"{module.Name}.\", hold no space nor slash and fit in {ModuleSwitch.KeyMax} characters.");
                }
            }
            foreach (var key in module.NotificationKinds.Select(k => k.Key))
            {
                if (!key.StartsWith(module.Name + ".", StringComparison.Ordinal) || key.Length > NotificationEvent.KindMax)
                {
                    throw new InvalidOperationException($"The notification \"{key}\" of the module \"{module.Name}\" must start with \"{module.Name}.\" and fit in {NotificationEvent.KindMax} characters.");
                }
            }
        }
        Throw.IfRepeated(modules.SelectMany(m => m.PhaseSwitches.Concat(m.ProcessSwitches)).Select(s => s.Key), "switch");
        NotificationKinds = [.. KernelNotifications.All, .. modules.SelectMany(m => m.NotificationKinds)];
        Throw.IfRepeated(NotificationKinds.Select(k => k.Key), "notification");
        _notificationKinds = NotificationKinds.ToDictionary(k => k.Key, StringComparer.Ordinal);
        KeptTables = [.. modules.SelectMany(m => m.KeptTables)];
        foreach (var module in modules)
        {
            foreach (var dataset in module.Datasets)
            {
                if (dataset.Module != module.Name || !(dataset.Key == module.Name || dataset.Key.StartsWith(module.Name + "-", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"The dataset \"{dataset.Key}\" of the module \"{module.Name}\" must be the module's and its key start with \"{module.Name}\".");
                }
            }
        }
        Datasets = [.. OpenData.KernelDatasets.All, .. modules.SelectMany(m => m.Datasets)];
        Throw.IfRepeated(Datasets.Select(d => d.Key), "dataset");
        foreach (var dataset in Datasets.Where(d => !OpenData.KernelDatasets.ValidKey(d.Key)))
        {
            throw new InvalidOperationException($"The dataset key \"{dataset.Key}\" must be lower-case letters, digits and hyphens, and not a name the open-data pages use.");
        }
    }

    private readonly Dictionary<string, IParvisModule> _moduleOf;
    private readonly Dictionary<string, NotificationKind> _notificationKinds;

    /// <summary>Every kind of event people hear of: the kernel's, then each module's.</summary>
    public IReadOnlyList<NotificationKind> NotificationKinds { get; }

    /// <summary>The kind of a stored event; null for one a removed module raised, which nobody hears of any more.</summary>
    public NotificationKind? NotificationKind(string key) => _notificationKinds.GetValueOrDefault(key);

    /// <summary>The module that declares the permission (by its name, unique in the catalog); null for the kernel's.</summary>
    public IParvisModule? ModuleOf(Permission permission) => _moduleOf.GetValueOrDefault(permission.Name);

    /// <summary>The module whose folder holds the type (a page, a command), by namespace; null for the kernel's.</summary>
    public IParvisModule? ModuleOf(Type type) => _moduleOfType.GetOrAdd(type, t =>
        Modules.FirstOrDefault(m => t.Namespace is { } ns && (ns == m.GetType().Namespace || ns.StartsWith(m.GetType().Namespace + ".", StringComparison.Ordinal))));

    // Asked for every page about a process: worked out once per page type.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IParvisModule?> _moduleOfType = new();

    public IReadOnlyList<IParvisModule> Modules { get; }

    /// <summary>The whole permission matrix: the kernel's permissions, then each module's.</summary>
    public IReadOnlyList<Permission> Permissions { get; }

    public IReadOnlyList<(string Table, ChangeKind Kind)> KeptTables { get; }

    /// <summary>Every open dataset: the kernel's, then each module's.</summary>
    public IReadOnlyList<OpenData.Dataset> Datasets { get; }

    public OpenData.Dataset? Dataset(string key) => Datasets.FirstOrDefault(d => d.Key == key);

    public IParvisModule? Find(string name) => Modules.FirstOrDefault(m => m.Name == name);

    /// <summary>
    /// What the phase opens, component by component in the process's order ("proposing, supporting"), each with its
    /// component's title when its module is used more than once; empty when it opens nothing.
    /// </summary>
    public string OpenIn(Process process, Phase phase, IStringLocalizer text) =>
        string.Join(", ", InUse(process).SelectMany(x => x.Module.PhaseSwitches.Where(s => phase.IsOn(x.Component, s.Key))
            .Select(s => Repeated(process, x.Component) ? $"{text[s.LabelKey]} ({x.Component.Title})" : text[s.LabelKey].Value)));

    /// <summary>
    /// What a participant can do now, component by component in the process's order (those with nothing to offer left
    /// out): nothing once the process is closed.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="process">The process.</param>
    /// <param name="hour">The start of the hour the page is for, in local time: what it offers is kept for that hour.</param>
    public async Task<IReadOnlyList<ComponentActions>> ActionsAsync(ParvisDbContext db, Process process, DateTimeOffset hour)
    {
        if (process.ClosedAt is not null)
        {
            return [];
        }
        var phase = process.CurrentPhase(DateOnly.FromDateTime(hour.DateTime));
        var all = new List<ComponentActions>();
        foreach (var (component, module) in InUse(process))
        {
            if (await module.ActionsAsync(db, process, component, phase, hour) is { Count: > 0 } actions)
            {
                all.Add(new ComponentActions(component.Title.Length > 0 ? component.Title : null, actions));
            }
        }
        return all;
    }

    /// <summary>What is to come in the process, all components together: their count and the first ones, soonest first; nothing once closed.</summary>
    public async Task<Upcoming> UpcomingAsync(ParvisDbContext db, Process process, DateTimeOffset hour, int limit)
    {
        if (process.ClosedAt is not null)
        {
            return Upcoming.None;
        }
        var count = 0;
        var first = new List<Appointment>();
        foreach (var (component, module) in InUse(process))
        {
            var upcoming = await module.UpcomingAsync(db, process, component, hour, limit);
            count += upcoming.Count;
            first.AddRange(upcoming.First);
        }
        return new Upcoming(count, [.. first.OrderBy(a => a.StartsAt).Take(limit)]);
    }

    /// <summary>Each component's links in the administration, with its title when its module is used more than once.</summary>
    public IEnumerable<(ModuleLink Link, string? Of)> AdminEntries(Process process) =>
        InUse(process).SelectMany(x => x.Module.AdminEntries(process, x.Component).Select(l => (l, Repeated(process, x.Component) ? x.Component.Title : null)));

    private static bool Repeated(Process process, ProcessComponent component) =>
        process.ComponentsInUse.Count(c => c.Module == component.Module) > 1;

    /// <summary>The components in use whose module is installed, with it, in the process's order.</summary>
    public IEnumerable<(ProcessComponent Component, IParvisModule Module)> InUse(Process process) =>
        process.ComponentsInUse.Select(c => (c, Find(c.Module))).Where(x => x.Item2 is not null).Select(x => (x.c, x.Item2!));

    private static class Throw
    {
        public static void IfRepeated(IEnumerable<string> names, string what)
        {
            if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            {
                throw new InvalidOperationException($"Two modules declare the {what} \"{repeated.Key}\": each name must be declared once.");
            }
        }
    }
}

/// <summary>What one component offers to do now: the title staff gave it (null if none) and its actions.</summary>
public sealed record ComponentActions(string? Title, IReadOnlyList<ModuleLink> Actions);

/// <summary>The hour a page of calls to action is for: what modules offer is read once an hour at most.</summary>
public static class ActionHour
{
    /// <param name="localNow">The clock's local time, the one phases are dated in (TimeProvider.GetLocalNow).</param>
    public static DateTimeOffset Of(DateTimeOffset localNow) =>
        new(localNow.Year, localNow.Month, localNow.Day, localNow.Hour, 0, 0, localNow.Offset);
}
