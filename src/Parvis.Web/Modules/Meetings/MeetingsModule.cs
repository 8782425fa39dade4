using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
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

    public string TitleKey => "Meetings.ModuleTitle";

    public IReadOnlyList<Permission> Permissions => [MeetingsPermissions.Manage, MeetingsPermissions.Run, MeetingsPermissions.Register, MeetingsPermissions.AskExperts, MeetingsPermissions.AnswerQuestions];

    public Task<IReadOnlyList<ProcessEntry>> EntriesAsync(ParvisDbContext db, Process process) =>
        Task.FromResult<IReadOnlyList<ProcessEntry>>(
        [
            new ProcessEntry($"/processes/{process.Slug}/meetings", "Process.SeeMeetings"),
            new ProcessEntry($"/processes/{process.Slug}/questions", "Questions.Link"),
        ]);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<MeetingCommands>();
        services.AddScoped<QuestionCommands>();
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
            e.HasOne<Process>().WithMany().HasForeignKey(m => m.ProcessId).OnDelete(DeleteBehavior.Cascade);
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

/// <summary>What sites said and every question asked await a fate; the report counts meetings, seats taken and answers.</summary>
public sealed class MeetingsContributions : IContributionSource
{
    public IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process) =>
        db.MeetingRemarks.Where(r => r.ProcessId == process.Id).Select(r => r.Id)
            .Concat(db.ExpertQuestions.Where(q => q.ProcessId == process.Id).Select(q => q.Id));

    public IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId) =>
        db.MeetingRemarks.Where(r => r.ThemeId == themeId).Select(r => r.Id)
            .Concat(db.ExpertQuestions.Where(q => q.ThemeId == themeId).Select(q => q.Id));

    public async Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process)
    {
        var meetings = db.Meetings.Where(m => m.ProcessId == process.Id);
        var sites = db.MeetingSites.Where(s => meetings.Any(m => m.Id == s.MeetingId));
        var questions = db.ExpertQuestions.Where(q => q.ProcessId == process.Id && q.HiddenAt == null && q.ErasedAt == null);
        var attendance = await sites.SumAsync(s => s.Attendance ?? 0) + await meetings.SumAsync(m => m.OnlineAttendance ?? 0);
        return
        [
            ("CouncilReport.Figure.Meetings", await meetings.CountAsync()),
            ("CouncilReport.Figure.MeetingSites", await sites.CountAsync()),
            ("CouncilReport.Figure.Attendance", attendance),
            ("CouncilReport.Figure.Remarks", await db.MeetingRemarks.CountAsync(r => r.ProcessId == process.Id && r.HiddenAt == null && r.ErasedAt == null)),
            ("CouncilReport.Figure.Questions", await questions.CountAsync()),
            ("CouncilReport.Figure.QuestionsAnswered", await questions.CountAsync(q => q.Status == QuestionStatus.Answered)),
        ];
    }

    /// <summary>Each meeting place with its date and head count, then the themes the experts could not cover.</summary>
    public async Task<IReadOnlyList<ReportTable>> MethodAsync(ParvisDbContext db, Process process, IStringLocalizer text)
    {
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Sites).Where(m => m.ProcessId == process.Id).OrderBy(m => m.StartsAt).ToListAsync();
        if (meetings.Count == 0)
        {
            return [];
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var meeting in meetings)
        {
            var date = meeting.StartsAt.ToLocalTime().ToString("f", CultureInfo.CurrentCulture);
            rows.AddRange(meeting.Sites.OrderBy(s => s.Position).Select(s => (IReadOnlyList<string>)
                [date, meeting.Title, string.IsNullOrEmpty(s.Address) ? s.Name : $"{s.Name} ({s.Address})", Count(s.Attendance)]));
            if (meeting.HasLink)
            {
                rows.Add([date, meeting.Title, text["MeetingMode.Online"], Count(meeting.OnlineAttendance)]);
            }
        }
        var tables = new List<ReportTable>
        {
            new(text["CouncilReport.Meetings"], [text["CouncilReport.MeetingDate"], text["CouncilReport.Meeting"], text["CouncilReport.MeetingPlace"], text["CouncilReport.MeetingAttendance"]], rows),
        };
        var uncovered = await db.UncoveredThemes.AsNoTracking().Where(u => meetings.Select(m => m.Id).Contains(u.MeetingId))
            .Join(db.Themes, u => u.ThemeId, t => t.Id, (u, t) => new { u.MeetingId, t.Name }).ToListAsync();
        if (uncovered.Count > 0)
        {
            tables.Add(new ReportTable(text["Questions.Uncovered"], [text["Field.Theme"], text["CouncilReport.Meeting"]],
                uncovered.Select(u => (IReadOnlyList<string>)[u.Name, meetings.Single(m => m.Id == u.MeetingId).Title]).ToList()));
        }
        return tables;

        string Count(int? attendance) => attendance?.ToString(CultureInfo.CurrentCulture) ?? text["CouncilReport.NotCounted"];
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
