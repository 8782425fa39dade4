using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddVoteEligibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BodyId",
                table: "votes_votes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Electorate",
                table: "votes_votes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "MinimumAge",
                table: "votes_votes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Territory",
                table: "votes_votes",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "votes_bodies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    ComponentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_bodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_bodies_kernel_components_ComponentId",
                        column: x => x.ComponentId,
                        principalTable: "kernel_components",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_votes_bodies_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_body_members",
                columns: table => new
                {
                    BodyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_body_members", x => new { x.BodyId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_votes_body_members_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_votes_body_members_votes_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "votes_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_votes_votes_BodyId",
                table: "votes_votes",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_bodies_ComponentId_Name",
                table: "votes_bodies",
                columns: new[] { "ComponentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_bodies_ProcessId",
                table: "votes_bodies",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_body_members_PersonId",
                table: "votes_body_members",
                column: "PersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_votes_votes_votes_bodies_BodyId",
                table: "votes_votes",
                column: "BodyId",
                principalTable: "votes_bodies",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_votes_votes_votes_bodies_BodyId",
                table: "votes_votes");

            migrationBuilder.DropTable(
                name: "votes_body_members");

            migrationBuilder.DropTable(
                name: "votes_bodies");

            migrationBuilder.DropIndex(
                name: "IX_votes_votes_BodyId",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "BodyId",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "Electorate",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "MinimumAge",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "Territory",
                table: "votes_votes");
        }
    }
}
