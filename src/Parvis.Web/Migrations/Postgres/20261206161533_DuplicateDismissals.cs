using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DuplicateDismissals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kernel_duplicate_dismissals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstId = table.Column<Guid>(type: "uuid", nullable: false),
                    SecondId = table.Column<Guid>(type: "uuid", nullable: false),
                    DismissedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_duplicate_dismissals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_duplicate_dismissals_kernel_contributions_FirstId",
                        column: x => x.FirstId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_duplicate_dismissals_kernel_contributions_SecondId",
                        column: x => x.SecondId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_duplicate_dismissals_FirstId_SecondId",
                table: "kernel_duplicate_dismissals",
                columns: new[] { "FirstId", "SecondId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_duplicate_dismissals_ProcessId",
                table: "kernel_duplicate_dismissals",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_duplicate_dismissals_SecondId",
                table: "kernel_duplicate_dismissals",
                column: "SecondId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_duplicate_dismissals");
        }
    }
}
