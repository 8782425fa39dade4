using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddOpenData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "meetings_sites",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "meetings_sites",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DataLicence",
                table: "kernel_organisations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "etalab-2.0");

            migrationBuilder.AddColumn<byte[]>(
                name: "OpenDataKey",
                table: "kernel_organisations",
                type: "bytea",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "meetings_sites");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "meetings_sites");

            migrationBuilder.DropColumn(
                name: "DataLicence",
                table: "kernel_organisations");

            migrationBuilder.DropColumn(
                name: "OpenDataKey",
                table: "kernel_organisations");
        }
    }
}
