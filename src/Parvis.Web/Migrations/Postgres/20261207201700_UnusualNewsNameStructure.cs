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
            // Row by row, so that one whose arguments are not JSON (edited by hand) is left as it is.
            migrationBuilder.Sql("""
                DO $$
                DECLARE news record;
                BEGIN
                    FOR news IN SELECT "Id" FROM kernel_notification_events WHERE "Kind" = 'mediation.unusual' LOOP
                        BEGIN
                            UPDATE kernel_notification_events SET "Arguments" = jsonb_set("Arguments"::jsonb, '{0,Value}', to_jsonb("ItemTitle"))::text WHERE "Id" = news."Id";
                        EXCEPTION WHEN invalid_text_representation THEN
                            NULL;
                        END;
                    END LOOP;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the pseudonyms are not kept anywhere to put back.
        }
    }
}
