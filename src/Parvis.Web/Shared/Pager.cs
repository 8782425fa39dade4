namespace Parvis.Web.Shared;

/// <summary>
/// What the shared pager (Shared/_Pager) shows under a list read a page at a time: the page's number, whether another
/// follows, the address of any page, and, when the list counts its pages, how many. The texts are resource keys, for a
/// list that names its pages better than "previous" and "next" (newer and older votes).
/// </summary>
public sealed record Pager(int Number, bool HasMore, Func<int, string> Address)
{
    public int? Count { get; init; }
    public string Label { get; init; } = "Pagination.Label";
    public string Previous { get; init; } = "Pagination.Previous";
    public string Next { get; init; } = "Pagination.Next";

    /// <summary>A list whose pages are counted: another follows while this is not the last.</summary>
    public static Pager Counted(int number, int count, Func<int, string> address) => new(number, number < count, address) { Count = count };
}
