using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddContentLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "kernel_contributions");
        }
    }
}
