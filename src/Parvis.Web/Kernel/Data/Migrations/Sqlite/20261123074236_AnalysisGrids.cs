using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalysisGrids : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kernel_frameworks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_frameworks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_frameworks_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_analysis_grids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RowFrameworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ColumnFrameworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_analysis_grids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_analysis_grids_kernel_frameworks_ColumnFrameworkId",
                        column: x => x.ColumnFrameworkId,
                        principalTable: "kernel_frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_analysis_grids_kernel_frameworks_RowFrameworkId",
                        column: x => x.RowFrameworkId,
                        principalTable: "kernel_frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_analysis_grids_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_framework_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FrameworkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_framework_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_framework_entries_kernel_frameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "kernel_frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_grid_codings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GridId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowEntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ColumnEntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sign = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContributionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SynthesisItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CodedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_grid_codings", x => x.Id);
                    table.CheckConstraint("ck_grid_codings_one_subject", "(\"ContributionId\" IS NULL) <> (\"SynthesisItemId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_analysis_grids_GridId",
                        column: x => x.GridId,
                        principalTable: "kernel_analysis_grids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_framework_entries_ColumnEntryId",
                        column: x => x.ColumnEntryId,
                        principalTable: "kernel_framework_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_framework_entries_RowEntryId",
                        column: x => x.RowEntryId,
                        principalTable: "kernel_framework_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_kernel_grid_codings_kernel_synthesis_items_SynthesisItemId",
                        column: x => x.SynthesisItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_analysis_grids_ColumnFrameworkId",
                table: "kernel_analysis_grids",
                column: "ColumnFrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_analysis_grids_ProcessId",
                table: "kernel_analysis_grids",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_analysis_grids_RowFrameworkId",
                table: "kernel_analysis_grids",
                column: "RowFrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_framework_entries_FrameworkId_Code",
                table: "kernel_framework_entries",
                columns: new[] { "FrameworkId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_frameworks_OrganisationId_Key",
                table: "kernel_frameworks",
                columns: new[] { "OrganisationId", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_ColumnEntryId",
                table: "kernel_grid_codings",
                column: "ColumnEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_ContributionId",
                table: "kernel_grid_codings",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_GridId_RowEntryId_ColumnEntryId",
                table: "kernel_grid_codings",
                columns: new[] { "GridId", "RowEntryId", "ColumnEntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_RowEntryId",
                table: "kernel_grid_codings",
                column: "RowEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_grid_codings_SynthesisItemId",
                table: "kernel_grid_codings",
                column: "SynthesisItemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_grid_codings");

            migrationBuilder.DropTable(
                name: "kernel_analysis_grids");

            migrationBuilder.DropTable(
                name: "kernel_framework_entries");

            migrationBuilder.DropTable(
                name: "kernel_frameworks");
        }
    }
}
