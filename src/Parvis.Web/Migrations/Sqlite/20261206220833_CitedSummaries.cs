using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CitedSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kernel_summaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 6000, nullable: false),
                    Draft = table.Column<string>(type: "TEXT", maxLength: 6000, nullable: false),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SynthesisItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_summaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_summaries_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_summaries_kernel_synthesis_items_SynthesisItemId",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_summary_citations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SummaryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ContributionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sentence = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_summary_citations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_summary_citations_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_summary_citations_kernel_summaries_SummaryId",
                        column: x => x.SummaryId,
                        principalTable: "kernel_summaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_summary_echoes",
                columns: table => new
                {
                    CitationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContributionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_summary_echoes", x => new { x.CitationId, x.ContributionId });
                    table.ForeignKey(
                        name: "FK_kernel_summary_echoes_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_summary_echoes_kernel_summary_citations_CitationId",
                        column: x => x.CitationId,
                        principalTable: "kernel_summary_citations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_summaries_ProcessId_CreatedAt",
                table: "kernel_summaries",
                columns: new[] { "ProcessId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_summaries_SynthesisItemId",
                table: "kernel_summaries",
                column: "SynthesisItemId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_summary_citations_ContributionId",
                table: "kernel_summary_citations",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_summary_citations_SummaryId_Number",
                table: "kernel_summary_citations",
                columns: new[] { "SummaryId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_summary_echoes_ContributionId",
                table: "kernel_summary_echoes",
                column: "ContributionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_summary_echoes");

            migrationBuilder.DropTable(
                name: "kernel_summary_citations");

            migrationBuilder.DropTable(
                name: "kernel_summaries");
        }
    }
}
