using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddLifelongElection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_votes_register_VoteId_IdentityKey",
                table: "votes_register");

            migrationBuilder.DropIndex(
                name: "IX_votes_register_VoteId_PersonId",
                table: "votes_register");

            migrationBuilder.AddColumn<bool>(
                name: "Lifelong",
                table: "votes_votes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "votes_register",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_IdentityKey_Round",
                table: "votes_register",
                columns: new[] { "VoteId", "IdentityKey", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_PersonId_Round",
                table: "votes_register",
                columns: new[] { "VoteId", "PersonId", "Round" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_votes_register_VoteId_IdentityKey_Round",
                table: "votes_register");

            migrationBuilder.DropIndex(
                name: "IX_votes_register_VoteId_PersonId_Round",
                table: "votes_register");

            migrationBuilder.DropColumn(
                name: "Lifelong",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "votes_register");

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_IdentityKey",
                table: "votes_register",
                columns: new[] { "VoteId", "IdentityKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_PersonId",
                table: "votes_register",
                columns: new[] { "VoteId", "PersonId" },
                unique: true);
        }
    }
}
