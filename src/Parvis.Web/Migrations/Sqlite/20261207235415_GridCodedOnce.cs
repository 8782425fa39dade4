using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GridCodedOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            GridCodingsData.KeepFirst(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "ux_grid_codings_contribution",
                table: "kernel_grid_codings",
                columns: new[] { "GridId", "RowEntryId", "ColumnEntryId", "ContributionId" },
                unique: true,
                filter: "\"ContributionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_grid_codings_synthesis_item",
                table: "kernel_grid_codings",
                columns: new[] { "GridId", "RowEntryId", "ColumnEntryId", "SynthesisItemId" },
                unique: true,
                filter: "\"SynthesisItemId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_grid_codings_contribution",
                table: "kernel_grid_codings");

            migrationBuilder.DropIndex(
                name: "ux_grid_codings_synthesis_item",
                table: "kernel_grid_codings");
        }
    }
}
