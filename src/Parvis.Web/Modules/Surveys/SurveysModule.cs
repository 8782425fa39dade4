using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Offline;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Surveys;

/// <summary>
/// The surveys module: questionnaires with display conditions that staff test path by path before publishing,
/// answered signed, anonymously (single-use codes) or openly, online, on paper or at a desk; results per respondent
/// with accessible charts, breakdowns that hide small groups, and exports. Pages are under Pages/ and Pages/Admin/.
/// </summary>
public sealed class SurveysModule : IParvisModule
{
    public const string Key = "surveys";

    public string Name => Key;

    public IReadOnlyList<Kernel.OpenData.Dataset> Datasets => SurveysDatasets.All;

    public string TitleKey => "Surveys.ModuleTitle";

    /// <summary>A phase switch: participants answer the published surveys.</summary>
    public const string Answering = "surveys.answering";

    public IReadOnlyList<ModuleSwitch> PhaseSwitches => [new(Answering, "Surveys.Switch.Answering")];

    public IReadOnlyList<Permission> Permissions => [SurveysPermissions.Answer, SurveysPermissions.Manage];

    public async Task<IReadOnlyList<ModuleLink>> EntriesAsync(ParvisDbContext db, Process process, ProcessComponent component)
    {
        var shown = await db.Surveys.CountAsync(s => s.ProcessId == process.Id && s.Stage != SurveyStage.Draft);
        return [new ModuleLink($"/processes/{process.Slug}/surveys", "Surveys.SeeAll", shown)];
    }

    /// <summary>Answering, when the phase allows it and a survey is open.</summary>
    public async Task<IReadOnlyList<ModuleLink>> ActionsAsync(ParvisDbContext db, Process process, ProcessComponent component, Phase? phase, DateTimeOffset hour)
    {
        if (phase?.IsOn(component, Answering) != true)
        {
            return [];
        }
        var open = await db.Surveys.AsNoTracking().Where(s => s.ProcessId == process.Id && s.Stage == SurveyStage.Published && (s.ClosesAt == null || s.ClosesAt > hour))
            .OrderBy(s => s.PublishedAt).Select(s => new { s.Id, s.Title }).FirstOrDefaultAsync();
        return open is null ? [] : [new ModuleLink($"/surveys/{open.Id}", "Surveys.Action.Answer", open.Title)];
    }

    public IReadOnlyList<ModuleLink> AdminEntries(Process process, ProcessComponent component) =>
        [new ModuleLink($"/admin/processes/{process.Id}/surveys", "Surveys.AdminTitle")];

    public void SeedDemo(DemoProcess demo) => SurveysDemo.Seed(demo);

    public void AddServices(IServiceCollection services)
    {
        services.AddScoped<SurveyCommands>();
        services.AddSingleton<SurveyBox>();
        services.AddHostedService(provider => provider.GetRequiredService<SurveyBox>());
        services.AddScoped<SurveyOffline>();
        services.AddScoped<IOfflinePackages>(provider => provider.GetRequiredService<SurveyOffline>());
        services.AddScoped<IContributionSource, SurveysContributions>();
        services.AddScoped<IPersonalDataSource, SurveysPersonalData>();
    }

