using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.Processes;

public sealed record ProcessDraft(string Title, string Summary, string PlainSummary, string Description, string Territory, bool Published);

/// <summary>A phase as staff write it; Switches are the modules' phase switches that are on (any other key is ignored).</summary>
public sealed record PhaseDraft(string Title, string Description, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyCollection<string> Switches);

/// <summary>
/// One component as staff set it for a process (Id null for a new one): used or not, its title, its place, its
/// process switches.
/// </summary>
public sealed record ComponentDraft(Guid? Id, string Module, bool Enabled, string Title, int Position, IReadOnlyCollection<string> Switches);

/// <summary>Creating and editing processes, their phases and themes; staff only, every change audited.</summary>
public sealed class ProcessCommands(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, ModuleCatalog modules,
    ProcessAccess processes, ProcessJournal journal, IStringLocalizer<SharedText> text)
{
    public async Task<CommandResult> CreateAsync(ProcessDraft draft)
    {
        var decision = await authorizer.DecideAsync(Permission.CreateProcess);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var process = new Process { OrganisationId = organisation.Id, Slug = await FreeSlugAsync(draft.Title), Title = "" };
        Apply(process, draft);
        db.Processes.Add(process);
        audit.Record("process.create", $"process:{process.Id}", process.Title);
        await db.SaveChangesAsync();
        return CommandResult.Done(process.Id);
    }

    public async Task<CommandResult> UpdateAsync(Guid processId, ProcessDraft draft, ChangeReasonInput change) =>
        await EditAsync(processId, change, (process, changes) =>
        {
            var before = Presentation(process);
            Apply(process, draft);
            changes.AddRange(before.Zip(Presentation(process), (b, a) => new ProcessJournal.Change(b.Label, b.Value, a.Value)));
            audit.Record("process.update", $"process:{process.Id}", process.Title);
            return null;
        });

    /// <summary>The process's presentation, field by field, as the journal names them.</summary>
    private List<(string Label, string Value)> Presentation(Process process) =>
    [
        (text["Field.ProcessTitle"], process.Title), (text["Field.Summary"], process.Summary), (text["Field.PlainSummary"], process.PlainSummary),
        (text["Field.Description"], process.Description), (text["Field.Territory"], process.Territory),
    ];

    /// <summary>A phase as the journal tells it: its dates and what it opens.</summary>
    private string Describe(Process process, Phase phase) =>
        text["Journal.PhaseState", phase.Title, phase.StartsOn.ToString("d", CultureInfo.CurrentCulture), phase.EndsOn.ToString("d", CultureInfo.CurrentCulture),
            modules.OpenIn(process, phase, text) is { Length: > 0 } open ? open : text["Journal.OpensNothing"].Value];

    /// <summary>Adds a phase (phaseId null) or changes one; phases may not overlap, so the current phase is never ambiguous.</summary>
    public async Task<CommandResult> SavePhaseAsync(Guid processId, Guid? phaseId, PhaseDraft draft, ChangeReasonInput change) =>
        await EditAsync(processId, change, (process, changes) =>
        {
            if (draft.EndsOn < draft.StartsOn)
            {
                return "Error.PhaseDates";
            }
            var phase = phaseId is null ? new Phase { Title = "" } : process.Phases.FirstOrDefault(p => p.Id == phaseId);
            if (phase is null)
            {
                return "Error.NotFound";
            }
            if (process.Phases.Any(p => p.Id != phase.Id && p.StartsOn <= draft.EndsOn && draft.StartsOn <= p.EndsOn))
            {
                return "Error.PhaseOverlap";
            }
            var before = phaseId is null ? "" : Describe(process, phase);
            phase.Title = draft.Title.Trim();
            phase.Description = draft.Description.Trim();
            phase.StartsOn = draft.StartsOn;
            phase.EndsOn = draft.EndsOn;
            // The form shows the switches of the components in use: those of a component switched off stay as they were.
            var shown = modules.InUse(process).SelectMany(x => x.Module.PhaseSwitches.Select(s => Phase.Entry(x.Component.Id, s.Key))).ToHashSet();
            phase.Switches = draft.Switches.Where(shown.Contains).Concat(phase.Switches.Where(s => !shown.Contains(s))).ToHashSet();
            if (phaseId is null)
            {
                phase.ProcessId = process.Id;
                db.Phases.Add(phase);
            }
            changes.Add(new ProcessJournal.Change(text["Journal.Phase", phase.Title], before, Describe(process, phase)));
            audit.Record("process.phase", $"process:{process.Id}", $"{phase.Title} {phase.StartsOn:yyyy-MM-dd}/{phase.EndsOn:yyyy-MM-dd}");
            return null;
        });

    public async Task<CommandResult> RemovePhaseAsync(Guid processId, Guid phaseId, ChangeReasonInput change) =>
        await EditAsync(processId, change, (process, changes) =>
        {
            if (process.Phases.FirstOrDefault(p => p.Id == phaseId) is not { } phase)
            {
                return "Error.NotFound";
            }
            changes.Add(new ProcessJournal.Change(text["Journal.Phase", phase.Title], Describe(process, phase), ""));
            db.Phases.Remove(phase);
            audit.Record("process.phase.remove", $"process:{process.Id}", phase.Title);
            return null;
        });

    /// <summary>
    /// Which modules the process uses, under which titles, in which order. A component switched off keeps its row
    /// (title, order, switches) and its contributions: switched on again, everything is as it was. A module that allows
    /// several components gets one more for each new draft; another module keeps its one.
    /// </summary>
    public async Task<CommandResult> SaveComponentsAsync(Guid processId, IReadOnlyList<ComponentDraft> drafts, ChangeReasonInput change) =>
        await EditAsync(processId, change, (process, changes) =>
        {
            var before = process.Components.ToDictionary(c => c.Id, c => c.Position);
            var tools = Tools(process);
            foreach (var draft in drafts)
            {
                if (modules.Find(draft.Module) is not { } module)
                {
                    return "Error.NotFound";
                }
                var component = draft.Id is { } id ? process.Components.FirstOrDefault(c => c.Id == id && c.Module == module.Name)
                    : module.AllowsSeveral ? null : process.Components.FirstOrDefault(c => c.Module == module.Name);
                if (component is null)
                {
                    if (draft.Id is not null)
                    {
                        return "Error.NotFound";
                    }
                    if (!draft.Enabled)
                    {
                        continue;
                    }
                    component = new ProcessComponent { ProcessId = process.Id, Module = module.Name };
                    process.Components.Add(component);
                    db.Add(component);
                }
                component.Enabled = draft.Enabled;
                component.Title = draft.Title.Trim();
                component.Position = draft.Position;
                component.Switches = draft.Switches.Intersect(module.ProcessSwitches.Select(s => s.Key)).ToHashSet();
            }
            // Used twice, a module's components are told apart by their titles, on the process page and in the report.
            if (process.ComponentsInUse.GroupBy(c => c.Module)
                .Any(g => g.Any(c => ProcessComponent.SameTitle(c.Title, g.Where(o => o != c).Select(o => o.Title)))))
            {
                return "Error.ComponentTitles";
            }
            // Places become 1, 2, 3...: one given the place another held goes before it.
            var ordered = process.Components.OrderBy(c => c.Position)
                .ThenBy(c => before.TryGetValue(c.Id, out var was) && was == c.Position ? 1 : 0)
                .ThenBy(c => before.GetValueOrDefault(c.Id)).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Position = i + 1;
            }
            changes.Add(new ProcessJournal.Change(text["Journal.Tools"], tools, Tools(process)));
            audit.Record("process.components", $"process:{process.Id}",
                string.Join(' ', process.ComponentsInUse.Select(c => c.Module)));
            return null;
        });

    /// <summary>The tools a process uses, in order, each with its title and the settings that are on.</summary>
    private string Tools(Process process) =>
        string.Join('\n', modules.InUse(process).Select(x =>
        {
            var title = x.Component.Title.Length > 0 ? x.Component.Title : text[x.Module.TitleKey].Value;
            var settings = x.Module.ProcessSwitches.Where(s => x.Component.Switches.Contains(s.Key)).Select(s => text[s.LabelKey].Value).ToList();
            return settings.Count == 0 ? title : $"{title} ({string.Join(", ", settings)})";
        }));

    public async Task<CommandResult> AddThemeAsync(Guid processId, string name, ChangeReasonInput change) =>
        await EditAsync(processId, change, (process, changes) =>
        {
            name = name.Trim();
            if (process.Themes.Any(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                return "Error.ThemeExists";
            }
            changes.Add(new ProcessJournal.Change(text["Journal.Themes"], Themes(process.Themes), Themes([.. process.Themes, new Theme { Name = name, Position = int.MaxValue }])));
            db.Themes.Add(new Theme { ProcessId = process.Id, Name = name, Position = process.Themes.Count == 0 ? 0 : process.Themes.Max(t => t.Position) + 1 });
            audit.Record("process.theme.add", $"process:{process.Id}", name);
            return null;
        });

    public async Task<CommandResult> RemoveThemeAsync(Guid processId, Guid themeId, ChangeReasonInput change) =>
        await EditAsync(processId, change, (process, changes) =>
        {
            if (process.Themes.FirstOrDefault(t => t.Id == themeId) is not { } theme)
            {
                return "Error.NotFound";
            }
            changes.Add(new ProcessJournal.Change(text["Journal.Themes"], Themes(process.Themes), Themes(process.Themes.Where(t => t.Id != themeId))));
            db.Themes.Remove(theme);
            audit.Record("process.theme.remove", $"process:{process.Id}", theme.Name);
            return null;
        });

    /// <summary>Suggestions to analysts (likely duplicates, grid cells) offered in the process, or not; said in the journal once published.</summary>
    public async Task<CommandResult> SwitchSuggestionsAsync(Guid processId, bool offered, ChangeReasonInput change) =>
        await EditAsync(processId, change, (process, changes) =>
        {
            if (process.SuggestionsOff == !offered)
            {
                return null;
            }
            string State(bool on) => text[on ? "Suggestions.On" : "Suggestions.Off"];
            changes.Add(new ProcessJournal.Change(text["Journal.Suggestions"], State(!process.SuggestionsOff), State(offered)));
            process.SuggestionsOff = !offered;
            audit.Record(offered ? "process.suggestions.on" : "process.suggestions.off", $"process:{process.Id}");
            return null;
        });

    /// <summary>The texts the organisation writes for the report: referral, introduction, conclusion.</summary>
    public async Task<CommandResult> SaveReportTextsAsync(Guid processId, string referral, string introduction, string conclusion)
    {
        var process = await processes.FindAsync(processId);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.EditProcess, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var texts = await db.ProcessReports.FirstOrDefaultAsync(r => r.ProcessId == processId);
        if (texts is null)
        {
            texts = new ProcessReport { ProcessId = processId };
            db.ProcessReports.Add(texts);
        }
        texts.Referral = referral.Trim();
        texts.Introduction = introduction.Trim();
        texts.Conclusion = conclusion.Trim();
        texts.UpdatedAt = DateTimeOffset.UtcNow;
        audit.Record("process.report", $"process:{processId}");
        await db.SaveChangesAsync();
        return CommandResult.Done(processId);
    }

    private static string Themes(IEnumerable<Theme> themes) => string.Join(", ", themes.OrderBy(t => t.Position).Select(t => t.Name));

    /// <summary>
    /// Loads the process with its phases and themes, checks the permission, applies the change and saves it with its
    /// journal entries (a published process's changes need a reason), or nothing.
    /// </summary>
    private async Task<CommandResult> EditAsync(Guid processId, ChangeReasonInput reason, Func<Process, List<ProcessJournal.Change>, string?> change)
    {
        var process = await db.Processes.Include(p => p.Phases).Include(p => p.Themes)
            .FirstOrDefaultAsync(p => p.Id == processId && p.OrganisationId == organisation.Id);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.EditProcess, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        var wasPublished = process.Published;
        var changes = new List<ProcessJournal.Change>();
        if (change(process, changes) is { } error)
        {
            return error == "Error.NotFound" ? CommandResult.Missing() : CommandResult.Refused(error);
        }
        if (await journal.RecordAsync(process, wasPublished, reason, changes) is { } refused)
        {
            return CommandResult.Refused(refused);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same change sent twice at once (a double click): the first one stands.
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Error.ProcessChangedMeanwhile");
        }
        return CommandResult.Done(process.Id);
    }

    private static void Apply(Process process, ProcessDraft draft)
    {
        process.Title = draft.Title.Trim();
        process.Summary = draft.Summary.Trim();
        process.PlainSummary = draft.PlainSummary.Trim();
        process.Description = draft.Description.Trim();
        process.Territory = draft.Territory.Trim();
        process.Published = draft.Published;
    }

    private async Task<string> FreeSlugAsync(string title)
    {
        var slug = Slugs.From(title, 70);
        var taken = await db.Processes.Where(p => p.OrganisationId == organisation.Id && p.Slug.StartsWith(slug)).Select(p => p.Slug).ToListAsync();
        var candidate = slug;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = $"{slug}-{i}";
        }
        return candidate;
    }
}
