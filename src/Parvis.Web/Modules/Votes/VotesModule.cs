using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Votes;

/// <summary>
/// The votes module: votes with a stated purpose, counted by a method people can check (Parvis.Voting), a register of
/// who voted kept apart from the ballot box, results with their explanation, and the ballots published for anyone to
/// count again. Pages are under Pages/ (public) and Pages/Admin/.
/// </summary>
public sealed class VotesModule : IParvisModule
{
    public const string Key = "votes";

    public string Name => Key;

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => VotesDatasets.All;

    public string TitleKey => "Votes.ModuleTitle";

    public bool AllowsSeveral => true;

    /// <summary>A phase switch: participants submit participatory-budget projects.</summary>
    public const string Submitting = "votes.submitting";

    public IReadOnlyList<ModuleSwitch> PhaseSwitches => [new(Submitting, "Votes.Switch.Submitting")];

    public IReadOnlyList<Permission> Permissions => [VotesPermissions.Manage, VotesPermissions.Cast, VotesPermissions.Desk, VotesPermissions.Submit, VotesPermissions.Mediate];

    /// <summary>The participatory budget's projects, when it has areas; the latest votes by name, and the list of all of them with their count: a process page stays a page.</summary>
    public async Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component)
    {
        var votes = db.Votes.AsNoTracking().Where(v => v.ComponentId == component.Id);
        var latest = await votes.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).Take(MostEntries)
            .Select(v => new ModuleLink($"/votes/{v.Id}", "Votes.Entry", v.Question)).ToListAsync();
        IReadOnlyList<ModuleLink> entries = [.. latest, new ModuleLink($"/processes/{process.Slug}/votes/{component.Id}", "Votes.SeeAll", await votes.CountAsync())];
        return await db.BudgetAreas.AnyAsync(a => a.ComponentId == component.Id)
            ? [new ModuleLink($"/processes/{process.Slug}/projects/{component.Id}", "Votes.SeeProjects"), .. entries]
            : entries;
    }

    /// <summary>Votes named on the process page; the others are in the component's list.</summary>
    private const int MostEntries = 5;

    /// <summary>The votes of the component open during the hour, those closing soonest first: voting.</summary>
    public async Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour)
    {
        // The hour's page: a vote that closes later in the hour is still offered, one that opens later is not yet.
        var votes = await db.Votes.AsNoTracking().Where(v => v.ComponentId == component.Id && v.OpensAt <= hour && v.ClosesAt > hour)
            .OrderBy(v => v.ClosesAt).Take(MostActions)
            .Select(v => new ModuleLink($"/votes/{v.Id}", "Votes.Action.Vote", v.Question)).ToListAsync();
        return phase?.IsOn(component, Submitting) == true && await db.BudgetAreas.AnyAsync(a => a.ComponentId == component.Id)
            ? [new ModuleLink($"/processes/{process.Slug}/projects/{component.Id}#submit", "Votes.Action.Submit"), .. votes]
            : votes;
    }

    /// <summary>A call to action is a few words at the top of a page: the others are among the component's entries.</summary>
    private const int MostActions = 3;

    public IReadOnlyList<ModuleLink> AdminEntries(Process process, ProcessComponent component) =>
        [new ModuleLink($"/admin/processes/{process.Id}/votes/{component.Id}", "Votes.AdminTitle")];

    public void SeedDemo(DemoProcess demo) => VotesDemo.Seed(demo);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<VoteCommands>();
        services.AddScoped<PaperDesks>();
        services.AddScoped<BudgetProjects>();
        services.AddScoped<IContributionSource, VotesContributions>();
        services.AddSingleton<BallotWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<BallotWriter>());
        services.AddSingleton<BallotBox>();
        services.AddHostedService(provider => provider.GetRequiredService<BallotBox>());
        services.AddScoped<IPersonalDataSource, VotesPersonalData>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<Vote>(e =>
        {
            e.ToTable("votes_votes");
            e.Property(v => v.Question).HasMaxLength(Vote.QuestionMax);
            e.Property(v => v.Description).HasMaxLength(Vote.DescriptionMax);
            e.Property(v => v.Purpose).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.Method).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.BudgetCount).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.TieBreak).HasMaxLength(400);
            e.Property(v => v.Electorate).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.Territory).HasMaxLength(VotingBody.NameMax);
            e.HasOne<VotingBody>().WithMany().HasForeignKey(v => v.BodyId).OnDelete(DeleteBehavior.NoAction);
            e.HasIndex(v => v.ProcessId);
            e.HasIndex(v => v.ComponentId);
            e.HasOne<Process>().WithMany().HasForeignKey(v => v.ProcessId).OnDelete(DeleteBehavior.Cascade);
            // Components go only with their process, which takes its votes with it.
            e.HasOne<ProcessComponent>().WithMany().HasForeignKey(v => v.ComponentId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<VoteOption>(e =>
        {
            e.ToTable("votes_options");
            e.Property(o => o.Title).HasMaxLength(VoteOption.TitleMax);
            e.HasIndex(o => new { o.VoteId, o.Position }).IsUnique();
            e.HasOne<Vote>().WithMany().HasForeignKey(o => o.VoteId).OnDelete(DeleteBehavior.Cascade);
            // An erased project leaves its option on the ballot, as it was voted.
            e.HasOne<BudgetProject>().WithMany().HasForeignKey(o => o.ProjectId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<BudgetArea>(e =>
        {
            e.ToTable("votes_budget_areas");
            e.Property(a => a.Name).HasMaxLength(BudgetArea.NameMax);
            e.HasIndex(a => new { a.ComponentId, a.Name }).IsUnique();
            e.HasOne<Process>().WithMany().HasForeignKey(a => a.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ProcessComponent>().WithMany().HasForeignKey(a => a.ComponentId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<BudgetProject>(e =>
        {
            e.ToTable("votes_projects");
            e.Property(p => p.Title).HasMaxLength(BudgetProject.TitleMax);
            e.Property(p => p.Description).HasMaxLength(BudgetProject.DescriptionMax);
            e.Property(p => p.ReviewText).HasMaxLength(BudgetProject.ReviewTextMax);
            e.Property(p => p.Review).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(p => new { p.AreaId, p.Review });
            e.HasIndex(p => p.ComponentId);
            // Areas go only with their process, which takes its projects with it.
            e.HasOne<BudgetArea>().WithMany().HasForeignKey(p => p.AreaId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<VoteRegistration>(e =>
        {
            e.ToTable("votes_register");
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.NamedBallot).HasMaxLength(BallotMax);
            // The database, not only the code, keeps one vote per person and round (a lifelong election's year), whatever
            // the channel; at desks, one per identity key too.
            e.HasIndex(r => new { r.VoteId, r.PersonId, r.Round }).IsUnique();
            e.HasIndex(r => new { r.VoteId, r.IdentityKey, r.Round }).IsUnique();
            e.Property(r => r.IdentityKey).HasMaxLength(64);
            e.HasIndex(r => r.PersonId);
            e.HasIndex(r => r.DeskId);
            // Desks go only with their vote, which takes its register with it (checked at the statement's end).
            e.HasOne<VoteDesk>().WithMany().HasForeignKey(r => r.DeskId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<Vote>().WithMany().HasForeignKey(r => r.VoteId).OnDelete(DeleteBehavior.Cascade);
            // An erased account leaves its line without a name: the turnout stays true.
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<VotingBody>(e =>
        {
            e.ToTable("votes_bodies");
            e.Property(b => b.Name).HasMaxLength(VotingBody.NameMax);
            e.HasIndex(b => new { b.ComponentId, b.Name }).IsUnique();
            e.HasOne<Process>().WithMany().HasForeignKey(b => b.ProcessId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ProcessComponent>().WithMany().HasForeignKey(b => b.ComponentId).OnDelete(DeleteBehavior.NoAction);
        });
        model.Entity<BodyMember>(e =>
        {
            e.ToTable("votes_body_members");
            e.HasKey(m => new { m.BodyId, m.PersonId });
            e.HasIndex(m => m.PersonId);
            e.HasOne<VotingBody>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
            // A member who erases their account leaves the body.
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<VoteObjection>(e =>
        {
            e.ToTable("votes_objections");
            e.Property(o => o.Reason).HasMaxLength(VoteObjection.TextMax);
            e.Property(o => o.Answer).HasMaxLength(VoteObjection.TextMax);
            e.HasIndex(o => o.VoteId);
            e.HasIndex(o => o.PersonId);
            e.HasOne<Vote>().WithMany().HasForeignKey(o => o.VoteId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<VoteDesk>(e =>
        {
            e.ToTable("votes_desks");
            e.Property(d => d.Name).HasMaxLength(VoteDesk.NameMax);
            e.Property(d => d.Note).HasMaxLength(VoteDesk.NoteMax);
            e.HasIndex(d => new { d.VoteId, d.Name }).IsUnique();
            e.HasOne<Vote>().WithMany().HasForeignKey(d => d.VoteId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PaperEntry>(e =>
        {
            e.ToTable("votes_paper_entries");
            e.Property(p => p.Content).HasMaxLength(BallotMax);
            // One reading per sheet and pass: two typists at the same sheet, the second is refused.
            e.HasIndex(p => new { p.DeskId, p.Sheet, p.Pass }).IsUnique();
            e.HasOne<VoteDesk>().WithMany().HasForeignKey(p => p.DeskId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(p => p.TypedBy).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<CastBallot>(e =>
        {
            e.ToTable("votes_ballots");
            e.Property(b => b.Content).HasMaxLength(BallotMax);
            e.HasIndex(b => b.VoteId);
            e.HasOne<Vote>().WithMany().HasForeignKey(b => b.VoteId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Envelope>(e =>
        {
            e.ToTable("votes_envelopes");
            e.Property(b => b.Content).HasMaxLength(BallotMax);
            e.HasIndex(b => b.VoteId);
            e.HasOne<Vote>().WithMany().HasForeignKey(b => b.VoteId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>A value of at most two digits and a comma per option.</summary>
    private const int BallotMax = Vote.OptionsMax * 3;
}

public static class VotesData
{
    extension(ParvisDbContext db)
    {
        public DbSet<Vote> Votes => db.Set<Vote>();
        public DbSet<VoteOption> VoteOptions => db.Set<VoteOption>();
        public DbSet<VoteRegistration> VoteRegister => db.Set<VoteRegistration>();
        public DbSet<CastBallot> Ballots => db.Set<CastBallot>();
        public DbSet<Envelope> Envelopes => db.Set<Envelope>();
        public DbSet<VoteDesk> VoteDesks => db.Set<VoteDesk>();
        public DbSet<VoteObjection> VoteObjections => db.Set<VoteObjection>();
        public DbSet<VotingBody> VotingBodies => db.Set<VotingBody>();
        public DbSet<BodyMember> BodyMembers => db.Set<BodyMember>();
        public DbSet<PaperEntry> PaperEntries => db.Set<PaperEntry>();
        public DbSet<BudgetArea> BudgetAreas => db.Set<BudgetArea>();
        public DbSet<BudgetProject> BudgetProjects => db.Set<BudgetProject>();

        /// <summary>A participatory budget's areas, by name.</summary>
        public async Task<IReadOnlyList<BudgetArea>> AreasOf(Guid componentId) =>
            [.. (await db.BudgetAreas.AsNoTracking().Where(a => a.ComponentId == componentId).ToListAsync()).OrderBy(a => a.Name, StringComparer.CurrentCulture)];

        /// <summary>A vote's desks, by name: their register's lines, and their first readings (the counted sheets, once counted).</summary>
        public async Task<IReadOnlyList<DeskSummary>> DeskSummaries(Guid voteId)
        {
            var desks = await db.VoteDesks.AsNoTracking().Where(d => d.VoteId == voteId).ToListAsync();
            var signatures = await db.VoteRegister.Where(r => r.VoteId == voteId && r.DeskId != null).GroupBy(r => r.DeskId!.Value)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var ids = desks.Select(d => d.Id).ToList();
            var sheets = await db.PaperEntries.Where(e => ids.Contains(e.DeskId) && e.Pass == 1).GroupBy(e => e.DeskId)
                .Select(g => new { g.Key, Sheets = g.Count(), Spoiled = g.Count(e => e.Spoiled) }).ToDictionaryAsync(g => g.Key);
            return [.. desks.OrderBy(d => d.Name, StringComparer.CurrentCulture).Select(d => new DeskSummary(
                d.Id, d.Name, signatures.GetValueOrDefault(d.Id), sheets.GetValueOrDefault(d.Id)?.Sheets ?? 0,
                sheets.GetValueOrDefault(d.Id)?.Spoiled ?? 0, d.CountedAt is not null, d.Note))];
        }

        /// <summary>
        /// The round a voter (an account, or an identity key at a desk) may vote in today (<see cref="Vote.RoundOn"/>),
        /// their latest line in the register and the day of their first, if any.
        /// </summary>
        public async Task<(int? Round, VoteRegistration? Latest, DateOnly? First)> RoundAsync(Vote vote, Guid? personId, string? identityKey, DateOnly today)
        {
            var lines = await db.VoteRegister.AsNoTracking()
                .Where(r => r.VoteId == vote.Id && (personId != null ? r.PersonId == personId : r.IdentityKey == identityKey)).ToListAsync();
            var first = lines.Count == 0 ? (DateOnly?)null : lines.Min(l => l.Day);
            return (vote.RoundOn(today, first, [.. lines.Select(l => l.Round)]), lines.MaxBy(l => l.Round), first);
        }

        /// <summary>Votes with a desk whose register was signed and whose ballots are not counted yet: their count is not final.</summary>
        public IQueryable<Guid> VotesCounting
        {
            get
            {
                var register = db.VoteRegister;
                return db.VoteDesks.Where(d => d.CountedAt == null && register.Any(r => r.DeskId == d.Id)).Select(d => d.VoteId);
            }
        }

        /// <summary>What a vote's ballot box holds: the ballots, and the envelopes it has yet to take.</summary>
        public IQueryable<string> BallotBox(Guid voteId) =>
            db.Ballots.Where(b => b.VoteId == voteId).Select(b => b.Content)
                .Concat(db.Envelopes.Where(e => e.VoteId == voteId).Select(e => e.Content));
    }
}

/// <summary>What the votes module lets people do.</summary>
public static class VotesPermissions
{
    public static readonly Permission Manage = new("Votes.Manage", Permission.Staff);

    /// <summary>Cast a ballot; the vote's own opening and closing times govern it, not the phase.</summary>
    public static readonly Permission Cast = new("Votes.Cast", Permission.Everyone) { UnderMandate = MandateUse.Vote };

    /// <summary>Hold a paper desk: sign voters on the register, type the ballots, count them. Facilitators run desks on the ground.</summary>
    public static readonly Permission Desk = new("Votes.Desk", [Role.Administrator, Role.ProcessManager, Role.Facilitator]);

    /// <summary>Record a ballot for a person present, on a vote that allows it: the digital mediators who help people vote.</summary>
    public static readonly Permission Mediate = new("Votes.Mediate", [Role.Administrator, Role.ProcessManager, Role.Facilitator]);

    /// <summary>Submit a participatory-budget project, when the phase asks for them.</summary>
    public static readonly Permission Submit = new("Votes.Submit", Permission.Everyone, at => at.IsOn(VotesModule.Submitting));
}
