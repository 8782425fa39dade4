using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Texts;

/// <summary>
/// The collaborative texts module: a draft text in sections and articles, voted on article by article (d'accord, mitigé,
/// pas d'accord), argued, amended, and published again as version n+1 with a changelog that says why each article
/// changed and which contributions caused it. Pages are under Pages/ and Pages/Admin/.
/// </summary>
public sealed class TextsModule : IParvisModule
{
    public const string Key = "texts";

    public string Name => Key;

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => TextsDatasets.All;

    public string TitleKey => "Texts.ModuleTitle";

    /// <summary>A phase switch: participants vote on articles and amendments, and argue.</summary>
    public const string Voting = "texts.voting";

    /// <summary>A phase switch: participants propose amendments and new articles.</summary>
    public const string Amending = "texts.amending";

    public IReadOnlyList<ModuleSwitch> PhaseSwitches => [new(Voting, "Texts.Switch.Voting"), new(Amending, "Texts.Switch.Amending")];

    /// <summary>A new version of a text one voted on, argued, amended, or whose process one follows.</summary>
    public static readonly NotificationKind NewVersion = new("texts.version", NotificationMode.Immediately, InFeeds: true);

    public IReadOnlyList<NotificationKind> NotificationKinds => [NewVersion];

    public Task<Followable?> FollowableAsync(ParvisDbContext db, Guid organisationId, Guid itemId) =>
        db.CollaborativeTexts.Where(t => t.Id == itemId && t.OrganisationId == organisationId && t.Version > 0)
            .Select(t => new Followable(t.ProcessId, t.Title, "/texts/" + t.Id)).FirstOrDefaultAsync();

    public IReadOnlyList<Permission> Permissions => [TextsPermissions.Vote, TextsPermissions.Amend, TextsPermissions.Enter, TextsPermissions.Manage];

