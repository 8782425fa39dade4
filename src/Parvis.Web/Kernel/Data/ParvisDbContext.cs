using Parvis.Web.Kernel.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Kernel.Data;

/// <summary>
/// The one database of an installation. Kernel tables are prefixed "kernel_", a module's tables
/// with the module's name. Each provider has its own subclass so it keeps its own migration set.
/// A module's sets are extension properties in its folder; its model comes from its manifest.
/// </summary>
public abstract class ParvisDbContext(DbContextOptions options)
    : IdentityDbContext<Person, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationLogo> OrganisationLogos => Set<OrganisationLogo>();
    public DbSet<PersonSession> PersonSessions => Set<PersonSession>();
    public DbSet<Territory.TerritoryArea> TerritoryAreas => Set<Territory.TerritoryArea>();
    public DbSet<Territory.ActorMention> ActorMentions => Set<Territory.ActorMention>();
    public DbSet<Territory.Basemap> Basemaps => Set<Territory.Basemap>();
    public DbSet<Territory.BasemapTile> BasemapTiles => Set<Territory.BasemapTile>();
    public DbSet<Mediation.MediationStructure> MediationStructures => Set<Mediation.MediationStructure>();
    public DbSet<Mediation.Mediator> Mediators => Set<Mediation.Mediator>();
    public DbSet<Mediation.Mandate> Mandates => Set<Mediation.Mandate>();
    public DbSet<Mediation.MandateAct> MandateActs => Set<Mediation.MandateAct>();
    public DbSet<Mediation.MediationSession> MediationSessions => Set<Mediation.MediationSession>();
    public DbSet<Mediation.HeldAccount> HeldAccounts => Set<Mediation.HeldAccount>();
    public DbSet<Demographics.DemographicAnswer> DemographicAnswers => Set<Demographics.DemographicAnswer>();
    public DbSet<Demographics.PopulationFigure> PopulationFigures => Set<Demographics.PopulationFigure>();
    public DbSet<OrganisationHost> OrganisationHosts => Set<OrganisationHost>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<OrganisationVoice> OrganisationVoices => Set<OrganisationVoice>();
    public DbSet<Process> Processes => Set<Process>();
    public DbSet<Phase> Phases => Set<Phase>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<ContributionFlag> ContributionFlags => Set<ContributionFlag>();
    public DbSet<ModerationDecision> ModerationDecisions => Set<ModerationDecision>();
    public DbSet<ModerationAppeal> ModerationAppeals => Set<ModerationAppeal>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<FateDecision> FateDecisions => Set<FateDecision>();
    public DbSet<Analysis.DuplicateDismissal> DuplicateDismissals => Set<Analysis.DuplicateDismissal>();
    public DbSet<Analysis.SuggestionDecision> SuggestionDecisions => Set<Analysis.SuggestionDecision>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<PhaseFeedback> PhaseFeedback => Set<PhaseFeedback>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<NotificationEvent> NotificationEvents => Set<NotificationEvent>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();
    public DbSet<NotificationChoice> NotificationChoices => Set<NotificationChoice>();
    public DbSet<OutgoingMessage> OutgoingMessages => Set<OutgoingMessage>();
    public DbSet<SynthesisItem> SynthesisItems => Set<SynthesisItem>();
    public DbSet<Summary> Summaries => Set<Summary>();
    public DbSet<ContributionTheme> ContributionThemes => Set<ContributionTheme>();
    public DbSet<SummaryCitation> SummaryCitations => Set<SummaryCitation>();
    public DbSet<SummaryEcho> SummaryEchoes => Set<SummaryEcho>();
    public DbSet<SynthesisLink> SynthesisLinks => Set<SynthesisLink>();
    public DbSet<SynthesisItemLink> SynthesisItemLinks => Set<SynthesisItemLink>();
    public DbSet<ProcessReport> ProcessReports => Set<ProcessReport>();
    public DbSet<ResultUpdate> ResultUpdates => Set<ResultUpdate>();
    public DbSet<Framework> Frameworks => Set<Framework>();
    public DbSet<FrameworkEntry> FrameworkEntries => Set<FrameworkEntry>();
    public DbSet<AnalysisGrid> AnalysisGrids => Set<AnalysisGrid>();
    public DbSet<GridCoding> GridCodings => Set<GridCoding>();

    protected IReadOnlyList<IParvisModule> Modules => (this.GetService<IDbContextOptions>().FindExtension<ModulesOptions>()
        ?? throw new InvalidOperationException("The context's options carry no modules (ModulesOptions.Use).")).Catalog.Modules;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        KernelModel.Build(builder);
        foreach (var module in Modules)
        {
            module.BuildModel(builder);
        }
    }
}

/// <summary>The embedded default: one file under the data directory.</summary>
public sealed class SqliteParvisDbContext(DbContextOptions<SqliteParvisDbContext> options) : ParvisDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-with-offset type and cannot order by one stored as text: store UTC ticks.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<long>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<long?>();
    }
}

public sealed class PostgresParvisDbContext(DbContextOptions<PostgresParvisDbContext> options) : ParvisDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var module in Modules)
        {
            module.BuildPostgresModel(builder);
        }
    }
}
