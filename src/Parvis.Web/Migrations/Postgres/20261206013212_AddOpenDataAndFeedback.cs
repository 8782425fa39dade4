using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddOpenDataAndFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "meetings_sites",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "meetings_sites",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DataLicence",
                table: "kernel_organisations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "etalab-2.0");

            migrationBuilder.AddColumn<byte[]>(
                name: "OpenDataKey",
                table: "kernel_organisations",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "kernel_phase_feedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    PhaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Clear = table.Column<int>(type: "integer", nullable: false),
                    Fair = table.Column<int>(type: "integer", nullable: false),
                    Useful = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_phase_feedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_phase_feedback_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_phase_feedback_kernel_phases_PhaseId",
                        column: x => x.PhaseId,
                        principalTable: "kernel_phases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_phase_feedback_PersonId",
                table: "kernel_phase_feedback",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_phase_feedback_PhaseId_PersonId",
                table: "kernel_phase_feedback",
                columns: new[] { "PhaseId", "PersonId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_phase_feedback");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "meetings_sites");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "meetings_sites");

            migrationBuilder.DropColumn(
                name: "DataLicence",
                table: "kernel_organisations");

            migrationBuilder.DropColumn(
                name: "OpenDataKey",
                table: "kernel_organisations");
        }
    }
}
