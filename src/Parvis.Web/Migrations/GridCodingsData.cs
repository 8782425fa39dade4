using Microsoft.EntityFrameworkCore.Migrations;

namespace Parvis.Web.Migrations;

/// <summary>
/// Before a cell holds each contribution or synthesis item once: codings stored twice by a double press keep their
/// first (the lowest id), on either provider.
/// </summary>
internal static class GridCodingsData
{
    public static void KeepFirst(MigrationBuilder migrationBuilder)
    {
        foreach (var subject in new[] { "ContributionId", "SynthesisItemId" })
        {
            migrationBuilder.Sql($"""
                DELETE FROM kernel_grid_codings
                WHERE "{subject}" IS NOT NULL AND EXISTS (
                    SELECT 1 FROM kernel_grid_codings o
                    WHERE o."GridId" = kernel_grid_codings."GridId" AND o."RowEntryId" = kernel_grid_codings."RowEntryId"
                        AND o."ColumnEntryId" = kernel_grid_codings."ColumnEntryId" AND o."{subject}" = kernel_grid_codings."{subject}"
                        AND o."Id" < kernel_grid_codings."Id")
                """);
        }
    }
}
