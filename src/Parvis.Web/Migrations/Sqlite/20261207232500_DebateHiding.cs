using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DebateHiding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HiddenAt",
                table: "debates_debates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HiddenReason",
                table: "debates_debates",
                type: "TEXT",
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
