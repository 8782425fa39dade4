using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Offline;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
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

    public IReadOnlyList<string> MentionKinds => [WorkshopCommands.ResourceMention];

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => WorkshopsDatasets.All;

    public string TitleKey => "Workshops.ModuleTitle";

    public IReadOnlyList<Permission> Permissions => [WorkshopsPermissions.Manage, WorkshopsPermissions.Run];

    public Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component) =>
        Task.FromResult<IReadOnlyList<ModuleLink>>([new ModuleLink($"/processes/{process.Slug}/workshops", "Process.SeeWorkshops")]);

    /// <summary>
    /// A workshop under way (a time started within the last hours, the workshop not closed): those at its tables join
    /// with the code they are shown there, never published here. One left open after the day is no longer offered.
    /// </summary>
    public async Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour)
    {
        var since = hour.AddHours(-RunningHours);
        return await db.Workshops.AsNoTracking().Where(w => w.ProcessId == process.Id && w.CurrentTimeId != null && w.ClosedAt == null && w.TimeStartedAt > since)
            .OrderBy(w => w.StartsAt).Select(w => new ModuleLink("/w", "Workshops.Action.Join", w.Title)).ToListAsync();
    }

    /// <summary>How long after its time started a workshop left open still counts as under way.</summary>
    private const int RunningHours = 6;

    /// <summary>Joining a workshop with its code, from any page: what a participant at a table looks for.</summary>
    public IReadOnlyList<ModuleLink> NavigationLinks => [new ModuleLink("/w", "Layout.JoinWorkshop")];

    public void SeedDemo(DemoProcess demo) => WorkshopsDemo.Seed(demo);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<WorkshopCommands>();
        services.AddScoped<OfflineWorkshops>();
        services.AddScoped<IOfflinePackages>(provider => provider.GetRequiredService<OfflineWorkshops>());
        services.AddScoped<IContributionSource, WorkshopsContributions>();
        services.AddScoped<IPersonalDataSource, WorkshopsPersonalData>();
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
