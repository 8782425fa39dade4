using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Workshops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "kernel_contributions",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "workshops_workshops",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    JoinCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    CurrentTimeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TimeStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_workshops", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_workshops_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FacilitatorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_groups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_groups_kernel_people_FacilitatorId",
                        column: x => x.FacilitatorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_workshops_groups_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_workshops_groups_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_times",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Instructions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Output = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MinItems = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxItems = table.Column<int>(type: "INTEGER", nullable: true),
                    Gathered = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_times", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_times_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Carried = table.Column<bool>(type: "INTEGER", nullable: false),
                    MergedIntoId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResourceStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_items_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_workshops_items_workshops_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "workshops_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_workshops_items_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_groups_FacilitatorId",
                table: "workshops_groups",
                column: "FacilitatorId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_groups_ThemeId",
                table: "workshops_groups",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_groups_WorkshopId",
                table: "workshops_groups",
                column: "WorkshopId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_items_GroupId",
                table: "workshops_items",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_items_ParentId",
                table: "workshops_items",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_items_WorkshopId_GroupId",
                table: "workshops_items",
                columns: new[] { "WorkshopId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_times_WorkshopId",
                table: "workshops_times",
                column: "WorkshopId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_workshops_JoinCode",
                table: "workshops_workshops",
                column: "JoinCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workshops_workshops_ProcessId",
                table: "workshops_workshops",
                column: "ProcessId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workshops_items");

            migrationBuilder.DropTable(
                name: "workshops_times");

            migrationBuilder.DropTable(
                name: "workshops_groups");

            migrationBuilder.DropTable(
                name: "workshops_workshops");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "kernel_contributions");
        }
    }
}
