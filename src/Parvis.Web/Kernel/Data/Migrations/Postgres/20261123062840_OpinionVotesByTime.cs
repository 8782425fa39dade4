using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpinionVotesByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_opinionmaps_votes_OpinionMapId",
                table: "opinionmaps_votes");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_votes_OpinionMapId_CastAt",
                table: "opinionmaps_votes",
                columns: new[] { "OpinionMapId", "CastAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_opinionmaps_votes_OpinionMapId_CastAt",
                table: "opinionmaps_votes");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_votes_OpinionMapId",
                table: "opinionmaps_votes",
                column: "OpinionMapId");
        }
    }
}
