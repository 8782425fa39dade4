using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Accountability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "kernel_processes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ClosedWithoutFate",
                table: "kernel_processes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClosingNote",
                table: "kernel_processes",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CommentsAwaitFate",
                table: "kernel_processes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "kernel_contributions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                // Every contribution so far came in online.
                defaultValue: "Online");

            migrationBuilder.AddColumn<string>(
                name: "Fate",
                table: "kernel_contributions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FateDecidedAt",
                table: "kernel_contributions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "kernel_synthesis_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_synthesis_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_items_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_fate_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Fate = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SynthesisItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    AnalystId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_fate_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_fate_decisions_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_fate_decisions_kernel_contributions_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_kernel_fate_decisions_kernel_people_AnalystId",
                        column: x => x.AnalystId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_kernel_fate_decisions_kernel_synthesis_items_SynthesisItemId",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "kernel_synthesis_links",
                columns: table => new
                {
                    SynthesisItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_synthesis_links", x => new { x.SynthesisItemId, x.ContributionId });
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_links_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_links_kernel_synthesis_items_SynthesisItem~",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_contributions_ProcessId_Fate",
                table: "kernel_contributions",
                columns: new[] { "ProcessId", "Fate" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_fate_decisions_AnalystId",
                table: "kernel_fate_decisions",
                column: "AnalystId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_fate_decisions_ContributionId_DecidedAt",
                table: "kernel_fate_decisions",
                columns: new[] { "ContributionId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_fate_decisions_MergedIntoId",
                table: "kernel_fate_decisions",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_fate_decisions_SynthesisItemId",
                table: "kernel_fate_decisions",
                column: "SynthesisItemId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_items_ProcessId_Kind_Position",
                table: "kernel_synthesis_items",
                columns: new[] { "ProcessId", "Kind", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_links_ContributionId",
                table: "kernel_synthesis_links",
                column: "ContributionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_fate_decisions");

            migrationBuilder.DropTable(
                name: "kernel_synthesis_links");

            migrationBuilder.DropTable(
                name: "kernel_synthesis_items");

            migrationBuilder.DropIndex(
                name: "IX_kernel_contributions_ProcessId_Fate",
                table: "kernel_contributions");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "kernel_processes");

            migrationBuilder.DropColumn(
                name: "ClosedWithoutFate",
                table: "kernel_processes");

            migrationBuilder.DropColumn(
                name: "ClosingNote",
                table: "kernel_processes");

            migrationBuilder.DropColumn(
                name: "CommentsAwaitFate",
                table: "kernel_processes");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "kernel_contributions");

            migrationBuilder.DropColumn(
                name: "Fate",
                table: "kernel_contributions");

            migrationBuilder.DropColumn(
                name: "FateDecidedAt",
                table: "kernel_contributions");
        }
    }
}
