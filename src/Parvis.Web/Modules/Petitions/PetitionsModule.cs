using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Petitions;

/// <summary>
/// The petitions module: participants write a petition with its demands and a promoter committee whose members
/// confirm being named; staff check it against the charter; people sign it online once each, and staff count the
/// paper sheets; at the threshold the council owes a point-by-point answer by a due date, late answers shown as late.
/// Pages are under Pages/ (public) and Pages/Admin/.
/// </summary>
public sealed class PetitionsModule : IParvisModule
{
    public const string Key = "petitions";

    public string Name => Key;

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => PetitionsDatasets.All;

    public string TitleKey => "Petitions.ModuleTitle";

    /// <summary>A phase switch: participants write petitions.</summary>
    public const string Writing = "petitions.writing";

    /// <summary>A phase switch: participants sign the admissible petitions.</summary>
    public const string Signing = "petitions.signing";

    public IReadOnlyList<ModuleSwitch> PhaseSwitches => [new(Writing, "Petitions.Switch.Writing"), new(Signing, "Petitions.Switch.Signing")];

    public IReadOnlyList<Permission> Permissions => [PetitionsPermissions.Write, PetitionsPermissions.Sign, PetitionsPermissions.Manage];

    public async Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component)
    {
        var shown = await db.Petitions.CountAsync(p => p.ProcessId == process.Id && p.Stage != PetitionStage.Committee && p.Stage != PetitionStage.Review && p.HiddenAt == null && p.ErasedAt == null);
        return [new ModuleLink($"/processes/{process.Slug}/petitions", "Petitions.SeeAll", shown)];
    }

    /// <summary>Writing a petition when the phase asks for them; signing when the phase allows it and one is open.</summary>
    public async Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour)
    {
        var list = $"/processes/{process.Slug}/petitions";
        var actions = new List<ModuleLink>();
        if (phase?.IsOn(component, Writing) == true)
        {
            actions.Add(new ModuleLink($"{list}/new", "Petitions.Action.Write"));
        }
        if (phase?.IsOn(component, Signing) == true
            && await db.Petitions.AnyAsync(p => p.ProcessId == process.Id && (p.Stage == PetitionStage.Signing || p.Stage == PetitionStage.AwaitingAnswer) && p.HiddenAt == null && p.ErasedAt == null))
        {
            actions.Add(new ModuleLink(list, "Petitions.Action.Sign"));
        }
        return actions;
    }

    public IReadOnlyList<ModuleLink> AdminEntries(Process process, ProcessComponent component) =>
        [new ModuleLink($"/admin/processes/{process.Id}/petitions", "Petitions.AdminTitle")];

    public void SeedDemo(DemoProcess demo) => PetitionsDemo.Seed(demo);

    /// <summary>A petition one signed or promotes reaches its threshold: the organisation now owes an answer.</summary>
    public static readonly NotificationKind ThresholdReached = new("petitions.threshold", NotificationMode.Immediately, InFeeds: true);

    /// <summary>The organisation's answer to a petition.</summary>
    public static readonly NotificationKind Answered = new("petitions.answer", NotificationMode.Immediately, First: true, InFeeds: true);

    public IReadOnlyList<NotificationKind> NotificationKinds => [ThresholdReached, Answered];

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<PetitionCommands>();
        services.AddScoped<IContributionSource, PetitionsContributions>();
        services.AddScoped<IPersonalDataSource, PetitionsPersonalData>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<Petition>(e =>
        {
            e.ToTable("petitions_petitions");
            e.Property(p => p.Title).HasMaxLength(Petition.TitleMax);
            e.Property(p => p.Text).HasMaxLength(Petition.TextMax);
            e.Property(p => p.RefusalReason).HasMaxLength(Petition.ReasonMax);
            e.Property(p => p.NextSteps).HasMaxLength(Petition.TextMax);
            e.Property(p => p.CommitteeReply).HasMaxLength(Petition.TextMax);
            e.Property(p => p.Stage).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(p => p.Stage);
        });
        model.Entity<PetitionDemand>(e =>
        {
            e.ToTable("petitions_demands");
            e.Property(d => d.Text).HasMaxLength(PetitionDemand.TextMax);
            e.Property(d => d.Answer).HasMaxLength(PetitionDemand.AnswerMax);
            e.HasIndex(d => new { d.PetitionId, d.Number }).IsUnique();
            e.HasOne<Petition>().WithMany().HasForeignKey(d => d.PetitionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CommitteeMember>(e =>
        {
            e.ToTable("petitions_committee");
            e.HasKey(m => new { m.PetitionId, m.PersonId });
            e.HasIndex(m => m.PersonId);
            e.HasOne<Petition>().WithMany().HasForeignKey(m => m.PetitionId).OnDelete(DeleteBehavior.Cascade);
            // A member who erases their account leaves the committee.
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PetitionSignature>(e =>
        {
            e.ToTable("petitions_signatures");
            // The database, not only the code, keeps one signature per person and petition, and one per e-mail address.
            e.HasIndex(s => new { s.PetitionId, s.PersonId }).IsUnique();
            e.HasIndex(s => new { s.PetitionId, s.EmailKey }).IsUnique();
            e.Property(s => s.EmailKey).HasMaxLength(64);
            e.Property(s => s.Name).HasMaxLength(PetitionSignature.NameMax);
            e.Property(s => s.Postcode).HasMaxLength(PetitionSignature.PostcodeMax);
            e.HasIndex(s => s.PersonId);
            e.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<PendingSignature>(e =>
        {
            e.ToTable("petitions_pending");
            e.Property(p => p.EmailKey).HasMaxLength(64);
            e.Property(p => p.Name).HasMaxLength(PetitionSignature.NameMax);
            e.Property(p => p.Postcode).HasMaxLength(PetitionSignature.PostcodeMax);
            e.Property(p => p.CodeHash).HasMaxLength(64);
            e.HasIndex(p => p.ExpiresAt);
            e.HasOne<Petition>().WithMany().HasForeignKey(p => p.PetitionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SignatureSheet>(e =>
        {
            e.ToTable("petitions_sheets");
            e.Property(s => s.ScanType).HasMaxLength(40);
            e.HasIndex(s => new { s.PetitionId, s.Number }).IsUnique();
            e.HasIndex(s => s.EnteredBy);
            e.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.EnteredBy).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<PetitionRules>(e =>
        {
            e.ToTable("petitions_rules");
            e.HasKey(r => r.ComponentId);
            e.HasOne<ProcessComponent>().WithMany().HasForeignKey(r => r.ComponentId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public static class PetitionsData
{
    extension(ParvisDbContext db)
    {
        public DbSet<Petition> Petitions => db.Set<Petition>();
        public DbSet<PetitionDemand> PetitionDemands => db.Set<PetitionDemand>();
        public DbSet<CommitteeMember> CommitteeMembers => db.Set<CommitteeMember>();
        public DbSet<PetitionSignature> PetitionSignatures => db.Set<PetitionSignature>();
        public DbSet<SignatureSheet> SignatureSheets => db.Set<SignatureSheet>();
        public DbSet<PendingSignature> PendingSignatures => db.Set<PendingSignature>();
        public DbSet<PetitionRules> PetitionRules => db.Set<PetitionRules>();

        /// <summary>The rules staff set for a component, or the defaults.</summary>
        public async Task<PetitionRules> RulesOf(Guid componentId) =>
            await db.PetitionRules.AsNoTracking().FirstOrDefaultAsync(r => r.ComponentId == componentId) ?? new PetitionRules { ComponentId = componentId };

        /// <summary>
        /// A petition of the organisation with its process and the process's petitions component; none when the process
        /// does not use petitions, or is not published and <paramref name="published"/> is asked.
        /// </summary>
        public async Task<(Petition Petition, Process Process, ProcessComponent Component)?> PetitionWithProcess(Guid id, Guid organisationId, bool published)
        {
            var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisationId);
            var process = petition is null ? null
                : await db.Processes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == petition.ProcessId && (p.Published || !published));
            return petition is not null && process?.Component(PetitionsModule.Key) is { } component ? (petition, process, component) : null;
        }

        /// <summary>Signatures on paper, sheet by sheet added up.</summary>
        public async Task<int> PaperSignatures(Guid petitionId) =>
            await db.SignatureSheets.Where(s => s.PetitionId == petitionId).SumAsync(s => (int?)s.Signatures) ?? 0;
    }
}

/// <summary>What the petitions module lets people do.</summary>
public static class PetitionsPermissions
{
    /// <summary>Write a petition, when the phase asks for them.</summary>
    public static readonly Permission Write = new("Petitions.Write", Permission.Everyone, at => at.IsOn(PetitionsModule.Writing));

    /// <summary>Sign a petition, when the phase allows it.</summary>
    public static readonly Permission Sign = new("Petitions.Sign", Permission.Everyone, at => at.IsOn(PetitionsModule.Signing));

    /// <summary>Set the rules, check admissibility, count paper sheets, answer.</summary>
    public static readonly Permission Manage = new("Petitions.Manage", Permission.Staff);
}
