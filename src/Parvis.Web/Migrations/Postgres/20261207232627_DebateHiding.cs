using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DebateHiding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HiddenAt",
                table: "debates_debates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HiddenReason",
                table: "debates_debates",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HiddenAt",
                table: "debates_debates");

            migrationBuilder.DropColumn(
                name: "HiddenReason",
                table: "debates_debates");
        }
    }
}
