using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SynthesisThemes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ThemeId",
                table: "kernel_synthesis_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_items_ThemeId",
                table: "kernel_synthesis_items",
                column: "ThemeId");

            migrationBuilder.AddForeignKey(
                name: "FK_kernel_synthesis_items_kernel_themes_ThemeId",
                table: "kernel_synthesis_items",
                column: "ThemeId",
                principalTable: "kernel_themes",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_kernel_synthesis_items_kernel_themes_ThemeId",
                table: "kernel_synthesis_items");

            migrationBuilder.DropIndex(
                name: "IX_kernel_synthesis_items_ThemeId",
                table: "kernel_synthesis_items");

            migrationBuilder.DropColumn(
                name: "ThemeId",
                table: "kernel_synthesis_items");
        }
    }
}
