using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Surveys;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Surveys;

/// <summary>What staff set on a survey besides its questions; the mode only while it is a draft.</summary>
public sealed record SurveySettings(string Title, string Intro, string EasyIntro, SurveyMode Mode, DateTimeOffset? ClosesAt, int SmallestCell);

/// <summary>A set of answers as checked: what was wrong, question by question, when it was not kept.</summary>
public sealed record AnswerResult(CommandResult Result, IReadOnlyList<(string Question, AnswerProblem Problem)> Problems)
{
    public static AnswerResult Refused(CommandResult result) => new(result, []);
}

/// <summary>Every write of the surveys module, each checked against its permission and the survey's stage.</summary>
public sealed class SurveyCommands(
    ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock, ProcessAccess processes,
    ProcessJournal journal, IStringLocalizer<SharedText> text, MediationCommands mediation, SurveyBox box)
{
    public const int SmallestCellMin = 3;
    public const int SmallestCellMax = 50;
    public const int ScaleTop = 10;
    public const int EndLabelMax = 100;

    public async Task<CommandResult> CreateAsync(Guid processId, string title)
    {
        if (await AllowedAsync(processId, SurveysPermissions.Manage) is { } refusal)
        {
            return refusal;
        }
        title = title.Trim();
        if (title.Length is < 3 or > Survey.TitleMax)
        {
            return CommandResult.Refused("Surveys.TitleLength");
        }
        var survey = new Survey { OrganisationId = organisation.Id, ProcessId = processId, Title = title, CreatedAt = clock.GetUtcNow() };
        db.Surveys.Add(survey);
        audit.Record("survey.create", $"survey:{survey.Id}", title);
        return await SaveAsync(survey);
    }

    /// <summary>Sets the survey's settings; once it is open in a published process, each change goes into the process's journal with its reason.</summary>
    public async Task<CommandResult> SaveSettingsAsync(Guid surveyId, SurveySettings settings, ChangeReasonInput change)
    {
        var (survey, process, refusal) = await ManagedAsync(surveyId);
        if (survey is null || process is null)
        {
            return refusal!;
        }
        // A closed process counted its answers' fates: no survey of it opens again, nor later.
        if (ProcessAccess.Closed(process) is { } closed)
        {
            return closed;
        }
        var (title, intro, easy) = (settings.Title.Trim(), settings.Intro.Trim(), settings.EasyIntro.Trim());
        // The form shows minutes: a date sent back as shown is the one stored (a survey closed at 10:42:17 stays so).
        var closesAt = settings.ClosesAt is { } sent && survey.ClosesAt is { } stored && ToMinute(sent) == ToMinute(stored) ? survey.ClosesAt : settings.ClosesAt;
        var problem = title.Length is < 3 or > Survey.TitleMax ? "Surveys.TitleLength"
            : intro.Length > Survey.IntroMax || easy.Length > Survey.IntroMax ? "Surveys.IntroLength"
            : settings.SmallestCell is < SmallestCellMin or > SmallestCellMax ? "Surveys.SmallestCellRange"
            : settings.Mode != survey.Mode && survey.Stage != SurveyStage.Draft ? "Surveys.ModeFixed"
            : closesAt != survey.ClosesAt && closesAt is { } closes && closes <= clock.GetUtcNow() ? "Surveys.ClosesInPast"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var before = Describe(survey);
        (survey.Title, survey.Intro, survey.EasyIntro, survey.Mode, survey.ClosesAt, survey.SmallestCell) =
            (title, intro, easy, settings.Mode, closesAt, settings.SmallestCell);
        // A draft's settings were seen by nobody: only an open or closed survey's change is public.
        if (survey.Stage != SurveyStage.Draft
            && await journal.RecordAsync(process!, process!.Published, change, Describe(survey).Zip(before, (after, was) => new ProcessJournal.Change(after.Subject, was.Value, after.Value))) is { } refused)
        {
            return CommandResult.Refused(refused);
        }
        audit.Record("survey.settings", $"survey:{survey.Id}", $"{settings.Mode} {closesAt:O}");
        return await SaveAsync(survey);
    }

    private static long ToMinute(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMinute;

    /// <summary>
    /// Adds a question (no key) or replaces one, while the survey is a draft. What a question is made of is checked
    /// here; how it fits with the others (its condition) is checked before publication and shown next to it meanwhile.
    /// </summary>
    public async Task<CommandResult> SaveQuestionAsync(Guid surveyId, string? key, SurveyQuestion question)
    {
        var (survey, refusal) = await DraftAsync(surveyId);
        if (survey is null)
        {
            return refusal!;
        }
        var questions = survey.Read().ToList();
        var at = key is null ? -1 : questions.FindIndex(q => q.Key == key);
        if (key is not null && at < 0)
        {
            return CommandResult.Missing();
        }
        if (key is null && questions.Count >= Survey.MostQuestions)
        {
            return CommandResult.Refused("Surveys.TooManyQuestions");
        }
        var logic = question.Logic;
        var options = Clean(logic.Options);
        var rows = Clean(logic.Rows);
        var (kind, matrix) = (logic.Kind, logic.IsMatrix);
        var choice = kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.Ranking || matrix;
        var problem = question.Label.Trim().Length is 0 or > SurveyQuestion.LabelMax ? "Surveys.LabelLength"
            : question.Hint.Length > SurveyQuestion.HintMax || question.EasyLabel.Length > SurveyQuestion.LabelMax ? "Surveys.HintLength"
            : question.LowLabel.Length > EndLabelMax || question.HighLabel.Length > EndLabelMax ? "Surveys.EndLabelLength"
            : choice && options.Count < 2 ? "Surveys.OptionsNeeded"
            : matrix && rows.Count < 1 ? "Surveys.RowsNeeded"
            : options.Count > SurveyQuestion.MostOptions || rows.Count > SurveyQuestion.MostOptions ? "Surveys.TooManyOptions"
            : options.Concat(rows).Any(o => o.Length > SurveyQuestion.OptionMax) ? "Surveys.OptionLength"
            : options.Distinct(StringComparer.Ordinal).Count() != options.Count || rows.Distinct(StringComparer.Ordinal).Count() != rows.Count ? "Surveys.OptionTwice"
            // An answer holds "line=column" for a matrix and "other:…" for a text under "other": an option cannot look like either.
            : options.Concat(rows).Any(o => o.Contains('=', StringComparison.Ordinal) || o.StartsWith(Question.OtherPrefix, StringComparison.Ordinal)) ? "Surveys.OptionCharacters"
            : kind == QuestionKind.Scale && logic.ScaleMax is < 2 or > ScaleTop ? "Surveys.ScaleRange"
            : null;
        if (problem is not null)
        {
            return CommandResult.Refused(problem);
        }
        var newKey = key ?? NextKey(survey);
        var saved = question with
        {
            Label = question.Label.Trim(),
            Hint = question.Hint.Trim(),
            EasyLabel = question.EasyLabel.Trim(),
            LowLabel = kind == QuestionKind.Scale ? question.LowLabel.Trim() : "",
            HighLabel = kind == QuestionKind.Scale ? question.HighLabel.Trim() : "",
            Logic = logic with
            {
                Key = newKey,
                Options = choice ? options : null,
                Rows = matrix ? rows : null,
                ScaleMax = kind == QuestionKind.Scale ? logic.ScaleMax : 0,
                Other = logic.Other && kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice,
                Required = logic.Required && logic.Answerable,
            },
        };
        if (at < 0)
        {
            questions.Add(saved);
        }
        else
        {
            questions[at] = saved;
        }
        survey.Write(questions);
        audit.Record("survey.question", $"survey:{survey.Id}", newKey);
        return await SaveAsync(survey);
    }

    public async Task<CommandResult> RemoveQuestionAsync(Guid surveyId, string key) => await ReorderAsync(surveyId, key, (questions, at) => questions.RemoveAt(at));

    /// <summary>Moves a question one place up or down (a section with it, as a question: staff move each).</summary>
    public async Task<CommandResult> MoveQuestionAsync(Guid surveyId, string key, bool up) => await ReorderAsync(surveyId, key, (questions, at) =>
    {
        var to = up ? at - 1 : at + 1;
        if (to >= 0 && to < questions.Count)
        {
            (questions[at], questions[to]) = (questions[to], questions[at]);
        }
    });

    /// <summary>Publishes a draft whose questions pass every check; otherwise the problems, each for its question.</summary>
    public async Task<(CommandResult Result, IReadOnlyList<Problem> Problems)> PublishAsync(Guid surveyId)
    {
        var (survey, refusal) = await DraftAsync(surveyId);
        if (survey is null)
        {
            return (refusal!, []);
        }
        if (await processes.FindAsync(survey.ProcessId) is { } process && ProcessAccess.Closed(process) is { } closed)
        {
            return (closed, []);
        }
        var questions = survey.Read();
        if (!questions.Any(q => q.Logic.Answerable))
        {
            return (CommandResult.Refused("Surveys.NoQuestions"), []);
        }
        var problems = SurveyCheck.Problems([.. questions.Select(q => q.Logic)]);
        if (problems.Count > 0)
        {
            return (CommandResult.Refused("Surveys.CannotPublish"), problems);
        }
        if (survey.ClosesAt is { } closes && closes <= clock.GetUtcNow())
        {
            return (CommandResult.Refused("Surveys.ClosesInPast"), []);
        }
        (survey.Stage, survey.PublishedAt, survey.TokenKey) = (SurveyStage.Published, clock.GetUtcNow(), SurveyCodes.NewKey());
        audit.Record("survey.publish", $"survey:{survey.Id}");
        return (await SaveAsync(survey), []);
    }

    public async Task<CommandResult> CloseAsync(Guid surveyId)
    {
        var (survey, _, refusal) = await ManagedAsync(surveyId);
        if (survey is null)
        {
            return refusal!;
        }
        if (survey.Stage != SurveyStage.Published)
        {
            return CommandResult.Refused("Surveys.NotOpen");
        }
        (survey.Stage, survey.ClosesAt) = (SurveyStage.Closed, survey.ClosesAt is { } closes && closes < clock.GetUtcNow() ? closes : clock.GetUtcNow());
        audit.Record("survey.close", $"survey:{survey.Id}");
        var closed = await SaveAsync(survey);
        if (closed.Succeeded)
        {
            // Its last answers without a name join the others now rather than at the box's next round.
            await box.TakeAsync(survey.Id);
        }
        return closed;
    }

    /// <summary>
    /// The code of an anonymous survey for the signed-in person, once: that they were given one is kept, which one is
    /// not. A person who lost theirs cannot be given another, or they could answer twice; the same request sent again
    /// (<see cref="SurveyCodes.NewRequest"/>) gets the same code back.
    /// </summary>
    public async Task<(CommandResult Result, string? Code)> GiveCodeAsync(Guid surveyId, string? request)
    {
        var (survey, refusal) = await AnswerableAsync(surveyId);
        if (survey is null)
        {
            return (refusal!, null);
        }
        if (survey.Mode != SurveyMode.Anonymous)
        {
            return (CommandResult.Refused("Error.Forbidden"), null);
        }
        if (authorizer.PersonId is not { } person)
        {
            return (CommandResult.Refused(Decision.SignInRequired), null);
        }
        if (SurveyCodes.RequestDigest(request) is not { } digest)
        {
            return (CommandResult.Refused("Surveys.CodeRequestUnreadable"), null);
        }
        db.SurveyCodesGiven.Add(new SurveyCodeGiven { SurveyId = survey.Id, PersonId = person, Request = digest });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            var given = await db.SurveyCodesGiven.Where(c => c.SurveyId == survey.Id && c.PersonId == person).Select(c => c.Request).FirstOrDefaultAsync();
            if (given != digest)
            {
                return (CommandResult.Refused("Surveys.CodeAlreadyGiven"), null);
            }
        }
        return (CommandResult.Done(survey.Id), SurveyCodes.Issue(survey.Id, survey.TokenKey, person, request!));
    }

    /// <summary>Whether the signed-in person has been given the code of an anonymous survey, or has answered a signed one.</summary>
    public async Task<bool> TookPartAsync(Survey survey) => authorizer.PersonId is { } person && (survey.Mode == SurveyMode.Anonymous
        ? await db.SurveyCodesGiven.AnyAsync(c => c.SurveyId == survey.Id && c.PersonId == person)
        : await db.SurveyRespondents.AnyAsync(r => r.SurveyId == survey.Id && r.PersonId == person));

    /// <summary>
    /// An answer given online: signed (kept with the person, replacing their earlier one), anonymous (with an unused
    /// code of the survey, kept without the person) or open. Checked against the path the answers take; nothing is kept
    /// when anything is wrong.
    /// </summary>
    public async Task<AnswerResult> AnswerAsync(Guid surveyId, IReadOnlyDictionary<string, Answer> answers, string? code = null)
    {
        var (survey, refusal) = await AnswerableAsync(surveyId);
        if (survey is null)
        {
            return AnswerResult.Refused(refusal!);
        }
        var questions = survey.Read();
        if (Checked(questions, answers) is not { Kept: { } kept })
        {
            return Refused(questions, answers);
        }
        switch (survey.Mode)
        {
            case SurveyMode.Named when authorizer.PersonId is { } person:
                return new AnswerResult(await SignedAsync(survey, questions, kept, person), []);
            case SurveyMode.Anonymous:
                var digest = code is null ? null : SurveyCodes.Digest(survey.Id, survey.TokenKey, code);
                if (digest is null)
                {
                    return AnswerResult.Refused(CommandResult.Refused("Surveys.CodeInvalid"));
                }
                db.SurveySpentCodes.Add(new SurveySpentCode { SurveyId = survey.Id, Digest = digest });
                return new AnswerResult(await UnsignedAsync(survey, await KeepAsync(survey, questions, [(Guid.NewGuid(), kept)], SurveyChannel.Online, null, "Surveys.CodeUsed")), []);
            case SurveyMode.Open:
                return new AnswerResult(await UnsignedAsync(survey, await KeepAsync(survey, questions, [(Guid.NewGuid(), kept)], SurveyChannel.Online, null)), []);
            default:
                return AnswerResult.Refused(CommandResult.Refused("Error.SignInRequired"));
        }
    }

    /// <summary>
    /// A paper form typed in, or an answer given at a desk, by staff: checked like any answer, kept with its channel
    /// and no person (the paper is the respondent's anonymity, and the form says so).
    /// </summary>
    public async Task<AnswerResult> EnterAsync(Guid surveyId, IReadOnlyDictionary<string, Answer> answers, SurveyChannel channel)
    {
        var (survey, process, refusal) = await ManagedAsync(surveyId);
        if (survey is null || process is null)
        {
            return AnswerResult.Refused(refusal!);
        }
        if (ProcessAccess.Closed(process) is { } closed)
        {
            return AnswerResult.Refused(closed);
        }
        // Paper forms filled while it ran are typed in after its end too; an answer given at a desk is given while it runs.
        if (survey.Stage == SurveyStage.Draft || channel == SurveyChannel.Online || channel == SurveyChannel.Desk && !survey.OpenAt(clock.GetUtcNow()))
        {
            return AnswerResult.Refused(CommandResult.Refused("Surveys.NotOpen"));
        }
        var questions = survey.Read();
        if (Checked(questions, answers) is not { Kept: { } kept })
        {
            return Refused(questions, answers);
        }
        // Who typed is kept as a count of their entries, not joined to the answer.
        audit.Record("survey.entry", $"survey:{survey.Id}", channel.ToString());
        return new AnswerResult(await KeepAsync(survey, questions, [(Guid.NewGuid(), kept)], channel, null), []);
    }

    /// <summary>The answers kept when none is refused; null otherwise (<see cref="Refused"/> says why).</summary>
    private static CheckedAnswers? Checked(IReadOnlyList<SurveyQuestion> questions, IReadOnlyDictionary<string, Answer> answers) =>
        SurveyAnswers.Check([.. questions.Select(q => q.Logic)], answers) is { Problems.Count: 0 } accepted ? accepted : null;

    private static AnswerResult Refused(IReadOnlyList<SurveyQuestion> questions, IReadOnlyDictionary<string, Answer> answers) =>
        new(CommandResult.Refused("Surveys.AnswersRefused"), SurveyAnswers.Check([.. questions.Select(q => q.Logic)], answers).Problems);

    private async Task<CommandResult> SignedAsync(Survey survey, IReadOnlyList<SurveyQuestion> questions, IReadOnlyDictionary<string, Answer> kept, Guid person)
    {
        var earlier = await db.SurveyRespondents.FirstOrDefaultAsync(r => r.SurveyId == survey.Id && r.PersonId == person);
        if (earlier is null)
        {
            var result = await KeepAsync(survey, questions, [(Guid.NewGuid(), kept)], SurveyChannel.Online, person);
            // Two first answers of the same person at once: the database kept the first, the second replaces it.
            return result.ErrorKey == "Surveys.AlreadyAnswered" ? await SignedAsync(survey, questions, kept, person) : result;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Writing the respondent's line first makes two changes by the same person take turns (its row is locked until
        // the commit), so the second reads the texts the first left.
        await db.SurveyRespondents.Where(r => r.SurveyId == survey.Id && r.PersonId == person)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.AnsweredAt, clock.GetUtcNow()));
        var response = await db.SurveyResponses.FirstAsync(r => r.Id == earlier.ResponseId);
        response.Answers = Survey.WriteAnswers(kept);
        var texts = await db.SurveyTexts.Where(t => t.ResponseId == response.Id).ToListAsync();
        var now = Texts(questions, kept);
        foreach (var text in texts)
        {
            if (now.TryGetValue(text.QuestionKey, out var written))
            {
                // Rewritten: what compares contributions reads it again.
                text.RevisedAt = text.Text == written ? text.RevisedAt : clock.GetUtcNow();
                text.Text = written;
                now.Remove(text.QuestionKey);
            }
            else
            {
                db.SurveyTexts.Remove(text);
            }
        }
        db.SurveyTexts.AddRange(now.Select(t => NewText(survey, response, t.Key, t.Value, SurveyChannel.Online, person, clock.GetUtcNow())));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Done(survey.Id);
    }

    /// <summary>
    /// Answers checked elsewhere and brought in together (a laptop's bundle), with their ids: all kept, or none.
    /// The caller has checked the permission.
    /// </summary>
    internal async Task<CommandResult> KeepAllAsync(Survey survey, IReadOnlyList<(Guid Id, IReadOnlyDictionary<string, Answer> Answers)> answers, SurveyChannel channel) =>
        answers.Count == 0 ? CommandResult.Done(survey.Id) : await KeepAsync(survey, survey.Read(), answers, channel, null);

    /// <summary>
    /// New answers, their texts, the respondent if signed, and the count, together or not at all; <paramref name="clash"/>
    /// says what a unique key refusing a row means (a used code, the person's earlier answer, an answer already here).
    /// </summary>
    private async Task<CommandResult> KeepAsync(Survey survey, IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<(Guid Id, IReadOnlyDictionary<string, Answer> Answers)> answers,
        SurveyChannel channel, Guid? person, string clash = "Surveys.AlreadyAnswered")
    {
        // An answer given online without a name waits for the box, which moves it among others (SurveyBox).
        var held = person is null && channel == SurveyChannel.Online;
        foreach (var (id, kept) in answers)
        {
            if (held)
            {
                db.SurveyEnvelopes.Add(new SurveyEnvelope { Id = id, SurveyId = survey.Id, Answers = Survey.WriteAnswers(kept) });
                continue;
            }
            var response = new SurveyResponse { Id = id, SurveyId = survey.Id, Channel = channel, Answers = Survey.WriteAnswers(kept) };
            db.SurveyResponses.Add(response);
            db.SurveyTexts.AddRange(Texts(questions, kept).Select(t => NewText(survey, response, t.Key, t.Value, channel, person, clock.GetUtcNow())));
            if (person is { } who)
            {
                db.SurveyRespondents.Add(new SurveyRespondent { SurveyId = survey.Id, PersonId = who, ResponseId = response.Id, AnsweredAt = clock.GetUtcNow() });
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused(clash);
        }
        await db.Surveys.Where(s => s.Id == survey.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Responses, x => x.Responses + answers.Count));
        await transaction.CommitAsync();
        return CommandResult.Done(survey.Id);
    }

    /// <summary>An answer nobody signs, given under a mandate: the person's journal says the day they took part, no more.</summary>
    private async Task<CommandResult> UnsignedAsync(Survey survey, CommandResult kept)
    {
        if (kept.Succeeded)
        {
            await mediation.RecordOnceADayAsync(new SurveyTakingPart(survey.Id));
        }
        return kept;
    }

    /// <summary>The answers in words: text questions' and "other, please specify", by question.</summary>
    internal static Dictionary<string, string> Texts(IReadOnlyList<SurveyQuestion> questions, IReadOnlyDictionary<string, Answer> kept)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in questions.Select(q => q.Logic))
        {
            if (!kept.TryGetValue(question.Key, out var answer))
            {
                continue;
            }
            if (question.Kind is QuestionKind.ShortText or QuestionKind.LongText)
            {
                texts[question.Key] = answer.Values[0];
            }
            else if (answer.Values.FirstOrDefault(v => v.StartsWith(Question.OtherPrefix, StringComparison.Ordinal)) is { } other)
            {
                texts[question.Key] = other[Question.OtherPrefix.Length..];
            }
        }
        return texts;
    }

    /// <summary>
    /// A text as a contribution. Without a respondent it says nothing of when it came: a random id (not time-ordered)
    /// and the survey's publication as its date, so that it cannot be lined up with who was given a code when.
    /// </summary>
    internal static SurveyText NewText(Survey survey, SurveyResponse response, string key, string text, SurveyChannel channel, Guid? person, DateTimeOffset now,
        string? language = null) => new()
    {
        Language = language ?? ContentLanguage.Current,
        Id = person is null ? Guid.NewGuid() : Guid.CreateVersion7(now),
        OrganisationId = survey.OrganisationId,
        ProcessId = survey.ProcessId,
        AuthorId = person,
        CreatedAt = person is null ? survey.PublishedAt ?? survey.CreatedAt : now,
        Channel = channel switch { SurveyChannel.Online => Channel.Online, SurveyChannel.Offline => Channel.Offline, _ => Channel.Paper },
        SurveyId = survey.Id,
        ResponseId = response.Id,
        QuestionKey = key,
        Text = text,
    };

    private async Task<CommandResult> ReorderAsync(Guid surveyId, string key, Action<List<SurveyQuestion>, int> change)
    {
        var (survey, refusal) = await DraftAsync(surveyId);
        if (survey is null)
        {
            return refusal!;
        }
        var questions = survey.Read().ToList();
        var at = questions.FindIndex(q => q.Key == key);
        if (at < 0)
        {
            return CommandResult.Missing();
        }
        change(questions, at);
        survey.Write(questions);
        audit.Record("survey.questions", $"survey:{survey.Id}", key);
        return await SaveAsync(survey);
    }

    /// <summary>
    /// A change to the survey itself, refused when another was saved since it was read: a question added while another
    /// tab published, two questions added at once, would otherwise be lost or published unchecked.
    /// </summary>
    private async Task<CommandResult> SaveAsync(Survey survey)
    {
        survey.Revision++;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Refused("Surveys.ChangedMeanwhile");
        }
        return CommandResult.Done(survey.Id);
    }

    /// <summary>Keys never reused, even once their question is removed, so a condition never comes to name another question than its own.</summary>
    private static string NextKey(Survey survey) => $"q{++survey.KeysGiven}";

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).ToList() ?? [];

    /// <summary>The settings a journal entry shows, each named as its form names it.</summary>
    private List<(string Subject, string Value)> Describe(Survey survey) =>
    [
        ($"{survey.Title} · {text["Field.SurveyTitle"]}", survey.Title),
        ($"{survey.Title} · {text["Field.SurveyIntro"]}", survey.Intro),
        ($"{survey.Title} · {text["Field.SurveyEasyIntro"]}", survey.EasyIntro),
        ($"{survey.Title} · {text["Field.SurveyClosesAt"]}", survey.ClosesAt?.ToLocalTime().ToString("f") ?? ""),
        ($"{survey.Title} · {text["Field.SmallestCell"]}", survey.SmallestCell.ToString(System.Globalization.CultureInfo.CurrentCulture)),
    ];

    /// <summary>A survey of the organisation, with its process, for those who run the process's surveys.</summary>
    internal async Task<(Survey? Survey, Process? Process, CommandResult? Refusal)> ManagedAsync(Guid surveyId)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == surveyId && s.OrganisationId == organisation.Id);
        var process = survey is null ? null : await processes.FindAsync(survey.ProcessId, SurveysModule.Key);
        if (survey is null || process is null)
        {
            return (null, null, CommandResult.Missing());
        }
        var decision = await authorizer.DecideAsync(SurveysPermissions.Manage, process);
        return decision == Decision.Allowed ? (survey, process, null) : (null, null, CommandResult.Refused(decision));
    }

    private async Task<(Survey? Survey, CommandResult? Refusal)> DraftAsync(Guid surveyId)
    {
        var (survey, _, refusal) = await ManagedAsync(surveyId);
        return survey is { Stage: not SurveyStage.Draft } ? (null, CommandResult.Refused("Surveys.Published")) : (survey, refusal);
    }

    /// <summary>A published survey, open now, that the person may answer (a visitor, for an open survey).</summary>
    private async Task<(Survey? Survey, CommandResult? Refusal)> AnswerableAsync(Guid surveyId)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId && s.OrganisationId == organisation.Id && s.Stage != SurveyStage.Draft);
        if (survey is null)
        {
            return (null, CommandResult.Missing());
        }
        var process = await processes.FindAsync(survey.ProcessId, SurveysModule.Key);
        if (process is null)
        {
            return (null, CommandResult.Missing());
        }
        var decision = await authorizer.DecideAsync(SurveysPermissions.Answer, process);
        // An open survey takes visitors' answers, and an anonymous one answers with a code, whoever types it (better
        // without being signed in): the code was given after the check.
        if (decision == Decision.SignInRequired && survey.Mode != SurveyMode.Named
            && authorizer.OpenPhase(process)?.IsOn(process.Component(SurveysModule.Key)!, SurveysModule.Answering) == true)
        {
            decision = Decision.Allowed;
        }
        if (decision != Decision.Allowed)
        {
            return (null, CommandResult.Refused(decision));
        }
        return survey.OpenAt(clock.GetUtcNow()) ? (survey, null) : (null, CommandResult.Refused("Surveys.Closed"));
    }

    private async Task<CommandResult?> AllowedAsync(Guid processId, Permission permission)
    {
        var process = await processes.FindAsync(processId, SurveysModule.Key);
        if (process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(permission, process);
        return decision == Decision.Allowed ? null : CommandResult.Refused(decision);
    }
}
