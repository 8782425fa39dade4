using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Web;

namespace Parvis.Web.Modules.Proposals;

/// <summary>
/// The proposals module: participants write proposals, support them once each and discuss them in
/// threads; staff answer them officially. Pages are under Pages/ (public) and Pages/Admin/.
/// What participants may do in a phase is the phase's switches: proposing, supporting, commenting.
/// </summary>
public sealed class ProposalsModule : IParvisModule
{
    /// <summary>Its name, for its own code to find its component.</summary>
    public const string Key = "proposals";

    public string Name => Key;

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => ProposalsDatasets.All;

    public string TitleKey => "Proposals.ModuleTitle";

    public const string Proposing = "proposals.proposing";
    public const string Supporting = "proposals.supporting";
    public const string Commenting = "proposals.commenting";

    /// <summary>Whether comments, like proposals, are each given a fate by the analysts.</summary>
    public const string CommentsAwaitFate = "proposals.comments-await-fate";

    public IReadOnlyList<ModuleSwitch> PhaseSwitches =>
        [new(Proposing, "Proposals.Switch.Proposing"), new(Supporting, "Proposals.Switch.Supporting"), new(Commenting, "Proposals.Switch.Commenting")];

    public IReadOnlyList<ModuleSwitch> ProcessSwitches =>
        [new(CommentsAwaitFate, "Proposals.Switch.CommentsAwaitFate", "Proposals.Switch.CommentsAwaitFateHint")];

    public IReadOnlyList<Permission> Permissions => [ProposalsPermissions.Propose, ProposalsPermissions.Support, ProposalsPermissions.Comment, ProposalsPermissions.Answer];

    public async Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component)
    {
        var shown = await db.Proposals.CountAsync(p => p.ProcessId == process.Id && p.HiddenAt == null && p.WithdrawnAt == null && p.ErasedAt == null);
        return [new ModuleLink($"/processes/{process.Slug}/proposals", "Process.SeeProposals", shown)];
    }

    /// <summary>Proposing first when the phase allows it, then supporting, then commenting.</summary>
    public Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour)
    {
        var list = $"/processes/{process.Slug}/proposals";
        var actions = new List<ModuleLink>();
        if (phase?.IsOn(component, Proposing) == true)
        {
            actions.Add(new ModuleLink($"{list}/new", "Proposals.Action.Propose"));
        }
        if (phase?.IsOn(component, Supporting) == true)
        {
            actions.Add(new ModuleLink(list, "Proposals.Action.Support"));
        }
        else if (phase?.IsOn(component, Commenting) == true)
        {
            actions.Add(new ModuleLink(list, "Proposals.Action.Comment"));
        }
        return Task.FromResult<IReadOnlyList<ModuleLink>>(actions);
    }

    /// <summary>A comment on a proposal one wrote, commented, supported or follows; a reply to one's comment is told in full.</summary>
    public static readonly NotificationKind Commented = new("proposals.comment", NotificationMode.Daily);

    /// <summary>The official answer to a proposal.</summary>
    public static readonly NotificationKind Answered = new("proposals.answer", NotificationMode.Immediately, First: true, InFeeds: true);

    public IReadOnlyList<NotificationKind> NotificationKinds => [Commented, Answered];

    public IReadOnlyList<(string Table, ChangeKind Kind)> KeptTables => [(SupportsTable, ChangeKind.Supports)];

    public void SeedDemo(DemoProcess demo) => ProposalsDemo.Seed(demo);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<ProposalCommands>();
        services.AddSingleton<SupportWriter>();
        services.AddHostedService(s => s.GetRequiredService<SupportWriter>());
        services.AddScoped<ProposalSearch>();
        services.AddScoped<PersonalSupports>();
        services.AddScoped<IPersonalDataSource, ProposalsPersonalData>();
        services.AddScoped<IContributionSource, ProposalsContributions>();
    }

    /// <summary>A write to it drops what is kept of people's supports.</summary>
    private const string SupportsTable = "proposals_supports";

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<Proposal>(e =>
        {
            e.ToTable("proposals_proposals");
            e.Property(p => p.Title).HasMaxLength(Proposal.TitleMax);
            e.Property(p => p.Body).HasMaxLength(Proposal.BodyMax);
            e.Property(p => p.Answer).HasMaxLength(Proposal.AnswerMax);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Theme>().WithMany().HasForeignKey(p => p.ThemeId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Proposal>().WithMany().HasForeignKey(p => p.MergedIntoId).OnDelete(DeleteBehavior.SetNull);
            // No index on the counters: a support then rewrites only its row, never the text-search indexes (below).
        });
        model.Entity<Comment>(e =>
        {
            e.ToTable("proposals_comments");
            e.Property(c => c.Body).HasMaxLength(Comment.BodyMax);
            e.HasIndex(c => c.ProposalId);
            e.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Support>(e =>
        {
            e.ToTable(SupportsTable);
            // The database, not only the code, guarantees one support per person and proposal.
            e.HasIndex(s => new { s.ProposalId, s.PersonId }).IsUnique();
            e.HasIndex(s => s.PersonId);
            // A merge undone finds the supports it carried over.
            e.HasIndex(s => s.CarriedFromId);
            e.HasOne<Proposal>().WithMany().HasForeignKey(s => s.ProposalId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Kernel.People.Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    /// <summary>
    /// French stemming that also ignores accents, as people often type without them; created by the
    /// PostgreSQL migration (unaccent extension + a copy of the "french" configuration).
    /// </summary>
    public const string PostgresFrench = "parvis_french";

    /// <summary>
    /// PostgreSQL full-text search: expression indexes for the French and English configurations. Room is left in
    /// each page so that a counter update stays on its page and skips every index (a "HOT" update): without it,
    /// each support would compute both text vectors again and grow the GIN indexes.
    /// </summary>
    public void BuildPostgresModel(ModelBuilder model) =>
        model.Entity<Proposal>(e =>
        {
            e.HasStorageParameter("fillfactor", 80);
            e.HasIndex(p => new { p.Title, p.Body }, "ix_proposals_search_fr").HasMethod("GIN").IsTsVectorExpressionIndex(PostgresFrench);
            e.HasIndex(p => new { p.Title, p.Body }, "ix_proposals_search_en").HasMethod("GIN").IsTsVectorExpressionIndex("english");
        });
}

public static class ProposalsData
{
    extension(ParvisDbContext db)
    {
        public DbSet<Proposal> Proposals => db.Set<Proposal>();
        public DbSet<Comment> Comments => db.Set<Comment>();
        public DbSet<Support> Supports => db.Set<Support>();
    }
}

/// <summary>What the proposals module lets people do.</summary>
public static class ProposalsPermissions
{
    public static readonly Permission Propose = new("Proposals.Propose", Permission.Everyone, at => at.IsOn(ProposalsModule.Proposing));
    public static readonly Permission Support = new("Proposals.Support", Permission.Everyone, at => at.IsOn(ProposalsModule.Supporting));
    public static readonly Permission Comment = new("Proposals.Comment", Permission.Everyone, at => at.IsOn(ProposalsModule.Commenting));

    /// <summary>Answer a proposal officially, in the organisation's name.</summary>
    public static readonly Permission Answer = new("Proposals.Answer", Permission.Staff);
}
