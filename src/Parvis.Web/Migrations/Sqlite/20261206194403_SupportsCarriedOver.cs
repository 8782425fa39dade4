using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupportsCarriedOver : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CarriedFromId",
                table: "proposals_supports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_proposals_supports_CarriedFromId",
                table: "proposals_supports",
                column: "CarriedFromId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_proposals_supports_CarriedFromId",
                table: "proposals_supports");

            migrationBuilder.DropColumn(
                name: "CarriedFromId",
                table: "proposals_supports");
        }
    }
}