    public void BuildModel(ModelBuilder model)
    {
        model.Entity<Survey>(e =>
        {
            e.ToTable("surveys_surveys");
            e.Property(s => s.Title).HasMaxLength(Survey.TitleMax);
            e.Property(s => s.Intro).HasMaxLength(Survey.IntroMax);
            e.Property(s => s.EasyIntro).HasMaxLength(Survey.IntroMax);
            e.Property(s => s.Mode).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Stage).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.TokenKey).HasMaxLength(64);
            e.Property(s => s.Revision).IsConcurrencyToken();
            e.HasIndex(s => s.ProcessId);
            e.HasOne<Process>().WithMany().HasForeignKey(s => s.ProcessId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SurveyResponse>(e =>
        {
            e.ToTable("surveys_responses");
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(r => r.SurveyId);
            e.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SurveyEnvelope>(e =>
        {
            e.ToTable("surveys_envelopes");
            e.Property(r => r.Language).HasMaxLength(Kernel.Text.ContentLanguage.Max);
            e.HasIndex(r => r.SurveyId);
            e.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SurveyRespondent>(e =>
        {
            e.ToTable("surveys_respondents");
            // The database, not only the code, keeps one signed answer per person and survey.
            e.HasKey(r => new { r.SurveyId, r.PersonId });
            e.HasIndex(r => r.PersonId);
            e.HasIndex(r => r.ResponseId).IsUnique();
            e.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SurveyResponse>().WithMany().HasForeignKey(r => r.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SurveyCodeGiven>(e =>
        {
            e.ToTable("surveys_codes_given");
            e.HasKey(c => new { c.SurveyId, c.PersonId });
            e.Property(c => c.Request).HasMaxLength(64);
            e.HasIndex(c => c.PersonId);
            e.HasOne<Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SurveySpentCode>(e =>
        {
            e.ToTable("surveys_codes_spent");
            e.HasKey(c => new { c.SurveyId, c.Digest });
            e.Property(c => c.Digest).HasMaxLength(64);
            e.HasOne<Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SurveyCopy>(e =>
        {
            e.ToTable("surveys_copies");
            e.Property(c => c.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Key).HasMaxLength(64);
            e.HasIndex(c => c.SurveyId);
            e.HasOne<Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<SurveyText>(e =>
        {
            e.ToTable("surveys_texts");
            e.Property(t => t.QuestionKey).HasMaxLength(20);
            e.Property(t => t.Text).HasMaxLength(Parvis.Surveys.SurveyAnswers.LongTextMax + 20);
            e.HasIndex(t => t.SurveyId);
            // One text per question of an answer, whatever two changes at once attempt.
            e.HasIndex(t => new { t.ResponseId, t.QuestionKey }).IsUnique();
            e.HasOne<SurveyResponse>().WithMany().HasForeignKey(t => t.ResponseId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}

public static class SurveysData
{
    extension(ParvisDbContext db)
    {
        public DbSet<Survey> Surveys => db.Set<Survey>();
        public DbSet<SurveyResponse> SurveyResponses => db.Set<SurveyResponse>();
        public DbSet<SurveyEnvelope> SurveyEnvelopes => db.Set<SurveyEnvelope>();
        public DbSet<SurveyRespondent> SurveyRespondents => db.Set<SurveyRespondent>();
        public DbSet<SurveyCodeGiven> SurveyCodesGiven => db.Set<SurveyCodeGiven>();
        public DbSet<SurveySpentCode> SurveySpentCodes => db.Set<SurveySpentCode>();
        public DbSet<SurveyText> SurveyTexts => db.Set<SurveyText>();
        public DbSet<SurveyCopy> SurveyCopies => db.Set<SurveyCopy>();

        /// <summary>
        /// A survey's answers, those its box has moved and, unless asked not to, those that wait (which count once it closes). Read
        /// waiting first: an answer moved between the two reads is then read twice, once kept, rather than not at all.
        /// </summary>
        public async Task<IReadOnlyList<(Guid Id, SurveyChannel Channel, string Answers)>> SurveyAnswersAsync(Guid surveyId, bool waiting = true)
        {
            var held = waiting ? await db.SurveyEnvelopes.AsNoTracking().Where(e => e.SurveyId == surveyId).Select(e => new { e.Id, e.Answers }).ToListAsync() : [];
            var moved = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == surveyId).Select(r => new { r.Id, r.Channel, r.Answers }).ToListAsync();
            // In the order of their random ids, which says nothing of when each came nor which waits.
            return [.. moved.Select(r => (r.Id, r.Channel, r.Answers)).Concat(held.Select(e => (e.Id, SurveyChannel.Online, e.Answers))).DistinctBy(a => a.Id).OrderBy(a => a.Id)];
        }
    }
}

/// <summary>What the surveys module lets people do.</summary>
public static class SurveysPermissions
{
    /// <summary>Answer a published survey, when the phase allows it (an open survey also takes visitors' answers).</summary>
    public static readonly Permission Answer = new("Surveys.Answer", Permission.Everyone, at => at.IsOn(SurveysModule.Answering));

    /// <summary>Write, test, publish and close surveys, type in paper and desk answers, read results before the close.</summary>
    public static readonly Permission Manage = new("Surveys.Manage", Permission.Staff);
}
