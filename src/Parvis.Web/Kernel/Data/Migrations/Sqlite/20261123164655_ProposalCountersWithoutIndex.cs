using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Sqlite
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_proposals_proposals_SupportCount",
                table: "proposals_proposals",
                column: "SupportCount");
        }
    }
}
