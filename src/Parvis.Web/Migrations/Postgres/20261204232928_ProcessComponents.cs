using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProcessComponents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Switches",
                table: "kernel_phases",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "kernel_components",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Module = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Switches = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_components", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_components_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_components_ProcessId_Module",
                table: "kernel_components",
                columns: new[] { "ProcessId", "Module" },
                unique: true);

            // Existing processes keep what they had: see ProcessComponentsData.
            foreach (var statement in ProcessComponentsData.Up("gen_random_uuid()", "TRUE"))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropColumn(
                name: "CommentsAwaitFate",
                table: "kernel_processes");

            migrationBuilder.DropColumn(
                name: "CommentsOpen",
                table: "kernel_phases");

            migrationBuilder.DropColumn(
                name: "ProposalsOpen",
                table: "kernel_phases");

            migrationBuilder.DropColumn(
                name: "SupportsOpen",
                table: "kernel_phases");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CommentsAwaitFate",
                table: "kernel_processes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "CommentsOpen",
                table: "kernel_phases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ProposalsOpen",
                table: "kernel_phases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SupportsOpen",
                table: "kernel_phases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            foreach (var statement in ProcessComponentsData.Down())
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "kernel_components");

            migrationBuilder.DropColumn(
                name: "Switches",
                table: "kernel_phases");
        }
    }
}
