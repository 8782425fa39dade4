using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContributionFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A person flagging a contribution is a flag; the council's document is the report.
            migrationBuilder.RenameTable(
                name: "kernel_contribution_reports",
                newName: "kernel_contribution_flags");

            migrationBuilder.RenameColumn(
                name: "ReporterId",
                table: "kernel_contribution_flags",
                newName: "FlaggedById");

            migrationBuilder.RenameIndex(
                name: "IX_kernel_contribution_reports_ContributionId",
                table: "kernel_contribution_flags",
                newName: "IX_kernel_contribution_flags_ContributionId");

            migrationBuilder.RenameIndex(
                name: "IX_kernel_contribution_reports_OrganisationId_ResolvedAt",
                table: "kernel_contribution_flags",
                newName: "IX_kernel_contribution_flags_OrganisationId_ResolvedAt");

            migrationBuilder.RenameIndex(
                name: "IX_kernel_contribution_reports_ReporterId",
                table: "kernel_contribution_flags",
                newName: "IX_kernel_contribution_flags_FlaggedById");

            // Constraints keep their names through a rename: given the names the model now expects.

            migrationBuilder.Sql("""ALTER TABLE kernel_contribution_flags RENAME CONSTRAINT "PK_kernel_contribution_reports" TO "PK_kernel_contribution_flags";""");

            migrationBuilder.Sql("""ALTER TABLE kernel_contribution_flags RENAME CONSTRAINT "FK_kernel_contribution_reports_kernel_contributions_Contributi~" TO "FK_kernel_contribution_flags_kernel_contributions_Contribution~";""");

            migrationBuilder.Sql("""ALTER TABLE kernel_contribution_flags RENAME CONSTRAINT "FK_kernel_contribution_reports_kernel_people_ReporterId" TO "FK_kernel_contribution_flags_kernel_people_FlaggedById";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(
                name: "kernel_contribution_flags",
                newName: "kernel_contribution_reports");

            migrationBuilder.RenameColumn(
                name: "FlaggedById",
                table: "kernel_contribution_reports",
                newName: "ReporterId");

            migrationBuilder.RenameIndex(
                name: "IX_kernel_contribution_flags_ContributionId",
                table: "kernel_contribution_reports",
                newName: "IX_kernel_contribution_reports_ContributionId");

            migrationBuilder.RenameIndex(
                name: "IX_kernel_contribution_flags_OrganisationId_ResolvedAt",
                table: "kernel_contribution_reports",
                newName: "IX_kernel_contribution_reports_OrganisationId_ResolvedAt");

            migrationBuilder.RenameIndex(
                name: "IX_kernel_contribution_flags_FlaggedById",
                table: "kernel_contribution_reports",
                newName: "IX_kernel_contribution_reports_ReporterId");

            // Constraints keep their names through a rename: given the names the model now expects.

            migrationBuilder.Sql("""ALTER TABLE kernel_contribution_reports RENAME CONSTRAINT "PK_kernel_contribution_flags" TO "PK_kernel_contribution_reports";""");

            migrationBuilder.Sql("""ALTER TABLE kernel_contribution_reports RENAME CONSTRAINT "FK_kernel_contribution_flags_kernel_contributions_Contribution~" TO "FK_kernel_contribution_reports_kernel_contributions_Contributi~";""");

            migrationBuilder.Sql("""ALTER TABLE kernel_contribution_reports RENAME CONSTRAINT "FK_kernel_contribution_flags_kernel_people_FlaggedById" TO "FK_kernel_contribution_reports_kernel_people_ReporterId";""");
        }
    }
}
