namespace Parvis.Web.Migrations;

/// <summary>
/// What the StoredAddresses migrations do, the same on either provider: the addresses kept in news, follows, mediation
/// journals and actors' mentions that point at an item by its anchor alone ("/proposals/{id}#comment-{id}") now name it
/// in the query too, so that they open the page holding it, since such items are read a page at a time. Only addresses
/// of exactly one of the shapes given change.
/// </summary>
internal static class StoredAddressesData
{
    /// <summary>A page's address as written, with "{id}" for each id in it; the anchor naming the item; the query naming it now.</summary>
    public sealed record Shape(string Page, string Anchor, string Query);

    /// <summary>Proposals' comments and debates' arguments.</summary>
    public static readonly Shape[] CommentsAndArguments = [new("/proposals/{id}", "#comment-", "?comment="), new("/debates/{id}", "#argument-", "?argument=")];

    /// <summary>Collaborative texts' amendments and arguments, on an article's page or the new articles'.</summary>
    public static readonly Shape[] TextsAmendmentsAndArguments =
    [
        new("/texts/{id}/articles/{id}", "#amendment-", "?amendment="), new("/texts/{id}/new-articles", "#amendment-", "?amendment="),
        new("/texts/{id}/articles/{id}", "#argument-", "?argument="), new("/texts/{id}/new-articles", "#argument-", "?argument="),
    ];

    private static readonly string[] _tables = ["kernel_notification_events", "kernel_follows", "kernel_mandate_acts", "kernel_actor_mentions"];

    private const int IdLength = 36;

    public static IEnumerable<string> Up(IEnumerable<Shape> shapes)
    {
        foreach (var table in _tables)
        {
            foreach (var (page, anchor, query) in shapes)
            {
                // The page as a LIKE pattern ("_" is any one character, and the shapes hold no other "_" or "%"). Positions
                // are 1-based: the anchor follows the page, the item's id the anchor.
                var pattern = page.Replace("{id}", new string('_', IdLength), StringComparison.Ordinal);
                var anchorAt = pattern.Length + 1;
                var itemAt = anchorAt + anchor.Length;
                yield return $"""
                    UPDATE {table} SET "Address" = substr("Address", 1, {pattern.Length}) || '{query}' || substr("Address", {itemAt}, {IdLength}) || substr("Address", {anchorAt}, {anchor.Length + IdLength})
                    WHERE length("Address") = {itemAt + IdLength - 1} AND substr("Address", 1, {pattern.Length}) LIKE '{pattern}' AND substr("Address", {anchorAt}, {anchor.Length}) = '{anchor}';
                    """;
            }
        }
    }
}
