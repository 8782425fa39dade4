using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProposalCountersWithoutIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_proposals_proposals_SupportCount",
                table: "proposals_proposals");

            migrationBuilder.AlterTable(
                name: "proposals_proposals")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "proposals_proposals")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "IX_proposals_proposals_SupportCount",
                table: "proposals_proposals",
                column: "SupportCount");
        }
    }
}
