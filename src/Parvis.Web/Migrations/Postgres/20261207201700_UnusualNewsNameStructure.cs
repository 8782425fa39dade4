using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UnusualNewsNameStructure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // News of unusual activity named the mediator, and kept their pseudonym after their account was gone: it
            // names the structure now (the news' title), as news raised from now on do.
            migrationBuilder.Sql("""
                UPDATE kernel_notification_events SET "Arguments" = jsonb_set("Arguments"::jsonb, '{0,Value}', to_jsonb("ItemTitle"))::text WHERE "Kind" = 'mediation.unusual';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the pseudonyms are not kept anywhere to put back.
        }
    }
}
