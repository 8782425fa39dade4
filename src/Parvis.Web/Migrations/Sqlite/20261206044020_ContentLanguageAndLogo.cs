using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContentLanguageAndLogo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LogoVersion",
                table: "kernel_organisations",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "kernel_contributions",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            // What was written before languages were recorded is taken to be in its organisation's language.
            migrationBuilder.Sql("""
                UPDATE kernel_contributions SET "Language" =
                    (SELECT o."DefaultCulture" FROM kernel_organisations o WHERE o."Id" = kernel_contributions."OrganisationId")
                """);

            migrationBuilder.CreateTable(
                name: "kernel_organisation_logos",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", maxLength: 204800, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_organisation_logos", x => x.OrganisationId);
                    table.ForeignKey(
                        name: "FK_kernel_organisation_logos_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_organisation_logos");

            migrationBuilder.DropColumn(
                name: "LogoVersion",
                table: "kernel_organisations");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "kernel_contributions");
        }
    }
}
