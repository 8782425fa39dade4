namespace Parvis.Web.Kernel.Data;

/// <summary>Saving a list edited as rows (a workshop's times and groups, a meeting's sites): one way for every module.</summary>
public static class ChildRows
{
    /// <summary>
    /// Updates each child a row names and creates one for each row that names none, in the rows' order.
    /// New children are added to the context explicitly: one with its key already set would otherwise
    /// be taken for an update. The caller removes the children left out beforehand.
    /// </summary>
    public static void Save<TChild, TRow>(ParvisDbContext db, IEnumerable<TChild> children, IReadOnlyList<TRow> rows,
        Func<TChild, TRow, bool> same, Func<TRow, TChild> create, Action<TChild, TRow, int> apply)
        where TChild : class
    {
        var existing = children.ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var child = existing.FirstOrDefault(c => same(c, row));
            if (child is null)
            {
                child = create(row);
                db.Add(child);
            }
            apply(child, row, i);
        }
    }
}
