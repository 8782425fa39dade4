namespace Parvis.Web.Shared;

/// <summary>
/// A destructive action that asks again (the _Confirm partial): its first button only opens what it will do, the second
/// posts to <see cref="Handler"/> with <see cref="Fields"/> and confirmed=true. <see cref="Of"/> names what it acts on,
/// for screen readers, when several such buttons share a page.
/// </summary>
public sealed record ConfirmView(string Action, string Warning, string Confirm, string Handler, IReadOnlyList<KeyValuePair<string, string>> Fields, string Of = "");
