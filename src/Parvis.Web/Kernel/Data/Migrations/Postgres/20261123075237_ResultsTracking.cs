using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ResultsTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LastUpdateOn",
                table: "kernel_synthesis_items",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Progress",
                table: "kernel_synthesis_items",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ResponsibleBody",
                table: "kernel_synthesis_items",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "kernel_synthesis_items",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                // Items written so far have not started.
                defaultValue: "NotStarted");

            migrationBuilder.CreateTable(
                name: "kernel_result_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    SynthesisItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Progress = table.Column<int>(type: "integer", nullable: false),
                    ResponsibleBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_result_updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_result_updates_kernel_people_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_kernel_result_updates_kernel_synthesis_items_SynthesisItemId",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_result_updates_AuthorId",
                table: "kernel_result_updates",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_result_updates_SynthesisItemId_On",
                table: "kernel_result_updates",
                columns: new[] { "SynthesisItemId", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_result_updates");

            migrationBuilder.DropColumn(
                name: "LastUpdateOn",
                table: "kernel_synthesis_items");

            migrationBuilder.DropColumn(
                name: "Progress",
                table: "kernel_synthesis_items");

            migrationBuilder.DropColumn(
                name: "ResponsibleBody",
                table: "kernel_synthesis_items");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "kernel_synthesis_items");
        }
    }
}
