using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.LocalDirectory;

/// <summary>
/// The directory module: the actors, places and resources of the territory (associations, third places, mediation
/// places, public services, equipment, training), proposed by anyone and checked by staff, each version kept; a
/// searchable list first, a map drawn by Parvis itself over the territory's outline, a printable map for paper kits,
/// and open data. Pages are under Pages/ (public) and Pages/Admin/.
/// </summary>
public sealed class LocalDirectoryModule : IParvisModule
{
    public const string Key = "directory";

    public string Name => Key;

    public string TitleKey => "Directory.ModuleTitle";

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => LocalDirectoryDatasets.All;

    /// <summary>A phase switch: people propose entries and changes to them.</summary>
    public const string Proposing = "directory.proposing";

    public IReadOnlyList<ModuleSwitch> PhaseSwitches => [new(Proposing, "Directory.Switch.Proposing")];

    public IReadOnlyList<Permission> Permissions => [LocalDirectoryPermissions.Propose, LocalDirectoryPermissions.Manage];

    public async Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component)
    {
        var listed = await db.DirectoryEntries.CountAsync(e => e.ProcessId == process.Id && e.State == EntryState.Published);
        return [new ModuleLink($"/processes/{process.Slug}/directory", "Directory.SeeAll", listed)];
    }

    public Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour) =>
        Task.FromResult<IReadOnlyList<ModuleLink>>(phase?.IsOn(component, Proposing) == true
            ? [new ModuleLink($"/processes/{process.Slug}/directory/new", "Directory.Action.Propose")]
            : []);

    public IReadOnlyList<ModuleLink> AdminEntries(Process process, ProcessComponent component) =>
        [new ModuleLink($"/admin/processes/{process.Id}/directory", "Directory.AdminTitle")];

    public void SeedDemo(DemoProcess demo) => LocalDirectoryDemo.Seed(demo);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<LocalDirectoryCommands>();
        services.AddScoped<IPersonalDataSource, LocalDirectoryPersonalData>();
        services.AddSingleton<Kernel.Territory.IActorDirectory, DirectoryActors>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<DirectoryEntry>(e =>
        {
            e.ToTable("directory_entries");
            e.Property(x => x.Name).HasMaxLength(EntryContent.NameMax);
            e.Property(x => x.Description).HasMaxLength(EntryContent.DescriptionMax);
            e.Property(x => x.Address).HasMaxLength(EntryContent.AddressMax);
            e.Property(x => x.Commune).HasMaxLength(EntryContent.CommuneMax);
            e.Property(x => x.OpeningHours).HasMaxLength(EntryContent.HoursMax);
            e.Property(x => x.AccessNotes).HasMaxLength(EntryContent.AccessNotesMax);
            e.Property(x => x.Phone).HasMaxLength(EntryContent.PhoneMax);
            e.Property(x => x.Website).HasMaxLength(EntryContent.LinkMax);
            e.Property(x => x.Links).HasMaxLength((EntryContent.LinkMax + 1) * EntryContent.MostLinks);
            e.Property(x => x.Language).HasMaxLength(10);
            e.Property(x => x.Reason).HasMaxLength(DirectoryVersion.ReasonMax);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.ProcessId, x.State, x.Name });
            e.HasOne<Process>().WithMany().HasForeignKey(x => x.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<EntryTheme>(e =>
        {
            e.ToTable("directory_entry_themes");
            e.HasIndex(t => new { t.EntryId, t.ThemeId }).IsUnique();
            e.HasIndex(t => t.ThemeId);
            e.HasOne<DirectoryEntry>().WithMany().HasForeignKey(t => t.EntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Theme>().WithMany().HasForeignKey(t => t.ThemeId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DirectoryVersion>(e =>
        {
            e.ToTable("directory_versions");
            // No length of its own: each field is bounded (EntryContent), and JSON writes a character outside the basic
            // plane, or a control character, as up to twelve.
            e.Property(v => v.Note).HasMaxLength(DirectoryVersion.NoteMax);
            e.Property(v => v.Reason).HasMaxLength(DirectoryVersion.ReasonMax);
            e.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(v => new { v.EntryId, v.Number }).IsUnique();
            e.HasIndex(v => new { v.AuthorId, v.State });
            e.HasIndex(v => v.State);
            e.HasOne<DirectoryEntry>().WithMany().HasForeignKey(v => v.EntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(v => v.AuthorId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Person>().WithMany().HasForeignKey(v => v.DecidedById).OnDelete(DeleteBehavior.SetNull);
        });
    }
}

public static class LocalDirectoryData
{
    extension(ParvisDbContext db)
    {
        public DbSet<DirectoryEntry> DirectoryEntries => db.Set<DirectoryEntry>();
        public DbSet<EntryTheme> EntryThemes => db.Set<EntryTheme>();
        public DbSet<DirectoryVersion> DirectoryVersions => db.Set<DirectoryVersion>();

        /// <summary>
        /// An entry of the organisation with its process, none when the process does not use the directory or is not
        /// published and <paramref name="published"/> is asked.
        /// </summary>
        public async Task<(DirectoryEntry Entry, Process Process)?> EntryWithProcess(Guid id, Guid organisationId, bool published)
        {
            var entry = await db.DirectoryEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.OrganisationId == organisationId);
            var process = entry is null ? null
                : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == entry.ProcessId && (p.Published || !published));
            return entry is not null && process?.Component(LocalDirectoryModule.Key) is not null ? (entry, process) : null;
        }

        /// <summary>The themes of the entries given, by entry.</summary>
        public async Task<ILookup<Guid, Guid>> ThemesOf(IReadOnlyCollection<Guid> entries) =>
            (await db.EntryThemes.AsNoTracking().Where(t => entries.Contains(t.EntryId)).ToListAsync()).ToLookup(t => t.EntryId, t => t.ThemeId);
    }
}

/// <summary>What the directory module lets people do.</summary>
public static class LocalDirectoryPermissions
{
    /// <summary>Propose an entry or a change to one, when the phase allows it.</summary>
    public static readonly Permission Propose = new("Directory.Propose", Permission.Everyone, at => at.IsOn(LocalDirectoryModule.Proposing));

    /// <summary>Accept or refuse proposals, write and close entries, confirm they are still true.</summary>
    public static readonly Permission Manage = new("Directory.Manage", Permission.Staff);
}
