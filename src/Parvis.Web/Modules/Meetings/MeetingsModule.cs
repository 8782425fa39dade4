using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// The meetings module: public meetings, round tables and synthesis evenings, in one place or several at
/// once, in person, online or both; registration with a waiting list; calendars; minutes and attendance;
/// what was said at each site; and the questions to experts those meetings collect and answer.
/// Pages are under Pages/. Remarks and questions are kernel contributions attributed to their site.
/// </summary>
public sealed class MeetingsModule : IParvisModule
{
    /// <summary>Its name, for its own code to find its component.</summary>
    public const string Key = "meetings";

    public string Name => Key;

    public IReadOnlyList<string> MentionKinds => [MeetingCommands.SiteMention];

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => MeetingsDatasets.All;

    public IOutreach Outreach { get; } = new MeetingOutreach();

    public string TitleKey => "Meetings.ModuleTitle";

    public bool AllowsSeveral => true;

    /// <summary>A meeting one registered for starts within a day.</summary>
    public static readonly NotificationKind Soon = new("meetings.soon", NotificationMode.Immediately);

    /// <summary>The experts' answer to a question one asked or follows, or why they could not answer it.</summary>
    public static readonly NotificationKind QuestionAnswered = new("meetings.answer", NotificationMode.Immediately, First: true, InFeeds: true);

    public IReadOnlyList<NotificationKind> NotificationKinds => [Soon, QuestionAnswered];

    public Task<Followable?> FollowableAsync(ParvisDbContext db, Guid organisationId, Guid itemId) =>
        db.Meetings.Where(m => m.Id == itemId && m.OrganisationId == organisationId)
            .Select(m => new Followable(m.ProcessId, m.Title, "/meetings/" + m.Id)).FirstOrDefaultAsync();

    /// <summary>A day before a meeting, those registered (waiting list included) and its followers are reminded of it, once.</summary>
    public async Task RaiseDueAsync(ParvisDbContext db, Notifier notifier, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now.AddDays(1);
        var soon = await db.Meetings.AsNoTracking().Where(m => m.StartsAt > now && m.StartsAt <= until)
            .Select(m => new { m.Id, m.OrganisationId, m.ProcessId, m.Title, m.StartsAt, Places = m.Sites.Select(s => s.Name + ", " + s.Address).ToList() })
            .ToListAsync(cancellationToken);
        foreach (var meeting in soon)
        {
            var key = $"meeting-soon:{meeting.Id}";
            if (await ScheduledNotices.RaisedAsync(db, meeting.OrganisationId, key, cancellationToken))
            {
                continue;
            }
            await notifier.RaiseAsync(new Notice(Soon, meeting.OrganisationId, meeting.ProcessId, meeting.Id, meeting.Title, $"/meetings/{meeting.Id}",
                NoticeArgument.Moment(meeting.StartsAt))
            {
                Involved = db.MeetingRegistrations.Where(r => r.MeetingId == meeting.Id).Select(r => r.PersonId),
                // Those who follow a place where it is held hear of it too.
                Places = meeting.Places,
                DedupeKey = key,
            });
        }
    }

    public IReadOnlyList<Permission> Permissions => [MeetingsPermissions.Manage, MeetingsPermissions.Run, MeetingsPermissions.Register, MeetingsPermissions.AskExperts, MeetingsPermissions.AnswerQuestions];

