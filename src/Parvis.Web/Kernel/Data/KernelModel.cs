using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Data;

internal static class KernelModel
{
    /// <summary>
    /// Named here because writes to them also drop what each node keeps of them: organisations by host, people's
    /// roles, processes as permission checks read them (<see cref="ChangeInterceptor"/>).
    /// </summary>
    public const string OrganisationsTable = "kernel_organisations";
    public const string OrganisationHostsTable = "kernel_organisation_hosts";
    public const string RoleAssignmentsTable = "kernel_role_assignments";
    public const string VoicesTable = "kernel_voices";
    public const string ProcessesTable = "kernel_processes";
    public const string PhasesTable = "kernel_phases";
    public const string ThemesTable = "kernel_themes";
    public const string ComponentsTable = "kernel_components";
    public const string FollowsTable = "kernel_follows";
    public const string PeopleTable = "kernel_people";
    public const string SessionsTable = "kernel_sessions";
    public const string TerritoryTable = "kernel_territory_areas";
    public const string BasemapsTable = "kernel_basemaps";
    public const string IdentityTablesPrefix = "kernel_identity_";

    private static void BuildDemographics(ModelBuilder b)
    {
        b.Entity<Demographics.DemographicAnswer>(e =>
        {
            e.ToTable("kernel_demographic_answers");
            e.Property(a => a.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.AgeBand).HasMaxLength(10);
            e.Property(a => a.Gender).HasMaxLength(10);
            e.Property(a => a.Category).HasMaxLength(10);
            e.Property(a => a.Commune).HasMaxLength(Demographics.DemographicAnswer.CommuneMax);
            // One set of answers per person and process; answers typed from paper name nobody.
            e.HasIndex(a => new { a.ProcessId, a.PersonId }).IsUnique();
            e.HasOne<Process>().WithMany().HasForeignKey(a => a.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Demographics.PopulationFigure>(e =>
        {
            e.ToTable("kernel_population_figures");
            e.Property(f => f.Commune).HasMaxLength(Demographics.DemographicAnswer.CommuneMax);
            e.Property(f => f.Dimension).HasConversion<string>().HasMaxLength(20);
            e.Property(f => f.Band).HasMaxLength(10);
            e.HasIndex(f => new { f.OrganisationId, f.Commune, f.Dimension, f.Band }).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void BuildMediation(ModelBuilder b)
    {
        b.Entity<Mediation.MediationStructure>(e =>
        {
            e.ToTable("kernel_mediation_structures");
            e.Property(s => s.Name).HasMaxLength(Mediation.MediationStructure.NameMax);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(s => new { s.OrganisationId, s.Name }).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Mediation.Mediator>(e =>
        {
            e.ToTable("kernel_mediators");
            e.HasIndex(m => new { m.StructureId, m.PersonId }).IsUnique();
            e.HasIndex(m => m.PersonId);
            e.HasOne<Mediation.MediationStructure>().WithMany().HasForeignKey(m => m.StructureId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Mediation.Mandate>(e =>
        {
            e.ToTable("kernel_mandates");
            e.Property(m => m.Allows).HasConversion<int>();
            e.Property(m => m.Duration).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Consent).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.ConsentTextVersion).HasMaxLength(20);
            e.HasIndex(m => m.PersonId);
            e.HasIndex(m => new { m.StructureId, m.CreatedAt });
            // A structure with mandates stays: its name labels what was entered under them.
            e.HasOne<Mediation.MediationStructure>().WithMany().HasForeignKey(m => m.StructureId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Process>().WithMany().HasForeignKey(m => m.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Mediation.MandateAct>(e =>
        {
            e.ToTable("kernel_mandate_acts");
            e.Property(a => a.Mode).HasConversion<string>().HasMaxLength(10);
            e.Property(a => a.Change).HasConversion<string>().HasMaxLength(10);
            e.Property(a => a.Kind).HasMaxLength(Mediation.MandateAct.KindMax);
            e.Property(a => a.Address).HasMaxLength(Mediation.MandateAct.AddressMax);
            e.HasIndex(a => new { a.MandateId, a.At });
            e.HasIndex(a => new { a.MediatorId, a.SubjectId });
            e.HasOne<Mediation.Mandate>().WithMany().HasForeignKey(a => a.MandateId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Mediation.MediationSession>(e =>
        {
            e.ToTable("kernel_mediation_sessions");
            e.Property(s => s.Mode).HasConversion<string>().HasMaxLength(10);
            e.HasOne<Mediation.Mandate>().WithMany().HasForeignKey(s => s.MandateId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Mediation.HeldAccount>(e =>
        {
            e.ToTable("kernel_held_accounts");
            e.HasKey(h => h.PersonId);
            e.Property(h => h.CodeHash).HasMaxLength(32);
            e.HasOne<Person>().WithOne().HasForeignKey<Mediation.HeldAccount>(h => h.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Mediation.MediationStructure>().WithMany().HasForeignKey(h => h.StructureId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void BuildNotifications(ModelBuilder b)
    {
        b.Entity<PhaseFeedback>(e =>
        {
            e.ToTable("kernel_phase_feedback");
            e.Property(f => f.Comment).HasMaxLength(PhaseFeedback.CommentMax);
            e.HasIndex(f => new { f.PhaseId, f.PersonId }).IsUnique();
            e.HasIndex(f => f.PersonId);
            e.HasOne<Phase>().WithMany().HasForeignKey(f => f.PhaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<JournalEntry>(e =>
        {
            e.ToTable("kernel_journal");
            e.Property(j => j.Subject).HasMaxLength(JournalEntry.SubjectMax);
            e.Property(j => j.Before).HasMaxLength(JournalEntry.StateMax);
            e.Property(j => j.After).HasMaxLength(JournalEntry.StateMax);
            e.Property(j => j.Reason).HasMaxLength(JournalEntry.ReasonMax);
            e.Property(j => j.Prompts).HasMaxLength(JournalEntry.PromptsMax);
            e.Property(j => j.Language).HasMaxLength(5);
            e.HasIndex(j => new { j.ProcessId, j.At });
            e.HasOne<Process>().WithMany().HasForeignKey(j => j.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Follow>(e =>
        {
            e.ToTable(FollowsTable);
            e.HasKey(f => new { f.PersonId, f.SubjectId });
            e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(f => f.Title).HasMaxLength(Follow.TitleMax);
            e.Property(f => f.Address).HasMaxLength(Follow.AddressMax);
            e.HasIndex(f => new { f.SubjectId, f.Following });
            e.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<NotificationEvent>(e =>
        {
            e.ToTable("kernel_notification_events");
            e.Property(n => n.Kind).HasMaxLength(NotificationEvent.KindMax);
            e.Property(n => n.ItemTitle).HasMaxLength(Follow.TitleMax);
            e.Property(n => n.Address).HasMaxLength(Follow.AddressMax);
            e.Property(n => n.Arguments).HasMaxLength(NotificationEvent.ArgumentsMax);
            e.Property(n => n.DedupeKey).HasMaxLength(NotificationEvent.DedupeKeyMax);
            e.HasIndex(n => new { n.OrganisationId, n.DedupeKey }).IsUnique();
            e.HasIndex(n => n.ItemId);
            // The feeds read an organisation's newest events.
            e.HasIndex(n => new { n.OrganisationId, n.RaisedAt });
            e.HasOne<Organisation>().WithMany().HasForeignKey(n => n.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Notification>(e =>
        {
            e.ToTable("kernel_notifications");
            e.Property(n => n.Mail).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(n => new { n.PersonId, n.Mail });
            e.HasIndex(n => n.Mail);
            e.HasIndex(n => new { n.PersonId, n.OrganisationId, n.CreatedAt });
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<NotificationEvent>().WithMany().HasForeignKey(n => n.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<NotificationSettings>(e =>
        {
            e.ToTable("kernel_notification_settings");
            e.HasKey(n => n.PersonId);
            e.Property(n => n.Culture).HasMaxLength(10);
            e.Property(n => n.WeeklyDay).HasConversion<string>().HasMaxLength(10);
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<NotificationChoice>(e =>
        {
            e.ToTable("kernel_notification_choices");
            e.HasKey(n => new { n.PersonId, n.Kind });
            e.Property(n => n.Kind).HasMaxLength(NotificationEvent.KindMax);
            e.Property(n => n.Mode).HasConversion<string>().HasMaxLength(12);
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OutgoingMessage>(e =>
        {
            e.ToTable("kernel_outgoing_messages");
            e.Property(m => m.Subject).HasMaxLength(OutgoingMessage.SubjectMax);
            e.Property(m => m.StopAddress).HasMaxLength(2_000);
            e.Property(m => m.Node).HasMaxLength(OutgoingMessage.NodeMax);
            e.Property(m => m.State).HasConversion<string>().HasMaxLength(12);
            e.HasIndex(m => new { m.State, m.NotBefore });
            e.HasIndex(m => m.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    public static void Build(ModelBuilder b)
    {
        b.Entity<Person>(e =>
        {
            e.ToTable(PeopleTable);
            e.Property(p => p.Pseudonym).HasMaxLength(PersonRules.PseudonymMax);
            e.HasIndex(p => p.Pseudonym).IsUnique();
        });
        b.Entity<PersonSession>(e =>
        {
            e.ToTable(SessionsTable);
            e.Property(s => s.Device).HasMaxLength(PersonSession.DeviceMax);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.PersonId);
        });
        b.Entity<IdentityRole<Guid>>().ToTable(IdentityTablesPrefix + "roles");
        b.Entity<IdentityUserRole<Guid>>().ToTable(IdentityTablesPrefix + "user_roles");
        b.Entity<IdentityUserClaim<Guid>>().ToTable(IdentityTablesPrefix + "user_claims");
        b.Entity<IdentityUserLogin<Guid>>().ToTable(IdentityTablesPrefix + "user_logins");
        b.Entity<IdentityRoleClaim<Guid>>().ToTable(IdentityTablesPrefix + "role_claims");
        b.Entity<IdentityUserToken<Guid>>().ToTable(IdentityTablesPrefix + "user_tokens");

        b.Entity<Organisation>(e =>
        {
            e.ToTable(OrganisationsTable);
            e.HasIndex(o => o.Slug).IsUnique();
            e.Property(o => o.Slug).HasMaxLength(60);
            e.Property(o => o.Name).HasMaxLength(OrganisationRules.NameMax);
            e.Property(o => o.AccentColour).HasMaxLength(7);
            e.Property(o => o.DefaultCulture).HasMaxLength(5);
            e.Property(o => o.Charter).HasMaxLength(OrganisationRules.CharterMax);
            e.Property(o => o.DataLicence).HasMaxLength(20).HasDefaultValue(OpenData.Licences.Default);
            e.Property(o => o.OpenDataKey).HasMaxLength(OpenData.Pseudonyms.KeyBytes);
            e.Property(o => o.LogoVersion).HasMaxLength(16);
            e.Property(o => o.PeoplePerMediator).HasDefaultValue(Organisation.DefaultPeoplePerMediator);
            e.HasMany(o => o.Hosts).WithOne().HasForeignKey(h => h.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OrganisationLogo>(e =>
        {
            e.ToTable("kernel_organisation_logos");
            e.HasKey(l => l.OrganisationId);
            e.Property(l => l.Bytes).HasMaxLength(OrganisationLogo.BytesMax);
            e.Property(l => l.MediaType).HasMaxLength(20);
            e.HasOne<Organisation>().WithOne().HasForeignKey<OrganisationLogo>(l => l.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        BuildMediation(b);
        BuildDemographics(b);
        b.Entity<Territory.TerritoryArea>(e =>
        {
            e.ToTable(TerritoryTable);
            e.Property(a => a.Code).HasMaxLength(Territory.TerritoryArea.CodeMax);
            e.Property(a => a.Name).HasMaxLength(Territory.TerritoryArea.NameMax);
            e.Property(a => a.Outline).HasMaxLength(Territory.TerritoryArea.OutlineMax);
            e.HasIndex(a => new { a.OrganisationId, a.Name });
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Territory.Basemap>(e =>
        {
            e.ToTable(BasemapsTable);
            e.Property(m => m.FileName).HasMaxLength(Territory.Basemap.FileNameMax);
            e.Property(m => m.Attribution).HasMaxLength(Territory.Basemap.AttributionMax);
            e.HasIndex(m => m.OrganisationId).IsUnique();
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Territory.BasemapTile>(e =>
        {
            e.ToTable("kernel_basemap_tiles");
            e.HasKey(t => new { t.BasemapId, t.Zoom, t.X, t.Y });
            e.HasOne<Territory.Basemap>().WithMany().HasForeignKey(t => t.BasemapId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Territory.ActorMention>(e =>
        {
            e.ToTable("kernel_actor_mentions");
            e.Property(m => m.Kind).HasMaxLength(40);
            e.Property(m => m.Title).HasMaxLength(Territory.ActorMention.TitleMax);
            e.Property(m => m.Address).HasMaxLength(300);
            e.HasIndex(m => new { m.SubjectId, m.Kind }).IsUnique();
            e.HasIndex(m => new { m.OrganisationId, m.ActorId });
            e.HasOne<Process>().WithMany().HasForeignKey(m => m.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OrganisationHost>(e =>
        {
            e.ToTable(OrganisationHostsTable);
            e.HasKey(h => h.Host);
            e.Property(h => h.Host).HasMaxLength(253);
        });

        b.Entity<RoleAssignment>(e =>
        {
            e.ToTable(RoleAssignmentsTable);
            e.Property(r => r.Role).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(r => new { r.PersonId, r.OrganisationId });
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Process>().WithMany().HasForeignKey(r => r.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<OrganisationVoice>(e =>
        {
            e.ToTable(VoicesTable);
            e.HasKey(v => new { v.PersonId, v.OrganisationId });
            e.Property(v => v.Name).HasMaxLength(OrganisationVoice.NameMax);
            e.Property(v => v.Interests).HasMaxLength(OrganisationVoice.InterestsMax);
            e.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(v => v.OrganisationId);
            e.HasOne<Person>().WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(v => v.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });

        BuildNotifications(b);

        b.Entity<Process>(e =>
        {
            e.ToTable(ProcessesTable);
            e.HasIndex(p => new { p.OrganisationId, p.Slug }).IsUnique();
            e.Property(p => p.Slug).HasMaxLength(80);
            e.Property(p => p.Title).HasMaxLength(Process.TitleMax);
            e.Property(p => p.Summary).HasMaxLength(Process.SummaryMax);
            e.Property(p => p.PlainSummary).HasMaxLength(Process.SummaryMax);
            e.Property(p => p.Description).HasMaxLength(Process.DescriptionMax);
            e.Property(p => p.Territory).HasMaxLength(Process.TerritoryMax);
            e.Property(p => p.ClosingNote).HasMaxLength(Process.ClosingNoteMax);
            e.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Phases).WithOne().HasForeignKey(p => p.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Themes).WithOne().HasForeignKey(t => t.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Components).WithOne().HasForeignKey(c => c.ProcessId).OnDelete(DeleteBehavior.Cascade);
            // Whoever loads a process decides with its phases and components: never without them.
            e.Navigation(p => p.Phases).AutoInclude();
            e.Navigation(p => p.Components).AutoInclude();
            e.Ignore(p => p.ComponentsInUse);
        });
        b.Entity<Phase>(e =>
        {
            e.ToTable(PhasesTable);
            e.Property(p => p.Title).HasMaxLength(Phase.TitleMax);
            e.Property(p => p.Description).HasMaxLength(Phase.DescriptionMax);
            SwitchSet(e.Property(p => p.Switches));
        });
        b.Entity<ProcessComponent>(e =>
        {
            e.ToTable(ComponentsTable);
            e.Property(c => c.Module).HasMaxLength(ModuleSwitch.KeyMax);
            e.Property(c => c.Title).HasMaxLength(ProcessComponent.TitleMax);
            // Not unique: a module that allows it serves a process several times.
            e.HasIndex(c => new { c.ProcessId, c.Module });
            SwitchSet(e.Property(c => c.Switches));
        });
        b.Entity<Theme>(e =>
        {
            e.ToTable(ThemesTable);
            e.Property(t => t.Name).HasMaxLength(Theme.NameMax);
            e.HasIndex(t => new { t.ProcessId, t.Name }).IsUnique();
        });

        b.Entity<Contribution>(e =>
        {
            e.ToTable("kernel_contributions");
            e.UseTptMappingStrategy();
            e.Ignore(c => c.Kind);
            e.Ignore(c => c.Address);
            e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Fate).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(c => new { c.ProcessId, c.Fate });
            e.Property(c => c.HiddenReason).HasMaxLength(ModerationDecision.ReasonMax);
            e.Property(c => c.Origin).HasMaxLength(Contribution.OriginMax);
            e.Property(c => c.Language).HasMaxLength(Text.ContentLanguage.Max);
            e.HasIndex(c => new { c.ProcessId, c.CreatedAt });
            e.HasIndex(c => c.AuthorId);
            e.HasOne<Process>().WithMany().HasForeignKey(c => c.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Mediation.MediationStructure>().WithMany().HasForeignKey(c => c.MediatedById).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<ContributionFlag>(e =>
        {
            e.ToTable("kernel_contribution_flags");
            e.Property(r => r.Reason).HasMaxLength(ContributionFlag.ReasonMax);
            e.HasIndex(r => new { r.OrganisationId, r.ResolvedAt });
            e.HasOne<Contribution>().WithMany().HasForeignKey(r => r.ContributionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.FlaggedById).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<ModerationDecision>(e =>
        {
            e.ToTable("kernel_moderation_decisions");
            e.Property(d => d.Reason).HasMaxLength(ModerationDecision.ReasonMax);
            e.Property(d => d.ContributionKind).HasMaxLength(30);
            e.Property(d => d.Action).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(d => new { d.OrganisationId, d.DecidedAt });
        });
        b.Entity<ModerationAppeal>(e =>
        {
            e.ToTable("kernel_moderation_appeals");
            e.Property(a => a.Reason).HasMaxLength(ModerationAppeal.ReasonMax);
            e.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
            // The database, not only the code, keeps one appeal per hiding.
            e.HasIndex(a => a.HidingId).IsUnique();
            e.HasIndex(a => new { a.OrganisationId, a.Outcome });
            e.HasOne<ModerationDecision>().WithMany().HasForeignKey(a => a.HidingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<FateDecision>(e =>
        {
            e.ToTable("kernel_fate_decisions");
            e.Property(d => d.Fate).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Text).HasMaxLength(FateDecision.TextMax);
            e.HasIndex(d => new { d.ContributionId, d.DecidedAt });
            e.HasOne<Contribution>().WithMany().HasForeignKey(d => d.ContributionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SynthesisItem>().WithMany().HasForeignKey(d => d.SynthesisItemId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Contribution>().WithMany().HasForeignKey(d => d.MergedIntoId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<Person>().WithMany().HasForeignKey(d => d.AnalystId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Analysis.DuplicateDismissal>(e =>
        {
            e.ToTable("kernel_duplicate_dismissals");
            e.HasIndex(d => new { d.FirstId, d.SecondId }).IsUnique();
            e.HasIndex(d => d.ProcessId);
            e.HasOne<Contribution>().WithMany().HasForeignKey(d => d.FirstId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contribution>().WithMany().HasForeignKey(d => d.SecondId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Analysis.SuggestionDecision>(e =>
        {
            e.ToTable("kernel_suggestion_decisions");
            e.Property(d => d.Scheme).HasMaxLength(Analysis.SuggestionDecision.SchemeMax);
            e.Property(d => d.Code).HasMaxLength(Analysis.SuggestionDecision.CodeMax);
            e.HasIndex(d => new { d.ContributionId, d.Scheme, d.Code }).IsUnique();
            e.HasIndex(d => new { d.ProcessId, d.Scheme });
            e.HasOne<Contribution>().WithMany().HasForeignKey(d => d.ContributionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SynthesisItem>(e =>
        {
            e.ToTable("kernel_synthesis_items");
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(i => i.Title).HasMaxLength(SynthesisItem.TitleMax);
            e.Property(i => i.Body).HasMaxLength(SynthesisItem.BodyMax);
            e.Ignore(i => i.IsTracked);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(i => i.ResponsibleBody).HasMaxLength(ResultUpdate.ResponsibleMax);
            e.HasIndex(i => new { i.ProcessId, i.Kind, i.Position });
            e.HasOne<Process>().WithMany().HasForeignKey(i => i.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Theme>().WithMany().HasForeignKey(i => i.ThemeId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<ContributionTheme>(e =>
        {
            e.ToTable("kernel_contribution_themes");
            e.HasKey(t => new { t.ContributionId, t.ThemeId });
            e.HasIndex(t => t.ThemeId);
            e.HasOne<Contribution>().WithMany().HasForeignKey(t => t.ContributionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Theme>().WithMany().HasForeignKey(t => t.ThemeId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Summary>(e =>
        {
            e.ToTable("kernel_summaries");
            e.Property(s => s.Scope).HasMaxLength(Summary.ScopeMax);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(s => s.Title).HasMaxLength(SynthesisItem.TitleMax);
            e.Property(s => s.Body).HasMaxLength(SynthesisItem.BodyMax);
            e.Property(s => s.Draft).HasMaxLength(SynthesisItem.BodyMax);
            e.Ignore(s => s.IsEdited);
            e.HasIndex(s => new { s.ProcessId, s.CreatedAt });
            e.HasIndex(s => s.SynthesisItemId);
            e.HasOne<Process>().WithMany().HasForeignKey(s => s.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SynthesisItem>().WithMany().HasForeignKey(s => s.SynthesisItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Citations).WithOne().HasForeignKey(c => c.SummaryId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SummaryCitation>(e =>
        {
            e.ToTable("kernel_summary_citations");
            e.Property(c => c.Sentence).HasMaxLength(Analysis.ExtractiveSummary.SentenceChars);
            e.HasIndex(c => new { c.SummaryId, c.Number }).IsUnique();
            e.HasIndex(c => c.ContributionId);
            e.HasOne<Contribution>().WithMany().HasForeignKey(c => c.ContributionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Echoes).WithOne().HasForeignKey(x => x.CitationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SummaryEcho>(e =>
        {
            e.ToTable("kernel_summary_echoes");
            e.HasKey(x => new { x.CitationId, x.ContributionId });
            e.HasIndex(x => x.ContributionId);
            e.HasOne<Contribution>().WithMany().HasForeignKey(x => x.ContributionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SynthesisLink>(e =>
        {
            e.ToTable("kernel_synthesis_links");
            e.HasKey(l => new { l.SynthesisItemId, l.ContributionId });
            e.HasIndex(l => l.ContributionId);
            e.HasOne<SynthesisItem>().WithMany().HasForeignKey(l => l.SynthesisItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contribution>().WithMany().HasForeignKey(l => l.ContributionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SynthesisItemLink>(e =>
        {
            e.ToTable("kernel_synthesis_item_links");
            e.HasKey(l => new { l.FromItemId, l.ToItemId });
            e.HasIndex(l => l.ToItemId);
            e.HasOne<SynthesisItem>().WithMany().HasForeignKey(l => l.FromItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SynthesisItem>().WithMany().HasForeignKey(l => l.ToItemId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ProcessReport>(e =>
        {
            e.ToTable("kernel_process_reports");
            e.HasKey(r => r.ProcessId);
            e.Property(r => r.Referral).HasMaxLength(ProcessReport.TextMax);
            e.Property(r => r.Introduction).HasMaxLength(ProcessReport.TextMax);
            e.Property(r => r.Conclusion).HasMaxLength(ProcessReport.TextMax);
            e.HasOne<Process>().WithOne().HasForeignKey<ProcessReport>(r => r.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ResultUpdate>(e =>
        {
            e.ToTable("kernel_result_updates");
            e.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(u => u.ResponsibleBody).HasMaxLength(ResultUpdate.ResponsibleMax);
            e.Property(u => u.Text).HasMaxLength(ResultUpdate.TextMax);
            e.HasIndex(u => new { u.SynthesisItemId, u.On });
            e.HasOne<SynthesisItem>().WithMany().HasForeignKey(u => u.SynthesisItemId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(u => u.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<Framework>(e =>
        {
            e.ToTable("kernel_frameworks");
            e.Property(f => f.Key).HasMaxLength(60);
            e.Property(f => f.Name).HasMaxLength(Framework.NameMax);
            e.Property(f => f.NameEn).HasMaxLength(Framework.NameMax);
            e.HasIndex(f => new { f.OrganisationId, f.Key });
            e.HasOne<Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(f => f.Entries).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<FrameworkEntry>(e =>
        {
            e.ToTable("kernel_framework_entries");
            e.Property(x => x.Code).HasMaxLength(FrameworkEntry.CodeMax);
            e.Property(x => x.Label).HasMaxLength(FrameworkEntry.LabelMax);
            e.Property(x => x.LabelEn).HasMaxLength(FrameworkEntry.LabelMax);
            e.HasIndex(x => new { x.FrameworkId, x.Code }).IsUnique();
        });
        b.Entity<AnalysisGrid>(e =>
        {
            e.ToTable("kernel_analysis_grids");
            e.Property(g => g.Title).HasMaxLength(AnalysisGrid.TitleMax);
            e.HasIndex(g => g.ProcessId);
            e.HasOne<Process>().WithMany().HasForeignKey(g => g.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Framework>().WithMany().HasForeignKey(g => g.RowFrameworkId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Framework>().WithMany().HasForeignKey(g => g.ColumnFrameworkId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<GridCoding>(e =>
        {
            e.ToTable("kernel_grid_codings");
            e.Property(c => c.Sign).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(c => new { c.GridId, c.RowEntryId, c.ColumnEntryId });
            // Coded once in a cell: two presses at once under PostgreSQL's read committed both pass the check before.
            e.HasIndex(c => new { c.GridId, c.RowEntryId, c.ColumnEntryId, c.ContributionId }).IsUnique()
                .HasFilter("\"ContributionId\" IS NOT NULL").HasDatabaseName("ux_grid_codings_contribution");
            e.HasIndex(c => new { c.GridId, c.RowEntryId, c.ColumnEntryId, c.SynthesisItemId }).IsUnique()
                .HasFilter("\"SynthesisItemId\" IS NOT NULL").HasDatabaseName("ux_grid_codings_synthesis_item");
            e.HasOne<AnalysisGrid>().WithMany().HasForeignKey(c => c.GridId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<FrameworkEntry>().WithMany().HasForeignKey(c => c.RowEntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<FrameworkEntry>().WithMany().HasForeignKey(c => c.ColumnEntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Contribution>().WithMany().HasForeignKey(c => c.ContributionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SynthesisItem>().WithMany().HasForeignKey(c => c.SynthesisItemId).OnDelete(DeleteBehavior.Cascade);
            e.ToTable(t => t.HasCheckConstraint("ck_grid_codings_one_subject", "(\"ContributionId\" IS NULL) <> (\"SynthesisItemId\" IS NULL)"));
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("kernel_audit_entries");
            e.Property(a => a.Action).HasMaxLength(80);
            e.Property(a => a.Subject).HasMaxLength(300);
            e.Property(a => a.Details).HasMaxLength(4_000);
            e.HasIndex(a => new { a.OrganisationId, a.At });
        });
    }

    /// <summary>Switches that are on, stored as one text of space-separated keys (they never contain spaces).</summary>
    private static void SwitchSet(PropertyBuilder<HashSet<string>> property) =>
        property.HasMaxLength(2_000).HasConversion(
            set => string.Join(' ', set.Order(StringComparer.Ordinal)),
            text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
            new ValueComparer<HashSet<string>>((a, b) => a!.SetEquals(b!), set => set.Count, set => set.ToHashSet()));
}
