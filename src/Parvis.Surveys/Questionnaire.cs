using System.Text.Json.Serialization;

namespace Parvis.Surveys;

/// <summary>What a question asks for; sections and text blocks ask for nothing.</summary>
public enum QuestionKind
{
    ShortText,
    LongText,
    SingleChoice,
    MultipleChoice,
    Ranking,

    /// <summary>1 to <see cref="Question.ScaleMax"/>, with labelled ends.</summary>
    Scale,
    Number,
    Date,

    /// <summary>Lines (<see cref="Question.Rows"/>) each answered with one column (<see cref="Question.Options"/>).</summary>
    MatrixSingle,

    /// <summary>Lines each answered with any number of columns.</summary>
    MatrixMultiple,

    /// <summary>Majority judgment: each line (a proposal) given one grade, the options from the best grade down.</summary>
    Grades,

    /// <summary>Starts a section: its display condition shows or hides every question up to the next section.</summary>
    Section,

    /// <summary>An explanation between questions.</summary>
    TextBlock,
}

/// <summary>How an answer is compared in a display condition.</summary>
public enum Comparison
{
    /// <summary>The answer is this value (for a multiple choice: exactly these options).</summary>
    Equals,

    /// <summary>Answered, and not <see cref="Equals"/>.</summary>
    Differs,

    /// <summary>A choice includes this option.</summary>
    Includes,

    /// <summary>A number, a scale or a date within the two values, both included.</summary>
    Between,
}

/// <summary>When a question is shown: a comparison with an earlier answer, or conditions combined explicitly.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AnswerIs), "answer")]
[JsonDerivedType(typeof(AllOf), "all")]
[JsonDerivedType(typeof(AnyOf), "any")]
public abstract record Condition;

/// <summary>
/// A comparison with the answer to an earlier question (named by its key): with a value (Equals, Differs; for a multiple
/// choice, a set of options), an option (Includes), or two bounds (Between).
/// </summary>
public sealed record AnswerIs(string Question, Comparison Comparison, IReadOnlyList<string> Values) : Condition;

/// <summary>Every part holds.</summary>
public sealed record AllOf(IReadOnlyList<Condition> Parts) : Condition;

/// <summary>At least one part holds.</summary>
public sealed record AnyOf(IReadOnlyList<Condition> Parts) : Condition;

/// <summary>
/// A question, named by a key stable within the survey (conditions and answers use it), with its kind, whether it is
/// required when shown (every line, for a matrix or grades), the options of a choice or ranking (the columns of a
/// matrix, the grades), a scale's highest value (it starts at 1), and when it shows (always, within its section, when
/// null); the lines of a matrix or of grades; and whether a choice offers "other, please specify".
/// </summary>
public sealed record Question(string Key, QuestionKind Kind, bool Required = false, IReadOnlyList<string>? Options = null, int ScaleMax = 0,
    Condition? ShowWhen = null, IReadOnlyList<string>? Rows = null, bool Other = false)
{
    /// <summary>An answer "other, please specify" is this prefix and what the person wrote.</summary>
    public const string OtherPrefix = "other:";

    [JsonIgnore]
    public IReadOnlyList<string> Choices => Options ?? [];

    [JsonIgnore]
    public IReadOnlyList<string> Lines => Rows ?? [];

    /// <summary>A matrix or grades: lines each answered with columns, an answer value being "line=column".</summary>
    [JsonIgnore]
    public bool IsMatrix => Kind is QuestionKind.MatrixSingle or QuestionKind.MatrixMultiple or QuestionKind.Grades;

    /// <summary>Whether a value is one this question's answers can hold: an option, "other: …" where offered, "line=column" for a matrix.</summary>
    public bool Offers(string value) => IsMatrix
        ? value.Split('=') is [var line, var column] && Lines.Contains(line, StringComparer.Ordinal) && Choices.Contains(column, StringComparer.Ordinal)
        : Choices.Contains(value, StringComparer.Ordinal) || Other && value.StartsWith(OtherPrefix, StringComparison.Ordinal) && value.Length > OtherPrefix.Length;

    /// <summary>Sections and text blocks take no answer.</summary>
    [JsonIgnore]
    public bool Answerable => Kind is not (QuestionKind.Section or QuestionKind.TextBlock);
}

/// <summary>
/// One respondent's answer to one question: the options chosen (in order, for a ranking), or a text, a number or a
/// date written in invariant form ("42.5", "2026-12-05"). Null or empty is no answer.
/// </summary>
public sealed record Answer(IReadOnlyList<string> Values)
{
    public static Answer Of(params string[] values) => new(values);

    [JsonIgnore]
    public bool Given => Values.Any(v => !string.IsNullOrWhiteSpace(v));
}
