namespace Parvis.Web.Kernel.Data;

/// <summary>Patterns for EF.Functions.Like that find text as typed, whatever it holds.</summary>
public static class LikePatterns
{
    /// <summary>The escape character the patterns use, to pass to EF.Functions.Like.</summary>
    public const string Escape = @"\";

    /// <summary>
    /// Any text holding <paramref name="text"/>, in lower case: compare it with a lower-cased column, since SQLite's LIKE
    /// ignores the case of A to Z only and PostgreSQL's not at all (SQLite's lower() is <see cref="SqliteLowerCase"/>'s).
    /// % and _ typed by someone are taken as themselves.
    /// </summary>
    public static string Containing(string text) =>
        "%" + text.Trim().ToLowerInvariant().Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal).Replace("_", Escape + "_", StringComparison.Ordinal) + "%";
}
