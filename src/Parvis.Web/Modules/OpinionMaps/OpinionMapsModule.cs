using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.OpinionMaps;

/// <summary>
/// The opinion-maps module: statements, votes, and the groups and common ground computed from them
/// by the Parvis.OpinionMaps engine in the background. Pages are under Pages/ (public) and Pages/Admin/.
/// Statements and votes are open while the map's phase is current.
/// </summary>
public sealed class OpinionMapsModule : IParvisModule
{
    /// <summary>Its name, for its own code to find its component.</summary>
    public const string Key = "opinion-maps";

    public string Name => Key;

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => OpinionMapsDatasets.All;

    public string TitleKey => "OpinionMaps.ModuleTitle";

    public bool AllowsSeveral => true;

    public IReadOnlyList<Permission> Permissions => [OpinionMapsPermissions.Manage, OpinionMapsPermissions.Contribute];

    public async Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component) =>
        await db.OpinionMaps.AsNoTracking().Where(m => m.ComponentId == component.Id).OrderBy(m => m.CreatedAt)
            .Select(m => new ModuleLink($"/maps/{m.Id}", "OpinionMaps.Entry", m.Question)).ToListAsync();

    /// <summary>Each map of the component open in the current phase: voting on it.</summary>
    public async Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour) =>
        phase is null ? [] : await db.OpinionMaps.AsNoTracking().Where(m => m.ComponentId == component.Id && m.PhaseId == phase.Id).OrderBy(m => m.CreatedAt)
            .Select(m => new ModuleLink($"/maps/{m.Id}/vote", "OpinionMaps.Action.Vote", m.Question)).ToListAsync();

    public IReadOnlyList<ModuleLink> AdminEntries(Process process, ProcessComponent component) =>
        [new ModuleLink($"/admin/processes/{process.Id}/maps/{component.Id}", "OpinionMaps.AdminTitle")];

    public void SeedDemo(DemoProcess demo) => OpinionMapsDemo.Seed(demo);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<OpinionMapCommands>();
        services.AddSingleton<OpinionMapRecomputer>();
        services.AddHostedService(provider => provider.GetRequiredService<OpinionMapRecomputer>());
        services.AddScoped<IPersonalDataSource, OpinionMapsPersonalData>();
        services.AddScoped<IContributionSource, OpinionMapsContributions>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<OpinionMap>(e =>
        {
            e.ToTable("opinionmaps_maps");
            e.Property(m => m.Question).HasMaxLength(OpinionMap.QuestionMax);
            e.Property(m => m.Description).HasMaxLength(OpinionMap.DescriptionMax);
            e.HasIndex(m => m.ProcessId);
            e.HasIndex(m => m.ComponentId);
            e.HasOne<Process>().WithMany().HasForeignKey(m => m.ProcessId).OnDelete(DeleteBehavior.Cascade);
            // Components go only with their process, which takes its maps with it.
            e.HasOne<ProcessComponent>().WithMany().HasForeignKey(m => m.ComponentId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<Phase>().WithMany().HasForeignKey(m => m.PhaseId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Statement>(e =>
        {
            e.ToTable("opinionmaps_statements");
            e.Property(s => s.Text).HasMaxLength(Statement.TextMax);
            e.HasIndex(s => new { s.OpinionMapId, s.Number }).IsUnique();
            e.HasOne<OpinionMap>().WithMany().HasForeignKey(s => s.OpinionMapId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OpinionParticipant>(e =>
        {
            e.ToTable("opinionmaps_participants");
            e.HasIndex(p => new { p.OpinionMapId, p.Number }).IsUnique();
            e.HasIndex(p => new { p.OpinionMapId, p.PersonId }).IsUnique();
            e.HasIndex(p => p.PersonId);
            e.HasOne<OpinionMap>().WithMany().HasForeignKey(p => p.OpinionMapId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Kernel.People.Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<OpinionVote>(e =>
        {
            e.ToTable("opinionmaps_votes");
            // The database, not only the code, keeps one vote per participant and statement.
            e.HasIndex(v => new { v.StatementId, v.ParticipantId }).IsUnique();
            e.HasIndex(v => new { v.OpinionMapId, v.CastAt });
            e.HasIndex(v => v.ParticipantId);
            e.HasOne<Statement>().WithMany().HasForeignKey(v => v.StatementId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OpinionParticipant>().WithMany().HasForeignKey(v => v.ParticipantId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<OpinionMap>().WithMany().HasForeignKey(v => v.OpinionMapId).OnDelete(DeleteBehavior.NoAction);
        });
    }
}

public static class OpinionMapsData
{
    extension(ParvisDbContext db)
    {
        public DbSet<OpinionMap> OpinionMaps => db.Set<OpinionMap>();
        public DbSet<Statement> Statements => db.Set<Statement>();
        public DbSet<OpinionParticipant> OpinionParticipants => db.Set<OpinionParticipant>();
        public DbSet<OpinionVote> OpinionVotes => db.Set<OpinionVote>();
    }
}

/// <summary>What the opinion-maps module lets people do.</summary>
public static class OpinionMapsPermissions
{
    public static readonly Permission Manage = new("OpinionMaps.Manage", Permission.Staff);

    /// <summary>Write statements and vote on them; callers pass the phase only while it is the map's.</summary>
    public static readonly Permission Contribute = new("OpinionMaps.Contribute", Permission.Everyone, _ => true);
}
