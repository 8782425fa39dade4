using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Modules.Workshops.Offline;

namespace Parvis.Web.Modules.Workshops;

/// <summary>
/// The workshops module: facilitated workshops run in timed steps by parallel groups, the facilitator's
/// console, contributions from a phone with a short code, and the wall projected in the room.
/// Pages are under Pages/. Items are kernel contributions (channel "workshop"), attributed to their table.
/// </summary>
public sealed class WorkshopsModule : IParvisModule
{
    /// <summary>Its name, for its own code to find its component.</summary>
    public const string Key = "workshops";

    public string Name => Key;

    public string TitleKey => "Workshops.ModuleTitle";

    public IReadOnlyList<Permission> Permissions => [WorkshopsPermissions.Manage, WorkshopsPermissions.Run];

    public Task<IReadOnlyList<ProcessEntry>> EntriesAsync(ParvisDbContext db, Process process) =>
        Task.FromResult<IReadOnlyList<ProcessEntry>>([new ProcessEntry($"/processes/{process.Slug}/workshops", "Process.SeeWorkshops")]);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<WorkshopCommands>();
        services.AddScoped<OfflineWorkshops>();
        services.AddScoped<IContributionSource, WorkshopsContributions>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<Workshop>(e =>
        {
            e.ToTable("workshops_workshops");
            e.Property(w => w.Title).HasMaxLength(Workshop.TitleMax);
            e.Property(w => w.Description).HasMaxLength(Workshop.DescriptionMax);
            e.Property(w => w.Place).HasMaxLength(Workshop.PlaceMax);
            e.Property(w => w.JoinCode).HasMaxLength(WorkshopCommands.CodeLength);
            e.HasIndex(w => w.JoinCode).IsUnique();
            e.HasIndex(w => w.ProcessId);
            e.Ignore(w => w.CurrentTime);
            e.Ignore(w => w.CurrentTimeEndsAt);
            e.HasOne<Process>().WithMany().HasForeignKey(w => w.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(w => w.Times).WithOne().HasForeignKey(t => t.WorkshopId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(w => w.Groups).WithOne().HasForeignKey(g => g.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<WorkshopTime>(e =>
        {
            e.ToTable("workshops_times");
            e.Property(t => t.Title).HasMaxLength(WorkshopTime.TitleMax);
            e.Property(t => t.Instructions).HasMaxLength(WorkshopTime.InstructionsMax);
            e.Property(t => t.Output).HasConversion<string>().HasMaxLength(20);
        });
        model.Entity<WorkshopGroup>(e =>
        {
            e.ToTable("workshops_groups");
            e.Property(g => g.Name).HasMaxLength(WorkshopGroup.NameMax);
            e.Property(g => g.Question).HasMaxLength(WorkshopGroup.QuestionMax);
            e.HasOne<Person>().WithMany().HasForeignKey(g => g.FacilitatorId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Theme>().WithMany().HasForeignKey(g => g.ThemeId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<WorkshopItem>(e =>
        {
            e.ToTable("workshops_items");
            e.Property(i => i.ItemKind).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.ResourceStatus).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.Text).HasMaxLength(WorkshopItem.TextMax);
            e.Property(i => i.Actor).HasMaxLength(WorkshopItem.ActorMax);
            e.HasIndex(i => new { i.WorkshopId, i.GroupId });
            e.HasIndex(i => i.ParentId);
            e.HasOne<Workshop>().WithMany().HasForeignKey(i => i.WorkshopId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<WorkshopGroup>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<OfflineLink>(e =>
        {
            e.ToTable("workshops_offline_links");
            e.Property(l => l.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(l => l.Key).HasMaxLength(100);
            e.HasIndex(l => l.WorkshopId);
            e.HasOne<Workshop>().WithMany().HasForeignKey(l => l.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OfflineImport>(e =>
        {
            e.ToTable("workshops_offline_imports");
            e.Property(i => i.BundleHash).HasMaxLength(64);
            e.Property(i => i.Conflicts).HasMaxLength(OfflineImport.ConflictsMax);
            e.HasIndex(i => new { i.WorkshopId, i.BundleHash });
            e.HasOne<OfflineLink>().WithMany().HasForeignKey(i => i.LinkId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>Every item a table produced awaits a fate, except duplicates merged at the table (their fate is the kept item's).</summary>
public sealed class WorkshopsContributions : IContributionSource
{
    /// <summary>The board shows nothing under a hidden item (an action under a hidden concern).</summary>
    public IQueryable<Guid> WithinHidden(ParvisDbContext db)
    {
        var hidden = db.WorkshopItems.Where(p => p.HiddenAt != null);
        return db.WorkshopItems.Where(i => hidden.Any(p => p.Id == i.ParentId)).Select(i => i.Id);
    }

    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.WorkshopItems.Where(i => i.ProcessId == process.Id && i.MergedIntoId == null).Select(i => i.Id);

    /// <summary>An item is in the theme its group works on.</summary>
    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId)
    {
        var groups = db.WorkshopGroups.Where(g => g.ThemeId == themeId);
        return db.WorkshopItems.Where(i => groups.Any(g => g.Id == i.GroupId)).Select(i => i.Id);
    }

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        var workshops = db.Workshops.Where(w => w.ProcessId == process.Id);
        var items = db.WorkshopItems.Where(i => i.ProcessId == process.Id && i.MergedIntoId == null && i.HiddenAt == null && i.ErasedAt == null);
        return
        [
            ("CouncilReport.Figure.Workshops", await workshops.CountAsync()),
            ("CouncilReport.Figure.WorkshopGroups", await db.WorkshopGroups.CountAsync(g => workshops.Any(w => w.Id == g.WorkshopId))),
            ("CouncilReport.Figure.Concerns", await items.CountAsync(i => i.ItemKind == ItemKind.Concern)),
            ("CouncilReport.Figure.Actions", await items.CountAsync(i => i.ItemKind == ItemKind.Action)),
            ("CouncilReport.Figure.Resources", await items.CountAsync(i => i.ItemKind == ItemKind.Resource)),
        ];
    }

    /// <summary>Each workshop with its date, place, tables and what they produced.</summary>
    public async Task<IReadOnlyList<ReportTable>> MethodAsync(ParvisDbContext db, Process process, IStringLocalizer text)
    {
        var (groups, items) = (db.WorkshopGroups, db.WorkshopItems);
        var workshops = await db.Workshops.AsNoTracking().Where(w => w.ProcessId == process.Id)
            .Select(w => new
            {
                w.Title, w.StartsAt, w.Place,
                Groups = groups.Count(g => g.WorkshopId == w.Id),
                Items = items.Count(i => i.WorkshopId == w.Id && i.MergedIntoId == null && i.HiddenAt == null && i.ErasedAt == null),
            })
            .ToListAsync();
        if (workshops.Count == 0)
        {
            return [];
        }
        return
        [
            new ReportTable(text["CouncilReport.Workshops"],
                [text["CouncilReport.MeetingDate"], text["CouncilReport.Workshop"], text["CouncilReport.MeetingPlace"], text["CouncilReport.WorkshopGroups"], text["CouncilReport.WorkshopItems"]],
                workshops.OrderBy(w => w.StartsAt).Select(w => (IReadOnlyList<string>)
                [
                    w.StartsAt?.ToLocalTime().ToString("f", CultureInfo.CurrentCulture) ?? "", w.Title, w.Place,
                    w.Groups.ToString(CultureInfo.CurrentCulture), w.Items.ToString(CultureInfo.CurrentCulture),
                ]).ToList()),
        ];
    }
}

public static class WorkshopsData
{
    extension(ParvisDbContext db)
    {
        public DbSet<Workshop> Workshops => db.Set<Workshop>();
        public DbSet<WorkshopTime> WorkshopTimes => db.Set<WorkshopTime>();
        public DbSet<WorkshopGroup> WorkshopGroups => db.Set<WorkshopGroup>();
        public DbSet<WorkshopItem> WorkshopItems => db.Set<WorkshopItem>();
        public DbSet<OfflineLink> OfflineLinks => db.Set<OfflineLink>();
        public DbSet<OfflineImport> OfflineImports => db.Set<OfflineImport>();
    }
}

/// <summary>What the workshops module lets people do.</summary>
public static class WorkshopsPermissions
{
    /// <summary>Create workshops and set their times and groups.</summary>
    public static readonly Permission Manage = new("Workshops.Manage", Permission.Staff);

    /// <summary>Run a workshop: start its times, record and arrange what the tables produced.</summary>
    public static readonly Permission Run = new("Workshops.Run", [Role.Administrator, Role.ProcessManager, Role.Facilitator]);
}
