namespace Parvis.Web.Shared;

/// <summary>
/// A destructive action that asks again (the _Confirm partial): its first button only opens what it will do, the second
/// posts to <see cref="Handler"/> with <see cref="Fields"/> and confirmed=true. <see cref="Of"/> names what it acts on,
/// for screen readers, when several such buttons share a page. <see cref="Reason"/>, when set, asks why (the change of a
/// published process, for its journal).
/// </summary>
public sealed record ConfirmView(string Action, string Warning, string Confirm, string Handler, IReadOnlyList<KeyValuePair<string, string>> Fields, string Of = "",
    ChangeReasonView? Reason = null);

/// <summary>The reason fields of one form: a prefix for their ids, and whether that form is the one just posted.</summary>
public sealed record ChangeReasonView(string Prefix, bool Posted);

/// <summary>The field a journal's refusal is said next to, for pages whose forms ask a reason as <c>Change</c>.</summary>
public static class JournalFields
{
    public static string? Of(string? errorKey) => errorKey switch
    {
        "Journal.ReasonRequired" or "Journal.TooLong" => "Change.Reason",
        "Journal.PromptInvalid" or "Journal.TooManyPrompts" => "Change.Prompts",
        _ => null,
    };
}
