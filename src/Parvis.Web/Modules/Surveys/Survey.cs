using System.Text.Json;
using System.Text.Json.Serialization;
using Parvis.Surveys;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Modules.Surveys;

/// <summary>Who may answer, and how often: said on the survey, in words, before anyone answers.</summary>
public enum SurveyMode
{
    /// <summary>One answer per account, linked to it and editable until the close.</summary>
    Named,

    /// <summary>
    /// One answer per account, through a single-use code given after the eligibility check: the code is not kept, and
    /// nothing joins the answer to the person.
    /// </summary>
    Anonymous,

    /// <summary>Anyone, without an account: answers cannot be limited to one per person.</summary>
    Open,
}

public enum SurveyStage
{
    /// <summary>Being written: staff test its paths; nobody answers.</summary>
    Draft,

    /// <summary>Answered, until it closes.</summary>
    Published,

    Closed,
}

/// <summary>How an answer reached the survey.</summary>
public enum SurveyChannel
{
    Online,

    /// <summary>A paper form typed in by staff.</summary>
    Paper,

    /// <summary>Answered in person at a desk, a staff member typing.</summary>
    Desk,

    /// <summary>Typed on a laptop without network, brought back in its signed bundle.</summary>
    Offline,
}

/// <summary>
/// A questionnaire of a process: its questions and their display conditions (kept together as one document, since
/// they are written, tested and published together), its mode, and when it closes.
/// </summary>
public sealed class Survey
{
    public const int TitleMax = 150;
    public const int IntroMax = 4_000;
    public const int MostQuestions = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ProcessId { get; set; }
    public required string Title { get; set; }
    public string Intro { get; set; } = "";

    /// <summary>An introduction in easy-to-read language, for the easy-to-read paper form, when staff write one.</summary>
    public string EasyIntro { get; set; } = "";

    public SurveyMode Mode { get; set; }
    public SurveyStage Stage { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }

    /// <summary>The smallest group a breakdown shows, so that nobody is singled out.</summary>
    public int SmallestCell { get; set; } = SurveyResults.SmallestCell;

    /// <summary>The questions, in order (<see cref="SurveyQuestion"/> as JSON).</summary>
    public string Questions { get; set; } = "[]";

    /// <summary>The key the single-use codes of an anonymous survey are signed with (the codes themselves are never kept).</summary>
    public string TokenKey { get; set; } = "";

    /// <summary>Question keys given so far: the next is one more, never a removed question's.</summary>
    public int KeysGiven { get; set; }

    /// <summary>Changed with the survey's questions and settings, so that two changes made at once cannot both be saved.</summary>
    public int Revision { get; set; }

    /// <summary>Answers kept, counted in the transaction that keeps each.</summary>
    public int Responses { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public bool OpenAt(DateTimeOffset now) => Stage == SurveyStage.Published && (ClosesAt is null || now < ClosesAt);

    private static readonly JsonSerializerOptions _json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public IReadOnlyList<SurveyQuestion> Read() => JsonSerializer.Deserialize<List<SurveyQuestion>>(Questions, _json) ?? [];

    /// <summary>The questions of a document from elsewhere (a package): null when they are not questions.</summary>
    public IReadOnlyList<SurveyQuestion>? TryRead()
    {
        try
        {
            var questions = Read();
            return questions.All(q => q?.Logic?.Key is not null && q.Label is not null) ? questions : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentNullException)
        {
            return null;
        }
    }

    public void Write(IReadOnlyList<SurveyQuestion> questions) => Questions = JsonSerializer.Serialize(questions, _json);

    public static IReadOnlyDictionary<string, Answer> ReadAnswers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string[]>>(json, _json)!.ToDictionary(a => a.Key, a => new Answer(a.Value), StringComparer.Ordinal);

    public static string WriteAnswers(IReadOnlyDictionary<string, Answer> answers) =>
        JsonSerializer.Serialize(answers.ToDictionary(a => a.Key, a => a.Value.Values), _json);
}

/// <summary>
/// A question as staff write it: its logic (kind, options, condition) and its words: the label, a hint, an
/// easy-to-read label for the easy paper form, and the words at a scale's two ends.
/// </summary>
public sealed record SurveyQuestion(Question Logic, string Label, string Hint = "", string EasyLabel = "", string LowLabel = "", string HighLabel = "")
{
    public const int LabelMax = 500;
    public const int HintMax = 1_000;
    public const int OptionMax = 200;
    public const int MostOptions = 40;

