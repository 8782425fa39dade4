using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SynthesisItemLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kernel_synthesis_item_links",
                columns: table => new
                {
                    FromItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToItemId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_synthesis_item_links", x => new { x.FromItemId, x.ToItemId });
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_item_links_kernel_synthesis_items_FromItem~",
                        column: x => x.FromItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_item_links_kernel_synthesis_items_ToItemId",
                        column: x => x.ToItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_item_links_ToItemId",
                table: "kernel_synthesis_item_links",
                column: "ToItemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_synthesis_item_links");
        }
    }
}