    public async Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component) =>
        [new ModuleLink($"/processes/{process.Slug}/texts", "Texts.SeeAll", await db.CollaborativeTexts.CountAsync(t => t.ProcessId == process.Id && t.Version > 0))];

    /// <summary>Reading and voting on the first published text, when the phase takes votes or amendments.</summary>
    public async Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour)
    {
        if (phase is null || !(phase.IsOn(component, Voting) || phase.IsOn(component, Amending)))
        {
            return [];
        }
        var text = await db.CollaborativeTexts.AsNoTracking().Where(t => t.ProcessId == process.Id && t.Version > 0)
            .OrderBy(t => t.CreatedAt).Select(t => new { t.Id, t.Title }).FirstOrDefaultAsync();
        return text is null ? [] : [new ModuleLink($"/texts/{text.Id}", "Texts.Action.Contribute", text.Title)];
    }

    public IReadOnlyList<ModuleLink> AdminEntries(Process process, ProcessComponent component) =>
        [new ModuleLink($"/admin/processes/{process.Id}/texts", "Texts.AdminTitle")];

    public void SeedDemo(DemoProcess demo) => TextsDemo.Seed(demo);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<TextCommands>();
        services.AddScoped<IContributionSource, TextsContributions>();
        services.AddScoped<IPersonalDataSource, TextsPersonalData>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<CollaborativeText>(e =>
        {
            e.ToTable("texts_texts");
            e.Property(t => t.Title).HasMaxLength(CollaborativeText.TitleMax);
            e.Property(t => t.Introduction).HasMaxLength(CollaborativeText.IntroductionMax);
            e.Property(t => t.PlainSummary).HasMaxLength(CollaborativeText.PlainSummaryMax);
            e.HasIndex(t => t.ProcessId);
            e.HasOne<Process>().WithMany().HasForeignKey(t => t.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TextVersion>(e =>
        {
            e.ToTable("texts_versions");
            e.Property(v => v.Note).HasMaxLength(TextVersion.NoteMax);
            e.HasIndex(v => new { v.TextId, v.Number }).IsUnique();
            e.HasOne<CollaborativeText>().WithMany().HasForeignKey(v => v.TextId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TextArticle>(e =>
        {
            e.ToTable("texts_articles");
            e.Property(a => a.Section).HasMaxLength(TextImport.SectionMax);
            e.Property(a => a.Heading).HasMaxLength(TextImport.HeadingMax);
            e.Property(a => a.Body).HasMaxLength(TextImport.BodyMax);
            e.HasIndex(a => new { a.TextId, a.Version, a.Position });
            e.HasIndex(a => a.LineageId);
            e.HasOne<CollaborativeText>().WithMany().HasForeignKey(a => a.TextId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Amendment>(e =>
        {
            e.ToTable("texts_amendments");
            e.Property(a => a.Heading).HasMaxLength(TextImport.HeadingMax);
            e.Property(a => a.Wording).HasMaxLength(TextImport.BodyMax);
            e.Property(a => a.Reason).HasMaxLength(Amendment.ReasonMax);
            e.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(a => new { a.TextId, a.ArticleId });
            // The contribution's row goes with the process; an amendment never outlives its text's page.
            e.HasOne<CollaborativeText>().WithMany().HasForeignKey(a => a.TextId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<TextArticle>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<TextArgument>(e =>
        {
            e.ToTable("texts_arguments");
            e.Property(a => a.Text).HasMaxLength(TextArgument.TextMax);
            e.Property(a => a.Side).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(a => new { a.TextId, a.ArticleId });
            e.HasIndex(a => a.AmendmentId);
            e.HasOne<CollaborativeText>().WithMany().HasForeignKey(a => a.TextId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<TextVote>(e =>
        {
            e.ToTable("texts_votes");
            // The database, not only the code, keeps one vote per person and article or amendment.
            e.HasKey(v => new { v.SubjectId, v.PersonId });
            e.Property(v => v.Opinion).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(v => v.PersonId);
            e.HasIndex(v => new { v.TextId, v.SubjectId, v.Opinion });
            e.HasOne<Person>().WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CollaborativeText>().WithMany().HasForeignKey(v => v.TextId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TextChange>(e =>
        {
            e.ToTable("texts_changes");
            e.Property(c => c.Heading).HasMaxLength(TextImport.HeadingMax);
            e.Property(c => c.Reason).HasMaxLength(TextChange.ReasonMax);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(c => new { c.TextId, c.Version, c.Position });
            e.HasOne<CollaborativeText>().WithMany().HasForeignKey(c => c.TextId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TextChangeLink>(e =>
        {
            e.ToTable("texts_change_links");
            e.HasKey(l => new { l.ChangeId, l.ContributionId });
            e.HasIndex(l => l.ContributionId);
            e.HasOne<TextChange>().WithMany().HasForeignKey(l => l.ChangeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contribution>().WithMany().HasForeignKey(l => l.ContributionId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public static class TextsData
{
    extension(ParvisDbContext db)
    {
        public DbSet<CollaborativeText> CollaborativeTexts => db.Set<CollaborativeText>();
        public DbSet<TextVersion> TextVersions => db.Set<TextVersion>();
        public DbSet<TextArticle> TextArticles => db.Set<TextArticle>();
        public DbSet<Amendment> Amendments => db.Set<Amendment>();
        public DbSet<TextArgument> TextArguments => db.Set<TextArgument>();
        public DbSet<TextVote> TextVotes => db.Set<TextVote>();
        public DbSet<TextChange> TextChanges => db.Set<TextChange>();
        public DbSet<TextChangeLink> TextChangeLinks => db.Set<TextChangeLink>();
    }
}

/// <summary>What the collaborative texts module lets people do.</summary>
public static class TextsPermissions
{
    /// <summary>Vote on articles and amendments, and argue, when the phase allows it.</summary>
    public static readonly Permission Vote = new("Texts.Vote", Permission.Everyone, at => at.IsOn(TextsModule.Voting));

    /// <summary>Propose amendments and new articles, when the phase allows it.</summary>
    public static readonly Permission Amend = new("Texts.Amend", Permission.Everyone, at => at.IsOn(TextsModule.Amending));

    /// <summary>Type in the amendments written in a booklet or at a workshop's table, with where they come from.</summary>
    public static readonly Permission Enter = new("Texts.Enter", [Role.Administrator, Role.ProcessManager, Role.Facilitator]);

    /// <summary>Write texts, publish versions with their changelog, answer amendments.</summary>
    public static readonly Permission Manage = new("Texts.Manage", Permission.Staff);
}
