using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Debates;

/// <summary>
/// The debates module: a question argued for and against in two columns, each ordered by support, with replies under
/// each argument, invited positions, and a closing record (agreement, disputed points with their arguments, open
/// questions the experts may take up). Pages are under Pages/ and Pages/Admin/.
/// </summary>
public sealed class DebatesModule : IParvisModule
{
    public const string Key = "debates";

    public string Name => Key;

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => DebatesDatasets.All;

    public string TitleKey => "Debates.ModuleTitle";

    /// <summary>A phase switch: participants open debates of their own.</summary>
    public const string Opening = "debates.opening";

    /// <summary>A phase switch: participants write arguments, support them and reply.</summary>
    public const string Arguing = "debates.arguing";

    public IReadOnlyList<ModuleSwitch> PhaseSwitches => [new(Arguing, "Debates.Switch.Arguing"), new(Opening, "Debates.Switch.Opening")];

    public IReadOnlyList<Permission> Permissions => [DebatesPermissions.Open, DebatesPermissions.Argue, DebatesPermissions.Enter, DebatesPermissions.Manage];

    public async Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component) =>
        [new ModuleLink($"/processes/{process.Slug}/debates", "Debates.SeeAll", await db.Debates.CountAsync(d => d.ProcessId == process.Id && d.HiddenAt == null))];

    /// <summary>Arguing, when the phase allows it and a debate is open.</summary>
    public async Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour)
    {
        if (phase?.IsOn(component, Arguing) != true)
        {
            return [];
        }
        var open = await db.Debates.AsNoTracking()
            .Where(d => d.ProcessId == process.Id && d.ClosedAt == null && d.HiddenAt == null && d.Question != "" && (d.OpensAt == null || d.OpensAt <= hour) && (d.ClosesAt == null || d.ClosesAt > hour))
            .OrderBy(d => d.CreatedAt).Select(d => new { d.Id, d.Question }).FirstOrDefaultAsync();
        return open is null ? [] : [new ModuleLink($"/debates/{open.Id}", "Debates.Action.Argue", open.Question)];
    }

    public IReadOnlyList<ModuleLink> AdminEntries(Process process, ProcessComponent component) =>
        [new ModuleLink($"/admin/processes/{process.Id}/debates", "Debates.AdminTitle")];

    public void SeedDemo(DemoProcess demo) => DebatesDemo.Seed(demo);

    /// <summary>The record that closes a debate one argued in, replied to, supported or follows.</summary>
    public static readonly NotificationKind Closed = new("debates.closed", NotificationMode.Immediately, First: true, InFeeds: true);

    public IReadOnlyList<NotificationKind> NotificationKinds => [Closed];

    public Task<Followable?> FollowableAsync(ParvisDbContext db, Guid organisationId, Guid itemId) =>
        db.Debates.Where(d => d.Id == itemId && d.OrganisationId == organisationId && d.Question != "" && d.HiddenAt == null)
            .Select(d => new Followable(d.ProcessId, d.Question, "/debates/" + d.Id)).FirstOrDefaultAsync();

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<DebateCommands>();
        services.AddScoped<IContributionSource, DebatesContributions>();
        services.AddScoped<IPersonalDataSource, DebatesPersonalData>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<Debate>(e =>
        {
            e.ToTable("debates_debates");
            e.Property(d => d.Question).HasMaxLength(Debate.QuestionMax);
            e.Property(d => d.Context).HasMaxLength(Debate.ContextMax);
            e.Property(d => d.PlainSummary).HasMaxLength(Debate.PlainSummaryMax);
            e.Property(d => d.Conclusion).HasMaxLength(ClosingPoint.TextMax);
            e.Property(d => d.HiddenReason).HasMaxLength(ModerationDecision.ReasonMax);
            e.HasIndex(d => d.ProcessId);
            e.HasOne<Process>().WithMany().HasForeignKey(d => d.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(d => d.OpenedById).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<Argument>(e =>
        {
            e.ToTable("debates_arguments");
            e.Property(a => a.Title).HasMaxLength(Argument.TitleMax);
            e.Property(a => a.Text).HasMaxLength(Argument.TextMax);
            e.Property(a => a.Invited).HasMaxLength(Argument.InvitedMax);
            e.Property(a => a.Side).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(a => a.DebateId);
            // The contribution's row goes with the process; an argument never outlives its debate's page.
            e.HasOne<Debate>().WithMany().HasForeignKey(a => a.DebateId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<ArgumentReply>(e =>
        {
            e.ToTable("debates_replies");
            e.Property(r => r.Text).HasMaxLength(ArgumentReply.TextMax);
            e.HasIndex(r => r.ArgumentId);
            e.HasIndex(r => r.DebateId);
            e.HasOne<Argument>().WithMany().HasForeignKey(r => r.ArgumentId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<ArgumentSupport>(e =>
        {
            e.ToTable("debates_supports");
            // The database, not only the code, keeps one support per person and argument.
            e.HasKey(s => new { s.ArgumentId, s.PersonId });
            e.HasIndex(s => s.PersonId);
            e.HasOne<Argument>().WithMany().HasForeignKey(s => s.ArgumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ClosingPoint>(e =>
        {
            e.ToTable("debates_points");
            e.Property(p => p.Text).HasMaxLength(ClosingPoint.TextMax);
            e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(p => new { p.DebateId, p.Position });
            e.HasOne<Debate>().WithMany().HasForeignKey(p => p.DebateId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PointArgument>(e =>
        {
            e.ToTable("debates_point_arguments");
            e.HasKey(p => new { p.PointId, p.ArgumentId });
            e.HasOne<ClosingPoint>().WithMany().HasForeignKey(p => p.PointId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Argument>().WithMany().HasForeignKey(p => p.ArgumentId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public static class DebatesData
{
    extension(ParvisDbContext db)
    {
        public DbSet<Debate> Debates => db.Set<Debate>();
        public DbSet<Argument> Arguments => db.Set<Argument>();
        public DbSet<ArgumentReply> ArgumentReplies => db.Set<ArgumentReply>();
        public DbSet<ArgumentSupport> ArgumentSupports => db.Set<ArgumentSupport>();
        public DbSet<ClosingPoint> ClosingPoints => db.Set<ClosingPoint>();
        public DbSet<PointArgument> PointArguments => db.Set<PointArgument>();
    }
}

/// <summary>What the debates module lets people do.</summary>
public static class DebatesPermissions
{
    /// <summary>Open a debate of one's own, when the phase lets participants.</summary>
    public static readonly Permission Open = new("Debates.Open", Permission.Everyone, at => at.IsOn(DebatesModule.Opening));

    /// <summary>Write an argument, support one, reply, when the phase allows it.</summary>
    public static readonly Permission Argue = new("Debates.Argue", Permission.Everyone, at => at.IsOn(DebatesModule.Arguing));

    /// <summary>Type in the arguments written at a workshop's table or on paper, with where they come from.</summary>
    public static readonly Permission Enter = new("Debates.Enter", [Role.Administrator, Role.ProcessManager, Role.Facilitator]);

    /// <summary>Open debates at any time, write invited positions, close with the record.</summary>
    public static readonly Permission Manage = new("Debates.Manage", Permission.Staff);
}