    public Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component) =>
        Task.FromResult<IReadOnlyList<ModuleLink>>(
        [
            new ModuleLink(ListAddress(process, component.Id), "Process.SeeMeetings"),
            new ModuleLink(QuestionsAddress(process, component.Id), "Questions.Link"),
        ]);

    /// <summary>The next meeting (or the one under way), to register for or to come to; asking the experts while a phase is open.</summary>
    public async Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour)
    {
        var actions = new List<ModuleLink>();
        var next = await db.Meetings.AsNoTracking().Where(m => m.ComponentId == component.Id && m.EndsAt > hour).OrderBy(m => m.StartsAt)
            .Select(m => new { m.Id, m.Title, m.StartsAt, m.Registration }).FirstOrDefaultAsync();
        if (next is not null)
        {
            actions.Add(next.Registration
                ? new ModuleLink($"/meetings/{next.Id}#registration", "Meetings.Action.Register", next.Title, next.StartsAt.ToLocalTime().DateTime)
                : new ModuleLink($"/meetings/{next.Id}", "Meetings.Action.Come", next.Title, next.StartsAt.ToLocalTime().DateTime));
        }
        if (MeetingsPermissions.AskExperts.OpenIn(phase, component))
        {
            actions.Add(new ModuleLink(QuestionsAddress(process, component.Id), "Meetings.Action.Ask"));
        }
        return actions;
    }

    public async Task<Upcoming> UpcomingAsync(ParvisDbContext db, Process process, ProcessComponent component, DateTimeOffset hour, int limit)
    {
        var toCome = db.Meetings.AsNoTracking().Where(m => m.ComponentId == component.Id && m.EndsAt > hour);
        var count = await toCome.CountAsync();
        if (count == 0 || limit == 0)
        {
            return new Upcoming(count, []);
        }
        var first = await toCome.OrderBy(m => m.StartsAt).Take(limit)
            .Select(m => new { m.Id, m.Title, m.StartsAt, m.EndsAt, m.Mode, Places = m.Sites.OrderBy(s => s.Position).Select(s => s.Name).ToList() })
            .ToListAsync();
        return new Upcoming(count, [.. first.Select(m => new Appointment($"/meetings/{m.Id}", m.Title, m.StartsAt, m.EndsAt, m.Places, m.Mode != MeetingMode.InPerson))]);
    }

    /// <summary>The meetings of one of the module's components in a process.</summary>
    public static string ListAddress(Process process, Guid componentId) => $"/processes/{process.Slug}/meetings/{componentId}";

    /// <summary>The questions to the experts of one of the module's components in a process.</summary>
    public static string QuestionsAddress(Process process, Guid componentId) => $"/processes/{process.Slug}/questions/{componentId}";

    /// <summary>What a component's pages are about: the process, and the component's title if staff gave one.</summary>
    public static string About(Process process, ProcessComponent component) =>
        component.Title.Length > 0 ? $"{process.Title} ({component.Title})" : process.Title;

    public void SeedDemo(DemoProcess demo) => MeetingsDemo.Seed(demo);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<MeetingCommands>();
        services.AddScoped<SeatMail>();
        services.AddScoped<QuestionCommands>();
        services.AddScoped<IQuestionsToExperts>(provider => provider.GetRequiredService<QuestionCommands>());
        services.AddScoped<IContributionSource, MeetingsContributions>();
        services.AddScoped<IPersonalDataSource, MeetingsPersonalData>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<Meeting>(e =>
        {
            e.ToTable("meetings_meetings");
            e.Property(m => m.Title).HasMaxLength(Meeting.TitleMax);
            e.Property(m => m.Description).HasMaxLength(Meeting.DescriptionMax);
            e.Property(m => m.Agenda).HasMaxLength(Meeting.AgendaMax);
            e.Property(m => m.Minutes).HasMaxLength(Meeting.MinutesMax);
            e.Property(m => m.OnlineLink).HasMaxLength(Meeting.LinkMax);
            e.Property(m => m.Mode).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(m => new { m.ProcessId, m.StartsAt });
            e.HasIndex(m => m.ComponentId);
            e.HasOne<Process>().WithMany().HasForeignKey(m => m.ProcessId).OnDelete(DeleteBehavior.Cascade);
            // Components go only with their process, which takes its meetings with it.
            e.HasOne<ProcessComponent>().WithMany().HasForeignKey(m => m.ComponentId).OnDelete(DeleteBehavior.NoAction);
            e.HasMany(m => m.Sites).WithOne().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<MeetingSite>(e =>
        {
            e.ToTable("meetings_sites");
            e.Property(s => s.Name).HasMaxLength(MeetingSite.NameMax);
            e.Property(s => s.Address).HasMaxLength(MeetingSite.AddressMax);
            e.Property(s => s.AccessNotes).HasMaxLength(MeetingSite.AccessNotesMax);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.FacilitatorId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<MeetingRegistration>(e =>
        {
            e.ToTable("meetings_registrations");
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            // One registration per person and meeting: a double click cannot take two seats.
            e.HasIndex(r => new { r.MeetingId, r.PersonId }).IsUnique();
            e.HasIndex(r => new { r.SiteId, r.Status, r.CreatedAt });
            e.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<MeetingSite>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<MeetingRemark>(e =>
        {
            e.ToTable("meetings_remarks");
            e.Property(r => r.Text).HasMaxLength(MeetingRemark.TextMax);
            e.HasIndex(r => r.MeetingId);
            e.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<MeetingSite>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Theme>().WithMany().HasForeignKey(r => r.ThemeId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<ExpertQuestion>(e =>
        {
            e.ToTable("meetings_questions");
            e.Property(q => q.Text).HasMaxLength(ExpertQuestion.TextMax);
            e.Property(q => q.Answer).HasMaxLength(ExpertQuestion.AnswerMax);
            e.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(q => q.MeetingId);
            e.HasIndex(q => q.ExpertId);
            e.HasIndex(q => q.ComponentId);
            e.HasOne<ProcessComponent>().WithMany().HasForeignKey(q => q.ComponentId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<Meeting>().WithMany().HasForeignKey(q => q.MeetingId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<MeetingSite>().WithMany().HasForeignKey(q => q.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Theme>().WithMany().HasForeignKey(q => q.ThemeId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Person>().WithMany().HasForeignKey(q => q.ExpertId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<Person>().WithMany().HasForeignKey(q => q.AnsweredById).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<UncoveredTheme>(e =>
        {
            e.ToTable("meetings_uncovered_themes");
            e.HasIndex(u => new { u.MeetingId, u.ThemeId }).IsUnique();
            e.HasOne<Meeting>().WithMany().HasForeignKey(u => u.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Theme>().WithMany().HasForeignKey(u => u.ThemeId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public static class MeetingsData
{
    extension(ParvisDbContext db)
    {
        public DbSet<Meeting> Meetings => db.Set<Meeting>();
        public DbSet<MeetingSite> MeetingSites => db.Set<MeetingSite>();
        public DbSet<MeetingRegistration> MeetingRegistrations => db.Set<MeetingRegistration>();
        public DbSet<MeetingRemark> MeetingRemarks => db.Set<MeetingRemark>();
        public DbSet<ExpertQuestion> ExpertQuestions => db.Set<ExpertQuestion>();
        public DbSet<UncoveredTheme> UncoveredThemes => db.Set<UncoveredTheme>();
    }
}

/// <summary>What the meetings module lets people do.</summary>
public static class MeetingsPermissions
{
    /// <summary>Create meetings and set their sites, seats and agenda; route questions to experts.</summary>
    public static readonly Permission Manage = new("Meetings.Manage", Permission.Staff);

    /// <summary>Run a meeting: write down what was said at a site, the questions heard, the minutes and attendance.</summary>
    public static readonly Permission Run = new("Meetings.Run", [Role.Administrator, Role.ProcessManager, Role.Facilitator]);

    /// <summary>Take a seat at a meeting (or a place on its waiting list).</summary>
    public static readonly Permission Register = new("Meetings.Register", Permission.Everyone);

    /// <summary>Ask the experts a question online, while a phase is open.</summary>
    public static readonly Permission AskExperts = new("Meetings.AskExperts", Permission.Everyone, _ => true);

    /// <summary>Answer citizens' questions in public, or record that they could not be covered.</summary>
    public static readonly Permission AnswerQuestions = new("Meetings.AnswerQuestions", [Role.Administrator, Role.ProcessManager, Role.Expert]);
}
