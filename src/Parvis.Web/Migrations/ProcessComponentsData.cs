namespace Parvis.Web.Migrations;

/// <summary>
/// What the ProcessComponents migration does to existing data, on either provider: each process gets the components
/// it has content for (or whose switches it had on), and the proposal switches move from the phase's own columns to
/// the phase's switches. The SQL is the same on both but for a new identifier and the literal "true".
/// </summary>
internal static class ProcessComponentsData
{
    /// <summary>Each module with the condition, on process p, that makes an existing process use it (proposals and questions are contributions: their process is there).</summary>
    private static readonly (string Module, string Uses)[] _modules =
    [
        ("proposals", """
            p."CommentsAwaitFate"
            OR EXISTS (SELECT 1 FROM proposals_proposals x JOIN kernel_contributions c ON c."Id" = x."Id" WHERE c."ProcessId" = p."Id")
            OR EXISTS (SELECT 1 FROM kernel_phases f WHERE f."ProcessId" = p."Id" AND (f."ProposalsOpen" OR f."SupportsOpen" OR f."CommentsOpen"))
            """),
        ("opinion-maps", """EXISTS (SELECT 1 FROM opinionmaps_maps x WHERE x."ProcessId" = p."Id")"""),
        ("workshops", """EXISTS (SELECT 1 FROM workshops_workshops x WHERE x."ProcessId" = p."Id")"""),
        ("meetings", """
            EXISTS (SELECT 1 FROM meetings_meetings x WHERE x."ProcessId" = p."Id")
            OR EXISTS (SELECT 1 FROM meetings_questions x JOIN kernel_contributions c ON c."Id" = x."Id" WHERE c."ProcessId" = p."Id")
            """),
    ];

    public static IEnumerable<string> Up(string newId, string yes)
    {
        foreach (var (module, position) in _modules.Select((m, i) => (m, i + 1)))
        {
            var switches = module.Module == "proposals" ? """CASE WHEN p."CommentsAwaitFate" THEN 'proposals.comments-await-fate' ELSE '' END""" : "''";
            yield return $"""
                INSERT INTO kernel_components ("Id", "ProcessId", "Module", "Title", "Position", "Enabled", "Switches")
                SELECT {newId}, p."Id", '{module.Module}', '', {position}, {yes}, {switches}
                FROM kernel_processes p WHERE {module.Uses};
                """;
        }
        // Keys in order, space-separated, as the model writes them.
        yield return """
            UPDATE kernel_phases SET "Switches" = trim(
                (CASE WHEN "CommentsOpen" THEN 'proposals.commenting ' ELSE '' END) ||
                (CASE WHEN "ProposalsOpen" THEN 'proposals.proposing ' ELSE '' END) ||
                (CASE WHEN "SupportsOpen" THEN 'proposals.supporting' ELSE '' END));
            """;
    }

    public static IEnumerable<string> Down() =>
    [
        """
        UPDATE kernel_phases SET
            "ProposalsOpen" = (' ' || "Switches" || ' ') LIKE '% proposals.proposing %',
            "SupportsOpen" = (' ' || "Switches" || ' ') LIKE '% proposals.supporting %',
            "CommentsOpen" = (' ' || "Switches" || ' ') LIKE '% proposals.commenting %';
        """,
        """
        UPDATE kernel_processes SET "CommentsAwaitFate" = EXISTS (SELECT 1 FROM kernel_components c
            WHERE c."ProcessId" = kernel_processes."Id" AND c."Module" = 'proposals' AND c."Switches" LIKE '%proposals.comments-await-fate%');
        """,
    ];
}
