using Microsoft.EntityFrameworkCore;
using Parvis.Surveys;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Offline;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Surveys;

/// <summary>A survey's package for a laptop (its questions and a key), or the bundle of answers the laptop sends back.</summary>
public sealed record SurveyPackage
{
    public const string FormatName = "parvis-offline-survey";

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = 1;

    /// <summary>"package" (main → laptop) or "bundle" (laptop → main).</summary>
    public required string Kind { get; init; }

    public Guid ExportId { get; init; }
    public required OfflineProcess Process { get; init; }
    public required OfflineSurvey Survey { get; init; }
    public IReadOnlyList<OfflineAnswer> Answers { get; init; } = [];

    /// <summary>The key the bundle is signed with, in the package only (base64).</summary>
    public string? Key { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record OfflineSurvey(Guid Id, string Title, string Intro, string EasyIntro, SurveyMode Mode, string Questions, int SmallestCell);

/// <summary>One set of answers typed on the laptop, with its id (importing twice adds it once).</summary>
public sealed record OfflineAnswer(Guid Id, IReadOnlyDictionary<string, string[]> Answers);

/// <summary>An import of a bundle: the answers added, those already here, those refused (not fitting the survey).</summary>
public sealed record SurveyImport(int Added, int AlreadyHere, int Refused);

public enum SurveyCopyRole
{
    /// <summary>On the main installation: a package handed to a laptop.</summary>
    Exported,

    /// <summary>On the laptop: the survey received, whose answers go back signed.</summary>
    Copy,
}

/// <summary>One export of a survey to a laptop, as each side keeps it: the key that signs the bundle.</summary>
public sealed class SurveyCopy
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SurveyId { get; set; }
    public SurveyCopyRole Role { get; set; }

    /// <summary>The export on the main installation (its own id there; the package's on the laptop).</summary>
    public Guid ExportId { get; set; }

    public required string Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A survey filled where there is no network, as a workshop is run: the main installation exports a package, the
/// laptop sets the survey up and takes answers at its desk form, and its signed bundle brings them back once, each
/// checked again against the questions.
/// </summary>
public sealed class SurveyOffline(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    SurveyCommands surveys) : IOfflinePackages
{
    /// <summary>A bundle holds what a day at a desk brings; far more is not one.</summary>
    public const int MostAnswers = 20_000;

    public string Format => SurveyPackage.FormatName;

    public string Address(Guid id) => $"/admin/surveys/{id}";

    public async Task<IReadOnlyList<ReceivedCopy>> ReceivedAsync() =>
        [.. (await db.SurveyCopies.AsNoTracking().Where(c => c.Role == SurveyCopyRole.Copy)
                .Join(db.Surveys.Where(s => s.OrganisationId == organisation.Id), c => c.SurveyId, s => s.Id, (c, s) => new { s.Id, s.Title, c.CreatedAt }).ToListAsync())
            .Select(r => new ReceivedCopy(r.Title, Address(r.Id), r.CreatedAt))];

    /// <summary>Whether this survey is a laptop's copy of another installation's.</summary>
    public Task<bool> IsCopyAsync(Guid surveyId) => db.SurveyCopies.AnyAsync(c => c.SurveyId == surveyId && c.Role == SurveyCopyRole.Copy);

    /// <summary>On the main installation: the package of a published survey, with a key made for this export.</summary>
    public async Task<(CommandResult Result, byte[]? File)> ExportPackageAsync(Guid surveyId)
    {
        var (survey, process, refusal) = await surveys.ManagedAsync(surveyId);
        if (survey is null || process is null)
        {
            return (refusal!, null);
        }
        if (survey.Stage != SurveyStage.Published)
        {
            return (CommandResult.Refused("Surveys.NotOpen"), null);
        }
        var copy = new SurveyCopy { SurveyId = survey.Id, Role = SurveyCopyRole.Exported, Key = SignedFile.NewKey(), CreatedAt = clock.GetUtcNow() };
        copy.ExportId = copy.Id;
        db.SurveyCopies.Add(copy);
        audit.Record("survey.offline-export", $"survey:{survey.Id}", copy.Id.ToString());
        await db.SaveChangesAsync();
        return (CommandResult.Done(copy.Id), SignedFile.Write(Package("package", copy, survey, process, []) with { Key = copy.Key }, null));
    }

    /// <summary>On the laptop: the survey received, published here, to be answered at the desk form.</summary>
    public async Task<CommandResult> ReceiveAsync(Stream file)
    {
        if (await authorizer.DecideAsync(SurveysPermissions.Manage) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (Read(file) is not { Payload: { Kind: "package", Key: { } key } package })
        {
            return CommandResult.Refused("Laptop.NotAPackage");
        }
        if (!SignedFile.Whole(package) || !SignedFile.IsKey(key) || !package.Process.Sound || !Sound(package.Survey))
        {
            return CommandResult.Refused("Laptop.Damaged");
        }
        if (await db.Surveys.AnyAsync(s => s.Id == package.Survey.Id))
        {
            return CommandResult.Refused("Surveys.AlreadyHere");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await OfflineProcess.CopyAsync(db, organisation.Id, package.Process, SurveysModule.Key) is not { } process)
        {
            return CommandResult.Refused("Laptop.NotAPackage");
        }
        var source = package.Survey;
        var survey = new Survey
        {
            Id = source.Id, OrganisationId = organisation.Id, ProcessId = process.Id, Title = source.Title, Intro = source.Intro, EasyIntro = source.EasyIntro,
            Mode = source.Mode, Stage = SurveyStage.Published, SmallestCell = source.SmallestCell, Questions = source.Questions, TokenKey = SurveyCodes.NewKey(),
            CreatedAt = clock.GetUtcNow(), PublishedAt = clock.GetUtcNow(),
        };
        db.Surveys.Add(survey);
        db.SurveyCopies.Add(new SurveyCopy { SurveyId = survey.Id, Role = SurveyCopyRole.Copy, ExportId = package.ExportId, Key = key, CreatedAt = clock.GetUtcNow() });
        audit.Record("survey.offline-copy", $"survey:{survey.Id}", package.ExportId.ToString());
        return await OfflinePackages.SaveAsync(db, transaction, survey.Id);
    }

    /// <summary>On the laptop: every answer taken here, signed with the package's key; sent twice, it adds nothing twice.</summary>
    public async Task<(CommandResult Result, byte[]? File)> ExportBundleAsync(Guid surveyId)
    {
        var (survey, process, refusal) = await surveys.ManagedAsync(surveyId);
        if (survey is null || process is null)
        {
            return (refusal!, null);
        }
        var copy = await db.SurveyCopies.AsNoTracking().FirstOrDefaultAsync(c => c.SurveyId == surveyId && c.Role == SurveyCopyRole.Copy);
        if (copy is null)
        {
            return (CommandResult.Refused("Surveys.NotACopy"), null);
        }
        var answers = await db.SurveyAnswersAsync(surveyId);
        var bundle = Package("bundle", copy, survey, process,
            [.. answers.Select(a => new OfflineAnswer(a.Id, Survey.ReadAnswers(a.Answers).ToDictionary(x => x.Key, x => x.Value.Values.ToArray())))]);
        audit.Record("survey.offline-bundle", $"survey:{survey.Id}", answers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync();
        return (CommandResult.Done(survey.Id), SignedFile.Write(bundle, Convert.FromBase64String(copy.Key)));
    }

    /// <summary>
    /// On the main installation: a bundle of this survey's, from one of its own exports and unchanged since the laptop
    /// signed it. Each answer is checked again as if typed here; those already here (by id) are not added twice.
    /// </summary>
    public async Task<(CommandResult Result, SurveyImport? Import)> ImportBundleAsync(Guid surveyId, Stream file)
    {
        var (survey, process, refusal) = await surveys.ManagedAsync(surveyId);
        if (survey is null || process is null)
        {
            return (refusal!, null);
        }
        if (ProcessAccess.Closed(process) is { } closed)
        {
            return (closed, null);
        }
        if (Read(file) is not { Payload: { Kind: "bundle" } bundle } read || bundle.Survey.Id != surveyId || bundle.Answers.Count > MostAnswers)
        {
            return (CommandResult.Refused("Surveys.NotABundle"), null);
        }
        var export = await db.SurveyCopies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == bundle.ExportId && c.SurveyId == surveyId && c.Role == SurveyCopyRole.Exported);
        if (export is null)
        {
            return (CommandResult.Refused("Surveys.ForeignBundle"), null);
        }
        if (!SignedFile.Verify(read.Bytes, read.Signature, Convert.FromBase64String(export.Key)))
        {
            return (CommandResult.Refused("Surveys.TamperedBundle"), null);
        }
        var ids = bundle.Answers.OfType<OfflineAnswer>().Select(a => a.Id).ToList();
        var here = (await db.SurveyResponses.Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync()).ToHashSet();
        var logic = survey.Read().Select(q => q.Logic).ToList();
        var fresh = new List<(Guid Id, IReadOnlyDictionary<string, Answer> Answers)>();
        var refused = 0;
        foreach (var answer in bundle.Answers.OfType<OfflineAnswer>().Where(a => !here.Contains(a.Id)).DistinctBy(a => a.Id))
        {
            var checkedAnswers = SurveyAnswers.Check(logic, (answer.Answers ?? new Dictionary<string, string[]>()).ToDictionary(a => a.Key, a => new Answer(a.Value ?? []), StringComparer.Ordinal));
            if (checkedAnswers.Problems.Count > 0)
            {
                refused++;
                continue;
            }
            fresh.Add((answer.Id, checkedAnswers.Kept));
        }
        // Recorded with the answers, in their transaction.
        audit.Record("survey.offline-import", $"survey:{survey.Id}", $"{fresh.Count} {here.Count} {refused}");
        var kept = await surveys.KeepAllAsync(survey, fresh, SurveyChannel.Offline);
        return kept.Succeeded ? (CommandResult.Done(survey.Id), new SurveyImport(fresh.Count, here.Count, refused)) : (kept, null);
    }

    /// <summary>
    /// A package is not signed (it carries its own key): what it says of the survey is checked as the editor would
    /// check it, so a changed file sets up nothing that would break a page.
    /// </summary>
    private static bool Sound(OfflineSurvey survey)
    {
        var questions = new Survey { Title = survey.Title, Questions = survey.Questions }.TryRead();
        return questions is not null && questions.Count <= Survey.MostQuestions && SurveyCheck.Problems([.. questions.Select(q => q.Logic)]).Count == 0
            && survey.Title.Length is >= 3 and <= Survey.TitleMax && survey.Intro.Length <= Survey.IntroMax
            && survey.EasyIntro.Length <= Survey.IntroMax
            && survey.SmallestCell is >= SurveyCommands.SmallestCellMin and <= SurveyCommands.SmallestCellMax;
    }

    private static (SurveyPackage Payload, byte[] Bytes, byte[]? Signature)? Read(Stream file) =>
        SignedFile.Read<SurveyPackage>(file) is { } read && read.Payload is { Format: SurveyPackage.FormatName, Process: not null, Answers: not null }
            && read.Payload.Survey is { Questions: not null, Title: not null }
            ? read
            : null;

    private static SurveyPackage Package(string kind, SurveyCopy copy, Survey survey, Process process, IReadOnlyList<OfflineAnswer> answers) => new()
    {
        Kind = kind,
        ExportId = copy.ExportId,
        Process = OfflineProcess.Of(process, []),
        Survey = new OfflineSurvey(survey.Id, survey.Title, survey.Intro, survey.EasyIntro, survey.Mode, survey.Questions, survey.SmallestCell),
        Answers = answers,
        CreatedAt = copy.CreatedAt,
    };

}
