using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpinionMaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "opinionmaps_maps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    PhaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Question = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PreModeration = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Result = table.Column<string>(type: "text", nullable: true),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinionmaps_maps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opinionmaps_maps_kernel_phases_PhaseId",
                        column: x => x.PhaseId,
                        principalTable: "kernel_phases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_opinionmaps_maps_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opinionmaps_participants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpinionMapId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinionmaps_participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opinionmaps_participants_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_opinionmaps_participants_opinionmaps_maps_OpinionMapId",
                        column: x => x.OpinionMapId,
                        principalTable: "opinionmaps_maps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opinionmaps_statements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpinionMapId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ImportedAuthor = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinionmaps_statements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opinionmaps_statements_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_opinionmaps_statements_opinionmaps_maps_OpinionMapId",
                        column: x => x.OpinionMapId,
                        principalTable: "opinionmaps_maps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opinionmaps_votes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpinionMapId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    CastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinionmaps_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opinionmaps_votes_opinionmaps_maps_OpinionMapId",
                        column: x => x.OpinionMapId,
                        principalTable: "opinionmaps_maps",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_opinionmaps_votes_opinionmaps_participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "opinionmaps_participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_opinionmaps_votes_opinionmaps_statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "opinionmaps_statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_maps_PhaseId",
                table: "opinionmaps_maps",
                column: "PhaseId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_maps_ProcessId",
                table: "opinionmaps_maps",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_participants_OpinionMapId_Number",
                table: "opinionmaps_participants",
                columns: new[] { "OpinionMapId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_participants_OpinionMapId_PersonId",
                table: "opinionmaps_participants",
                columns: new[] { "OpinionMapId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_participants_PersonId",
                table: "opinionmaps_participants",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_statements_OpinionMapId_Number",
                table: "opinionmaps_statements",
                columns: new[] { "OpinionMapId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_votes_OpinionMapId",
                table: "opinionmaps_votes",
                column: "OpinionMapId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_votes_ParticipantId",
                table: "opinionmaps_votes",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_votes_StatementId_ParticipantId",
                table: "opinionmaps_votes",
                columns: new[] { "StatementId", "ParticipantId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "opinionmaps_votes");

            migrationBuilder.DropTable(
                name: "opinionmaps_participants");

            migrationBuilder.DropTable(
                name: "opinionmaps_statements");

            migrationBuilder.DropTable(
                name: "opinionmaps_maps");
        }
    }
}
