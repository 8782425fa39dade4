using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OfflineWorkshops : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "workshops_offline_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Baseline = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_offline_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_offline_links_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_offline_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "uuid", nullable: false),
                    BundleHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Conflicts = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_offline_imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_offline_imports_workshops_offline_links_LinkId",
                        column: x => x.LinkId,
                        principalTable: "workshops_offline_links",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_imports_LinkId",
                table: "workshops_offline_imports",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_imports_WorkshopId_BundleHash",
                table: "workshops_offline_imports",
                columns: new[] { "WorkshopId", "BundleHash" });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_links_WorkshopId",
                table: "workshops_offline_links",
                column: "WorkshopId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "workshops_offline_imports");

            migrationBuilder.DropTable(
                name: "workshops_offline_links");
        }
    }
}
