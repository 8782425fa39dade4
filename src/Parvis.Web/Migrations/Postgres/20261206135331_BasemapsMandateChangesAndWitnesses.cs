using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BasemapsMandateChangesAndWitnesses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WitnessConfirmedAt",
                table: "kernel_mandates",
                type: "timestamp with time zone",
                nullable: true);

            // Oral consents recorded before witnesses confirmed them keep acting: they were valid when recorded.
            migrationBuilder.Sql("UPDATE kernel_mandates SET \"WitnessConfirmedAt\" = \"ConsentRecordedAt\" WHERE \"Consent\" = 'WitnessedOral'");

            // Every act journaled before this column was a first write.
            migrationBuilder.AddColumn<string>(
                name: "Change",
                table: "kernel_mandate_acts",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Added");

            migrationBuilder.CreateTable(
                name: "kernel_basemaps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Attribution = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    MinZoom = table.Column<int>(type: "integer", nullable: false),
                    MaxZoom = table.Column<int>(type: "integer", nullable: false),
                    West = table.Column<double>(type: "double precision", nullable: false),
                    South = table.Column<double>(type: "double precision", nullable: false),
                    East = table.Column<double>(type: "double precision", nullable: false),
                    North = table.Column<double>(type: "double precision", nullable: false),
                    TileCount = table.Column<int>(type: "integer", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_basemaps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_basemaps_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_basemap_tiles",
                columns: table => new
                {
                    BasemapId = table.Column<Guid>(type: "uuid", nullable: false),
                    Zoom = table.Column<int>(type: "integer", nullable: false),
                    X = table.Column<int>(type: "integer", nullable: false),
                    Y = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_basemap_tiles", x => new { x.BasemapId, x.Zoom, x.X, x.Y });
                    table.ForeignKey(
                        name: "FK_kernel_basemap_tiles_kernel_basemaps_BasemapId",
                        column: x => x.BasemapId,
                        principalTable: "kernel_basemaps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_basemaps_OrganisationId",
                table: "kernel_basemaps",
                column: "OrganisationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_basemap_tiles");

            migrationBuilder.DropTable(
                name: "kernel_basemaps");

            migrationBuilder.DropColumn(
                name: "WitnessConfirmedAt",
                table: "kernel_mandates");

            migrationBuilder.DropColumn(
                name: "Change",
                table: "kernel_mandate_acts");
        }
    }
}
