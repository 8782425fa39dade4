using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SeveralComponents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_kernel_components_ProcessId_Module",
                table: "kernel_components");

            migrationBuilder.AddColumn<Guid>(
                name: "ComponentId",
                table: "opinionmaps_maps",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "ComponentId",
                table: "meetings_questions",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "ComponentId",
                table: "meetings_meetings",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "IX_opinionmaps_maps_ComponentId",
                table: "opinionmaps_maps",
                column: "ComponentId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_ComponentId",
                table: "meetings_questions",
                column: "ComponentId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_meetings_ComponentId",
                table: "meetings_meetings",
                column: "ComponentId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_components_ProcessId_Module",
                table: "kernel_components",
                columns: new[] { "ProcessId", "Module" });

            // Existing content joins its process's component: see SeveralComponentsData.
            foreach (var statement in SeveralComponentsData.Up("upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))", "0", "lower(c.\"Id\")"))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.AddForeignKey(
                name: "FK_meetings_meetings_kernel_components_ComponentId",
                table: "meetings_meetings",
                column: "ComponentId",
                principalTable: "kernel_components",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_meetings_questions_kernel_components_ComponentId",
                table: "meetings_questions",
                column: "ComponentId",
                principalTable: "kernel_components",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_opinionmaps_maps_kernel_components_ComponentId",
                table: "opinionmaps_maps",
                column: "ComponentId",
                principalTable: "kernel_components",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in SeveralComponentsData.DownSwitches("lower(c.\"Id\")"))
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropForeignKey(
                name: "FK_meetings_meetings_kernel_components_ComponentId",
                table: "meetings_meetings");

            migrationBuilder.DropForeignKey(
                name: "FK_meetings_questions_kernel_components_ComponentId",
                table: "meetings_questions");

            migrationBuilder.DropForeignKey(
                name: "FK_opinionmaps_maps_kernel_components_ComponentId",
                table: "opinionmaps_maps");

            migrationBuilder.DropIndex(
                name: "IX_opinionmaps_maps_ComponentId",
                table: "opinionmaps_maps");

            migrationBuilder.DropIndex(
                name: "IX_meetings_questions_ComponentId",
                table: "meetings_questions");

            migrationBuilder.DropIndex(
                name: "IX_meetings_meetings_ComponentId",
                table: "meetings_meetings");

            migrationBuilder.DropIndex(
                name: "IX_kernel_components_ProcessId_Module",
                table: "kernel_components");

            migrationBuilder.DropColumn(
                name: "ComponentId",
                table: "opinionmaps_maps");

            migrationBuilder.DropColumn(
                name: "ComponentId",
                table: "meetings_questions");

            migrationBuilder.DropColumn(
                name: "ComponentId",
                table: "meetings_meetings");

            foreach (var statement in SeveralComponentsData.DownComponents())
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.CreateIndex(
                name: "IX_kernel_components_ProcessId_Module",
                table: "kernel_components",
                columns: new[] { "ProcessId", "Module" },
                unique: true);
        }
    }
}
