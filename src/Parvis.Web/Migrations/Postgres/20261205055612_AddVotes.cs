using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddVotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "votes_votes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    ComponentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Question = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Secret = table.Column<bool>(type: "boolean", nullable: false),
                    Budget = table.Column<long>(type: "bigint", nullable: true),
                    BudgetCount = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MinProjects = table.Column<int>(type: "integer", nullable: true),
                    MaxProjects = table.Column<int>(type: "integer", nullable: true),
                    MinSharePercent = table.Column<int>(type: "integer", nullable: false),
                    ResultsBeforeClose = table.Column<bool>(type: "boolean", nullable: false),
                    TieBreak = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_votes_kernel_components_ComponentId",
                        column: x => x.ComponentId,
                        principalTable: "kernel_components",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_votes_votes_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_ballots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Content = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_ballots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_ballots_votes_votes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "votes_votes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_envelopes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Content = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_envelopes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_envelopes_votes_votes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "votes_votes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_options",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Cost = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_options", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_options_votes_votes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "votes_votes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_register",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VoteId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    NamedBallot = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_register", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_register_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_votes_register_votes_votes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "votes_votes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_votes_ballots_VoteId",
                table: "votes_ballots",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_envelopes_VoteId",
                table: "votes_envelopes",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_options_VoteId_Position",
                table: "votes_options",
                columns: new[] { "VoteId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_PersonId",
                table: "votes_register",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_PersonId",
                table: "votes_register",
                columns: new[] { "VoteId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_votes_ComponentId",
                table: "votes_votes",
                column: "ComponentId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_votes_ProcessId",
                table: "votes_votes",
                column: "ProcessId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "votes_ballots");

            migrationBuilder.DropTable(
                name: "votes_envelopes");

            migrationBuilder.DropTable(
                name: "votes_options");

            migrationBuilder.DropTable(
                name: "votes_register");

            migrationBuilder.DropTable(
                name: "votes_votes");
        }
    }
}
