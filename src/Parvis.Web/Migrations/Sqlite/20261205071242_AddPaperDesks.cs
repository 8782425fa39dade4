using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPaperDesks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DeskId",
                table: "votes_register",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdentityKey",
                table: "votes_register",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "votes_desks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    CountedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_desks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_desks_votes_votes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "votes_votes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_paper_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sheet = table.Column<int>(type: "INTEGER", nullable: false),
                    Pass = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Spoiled = table.Column<bool>(type: "INTEGER", nullable: false),
                    TypedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_paper_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_paper_entries_kernel_people_TypedBy",
                        column: x => x.TypedBy,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_votes_paper_entries_votes_desks_DeskId",
                        column: x => x.DeskId,
                        principalTable: "votes_desks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_DeskId",
                table: "votes_register",
                column: "DeskId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_IdentityKey",
                table: "votes_register",
                columns: new[] { "VoteId", "IdentityKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_desks_VoteId_Name",
                table: "votes_desks",
                columns: new[] { "VoteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_paper_entries_DeskId_Sheet_Pass",
                table: "votes_paper_entries",
                columns: new[] { "DeskId", "Sheet", "Pass" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_paper_entries_TypedBy",
                table: "votes_paper_entries",
                column: "TypedBy");

            migrationBuilder.AddForeignKey(
                name: "FK_votes_register_votes_desks_DeskId",
                table: "votes_register",
                column: "DeskId",
                principalTable: "votes_desks",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_votes_register_votes_desks_DeskId",
                table: "votes_register");

            migrationBuilder.DropTable(
                name: "votes_paper_entries");

            migrationBuilder.DropTable(
                name: "votes_desks");

            migrationBuilder.DropIndex(
                name: "IX_votes_register_DeskId",
                table: "votes_register");

            migrationBuilder.DropIndex(
                name: "IX_votes_register_VoteId_IdentityKey",
                table: "votes_register");

            migrationBuilder.DropColumn(
                name: "DeskId",
                table: "votes_register");

            migrationBuilder.DropColumn(
                name: "IdentityKey",
                table: "votes_register");
        }
    }
}
