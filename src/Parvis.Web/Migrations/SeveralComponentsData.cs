namespace Parvis.Web.Migrations;

/// <summary>
/// What the SeveralComponents migration does to existing data, on either provider: meetings, questions and opinion
/// maps belong to their process's component of their module (one is added, switched off, where a process had content
/// without one), and each phase switch names its component. At that point of the history every phase switch is a
/// proposals one. The SQL is the same on both but for a new identifier, the literal "false" and a component's id as text.
/// </summary>
internal static class SeveralComponentsData
{
    /// <summary>Each table that gains the column, its module, and how a row finds its process.</summary>
    private static readonly (string Table, string Module, string ProcessId)[] _contents =
    [
        ("opinionmaps_maps", "opinion-maps", "opinionmaps_maps.\"ProcessId\""),
        ("meetings_meetings", "meetings", "meetings_meetings.\"ProcessId\""),
        ("meetings_questions", "meetings", "(SELECT k.\"ProcessId\" FROM kernel_contributions k WHERE k.\"Id\" = meetings_questions.\"Id\")"),
    ];

    /// <param name="newId">A new identifier.</param>
    /// <param name="no">The literal false.</param>
    /// <param name="idText">Component c's id as the model writes it in text (lower case, with dashes).</param>
    public static IEnumerable<string> Up(string newId, string no, string idText)
    {
        foreach (var (table, module, processId) in _contents)
        {
            yield return $"""
                INSERT INTO kernel_components ("Id", "ProcessId", "Module", "Title", "Position", "Enabled", "Switches")
                SELECT {newId}, p."Id", '{module}', '', (SELECT COALESCE(MAX(o."Position"), 0) + 1 FROM kernel_components o WHERE o."ProcessId" = p."Id"), {no}, ''
                FROM kernel_processes p
                WHERE EXISTS (SELECT 1 FROM {table} WHERE {processId} = p."Id")
                    AND NOT EXISTS (SELECT 1 FROM kernel_components c WHERE c."ProcessId" = p."Id" AND c."Module" = '{module}');
                """;
            yield return $"""
                UPDATE {table} SET "ComponentId" = (SELECT c."Id" FROM kernel_components c WHERE c."ProcessId" = {processId} AND c."Module" = '{module}');
                """;
        }
        yield return $"""
            UPDATE kernel_phases SET "Switches" = COALESCE((SELECT replace(kernel_phases."Switches", ' ', '/' || {idText} || ' ') || '/' || {idText}
                FROM kernel_components c WHERE c."ProcessId" = kernel_phases."ProcessId" AND c."Module" = 'proposals'), '')
            WHERE "Switches" <> '';
            """;
    }

    /// <summary>Before the columns go: the phase switches lose their component.</summary>
    public static IEnumerable<string> DownSwitches(string idText) =>
    [
        $"""
        UPDATE kernel_phases SET "Switches" = COALESCE((SELECT replace(kernel_phases."Switches", '/' || {idText}, '')
            FROM kernel_components c WHERE c."ProcessId" = kernel_phases."ProcessId" AND c."Module" = 'proposals'), '')
        WHERE "Switches" <> '';
        """,
    ];

    /// <summary>
    /// Before a module is again unique in a process: only one component of each module stays, the first in use (or the
    /// first, if none is), so the process keeps using the module.
    /// </summary>
    public static IEnumerable<string> DownComponents() =>
    [
        """
        DELETE FROM kernel_components WHERE EXISTS (SELECT 1 FROM kernel_components o
            WHERE o."ProcessId" = kernel_components."ProcessId" AND o."Module" = kernel_components."Module"
                AND (o."Enabled" > kernel_components."Enabled" OR (o."Enabled" = kernel_components."Enabled" AND o."Position" < kernel_components."Position")));
        """,
    ];
}