    [JsonIgnore]
    public string Key => Logic.Key;
}

/// <summary>
/// One set of answers. Nothing here names a person: a signed answer is joined to its respondent by
/// <see cref="SurveyRespondent"/>, an anonymous one by nothing. Its id is random (not time-ordered) and it keeps no time.
/// </summary>
public sealed class SurveyResponse
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SurveyId { get; set; }
    public SurveyChannel Channel { get; set; }

    /// <summary>Question key → values, as checked (<see cref="Survey.WriteAnswers"/>).</summary>
    public string Answers { get; set; } = "{}";
}

/// <summary>
/// An answer given online without a name (anonymous or open), until the survey's box moves it among others into the
/// answers (<see cref="SurveyBox"/>): the same shape and id as the answer it becomes, and only here as long as it must be.
/// </summary>
public sealed class SurveyEnvelope
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SurveyId { get; set; }

    /// <summary>As <see cref="SurveyResponse.Answers"/>.</summary>
    public string Answers { get; set; } = "{}";

    /// <summary>The language answered in, which its words keep once they are contributions.</summary>
    public string Language { get; set; } = Kernel.Text.ContentLanguage.Current;
}

/// <summary>Who gave a signed answer: one per person and survey, which they may change until the close.</summary>
public sealed class SurveyRespondent : IPersonAct
{
    string IPersonAct.ActKind => "survey-answer";

    string? IPersonAct.ActAddress => null;

    public Guid SurveyId { get; set; }
    public Guid PersonId { get; set; }
    public Guid ResponseId { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}

/// <summary>
/// Answering an anonymous or open survey under a mandate, as the person's journal says it: once a day and survey, with
/// no time nor address, since the answer keeps nothing that could be matched to them.
/// </summary>
public sealed record SurveyTakingPart(Guid SurveyId) : IPersonAct
{
    string IPersonAct.ActKind => "survey-answer";

    string? IPersonAct.ActAddress => null;

    Guid? IPersonAct.ActSubjectId => SurveyId;

    bool IPersonAct.ActDayOnly => true;
}

/// <summary>That a person was given the code of an anonymous survey, and so will not be given another; not when, nor which.</summary>
public sealed class SurveyCodeGiven
{
    public Guid SurveyId { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>
    /// The digest of the request the code was given for (<see cref="SurveyCodes.RequestDigest"/>): the same request
    /// sent again gets the same code back, and the digest tells nothing of which it is.
    /// </summary>
    public string? Request { get; set; }
}

/// <summary>A code of an anonymous survey that has been used, by its digest: the database keeps each used once.</summary>
public sealed class SurveySpentCode
{
    public Guid SurveyId { get; set; }
    public required string Digest { get; set; }
}

/// <summary>
/// An answer written in words (a text question, "other, please specify"): a contribution like any other, so that
/// analysts code it in the grids and give it a fate. Its author is the respondent's only for a signed survey.
/// </summary>
public sealed class SurveyText : Contribution
{
    public Guid SurveyId { get; set; }

    /// <summary>Null once a signed respondent has taken their answer out, the words erased with it.</summary>
    public Guid? ResponseId { get; set; }

    public required string QuestionKey { get; set; }
    public required string Text { get; set; }

    public override string Kind => "survey-answer";

    public override string Excerpt => Text;

    public override string Address => $"/surveys/{SurveyId}/results#{QuestionKey}";

    public override void EraseContent() => Text = "";
}
