using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddBudgetProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ProjectId",
                table: "votes_options",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "votes_budget_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_budget_areas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_budget_areas_kernel_components_ComponentId",
                        column: x => x.ComponentId,
                        principalTable: "kernel_components",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_votes_budget_areas_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_projects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Review = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Cost = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_projects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_projects_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_votes_projects_votes_budget_areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "votes_budget_areas",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_votes_options_ProjectId",
                table: "votes_options",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_budget_areas_ComponentId_Name",
                table: "votes_budget_areas",
                columns: new[] { "ComponentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_budget_areas_ProcessId",
                table: "votes_budget_areas",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_projects_AreaId_Review",
                table: "votes_projects",
                columns: new[] { "AreaId", "Review" });

            migrationBuilder.CreateIndex(
                name: "IX_votes_projects_ComponentId",
                table: "votes_projects",
                column: "ComponentId");

            migrationBuilder.AddForeignKey(
                name: "FK_votes_options_votes_projects_ProjectId",
                table: "votes_options",
                column: "ProjectId",
                principalTable: "votes_projects",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_votes_options_votes_projects_ProjectId",
                table: "votes_options");

            migrationBuilder.DropTable(
                name: "votes_projects");

            migrationBuilder.DropTable(
                name: "votes_budget_areas");

            migrationBuilder.DropIndex(
                name: "IX_votes_options_ProjectId",
                table: "votes_options");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "votes_options");
        }
    }
}
