namespace Parvis.Web.Migrations;

/// <summary>
/// What the StoredAddresses migration does, the same on either provider: the addresses kept in news, follows, mediation
/// journals and actors' mentions that point at a comment or a debate's argument by its anchor alone
/// ("/proposals/{id}#comment-{id}") now name it in the query too, so that they open the page of comments or arguments
/// holding it, since both are read a page at a time. Only addresses of exactly that shape change.
/// </summary>
internal static class StoredAddressesData
{
    private static readonly string[] _tables = ["kernel_notification_events", "kernel_follows", "kernel_mandate_acts", "kernel_actor_mentions"];

    /// <summary>The page's path, and the anchor that names the item, as the addresses were written.</summary>
    private static readonly (string Path, string Anchor, string Query)[] _kinds = [("/proposals/", "#comment-", "?comment="), ("/debates/", "#argument-", "?argument=")];

    private const int IdLength = 36;

    public static IEnumerable<string> Up()
    {
        foreach (var table in _tables)
        {
            foreach (var (path, anchor, query) in _kinds)
            {
                // Positions are 1-based: the page's id follows the path, the anchor the id, the item's id the anchor.
                var anchorAt = path.Length + IdLength + 1;
                var itemAt = anchorAt + anchor.Length;
                var length = itemAt + IdLength - 1;
                yield return $"""
                    UPDATE {table} SET "Address" = substr("Address", 1, {anchorAt - 1}) || '{query}' || substr("Address", {itemAt}, {IdLength}) || substr("Address", {anchorAt}, {anchor.Length + IdLength})
                    WHERE length("Address") = {length} AND substr("Address", 1, {path.Length}) = '{path}' AND substr("Address", {anchorAt}, {anchor.Length}) = '{anchor}';
                    """;
            }
        }
    }
}
