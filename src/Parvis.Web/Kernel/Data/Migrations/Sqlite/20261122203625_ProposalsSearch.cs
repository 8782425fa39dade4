using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProposalsSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index of proposals: FTS5 with accent folding, kept in step by triggers.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE proposals_search USING fts5(
                    proposal_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER proposals_search_insert AFTER INSERT ON proposals_proposals BEGIN
                    INSERT INTO proposals_search (proposal_id, title, body) VALUES (NEW."Id", NEW."Title", NEW."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER proposals_search_update AFTER UPDATE OF "Title", "Body" ON proposals_proposals BEGIN
                    UPDATE proposals_search SET title = NEW."Title", body = NEW."Body" WHERE proposal_id = NEW."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER proposals_search_delete AFTER DELETE ON proposals_proposals BEGIN
                    DELETE FROM proposals_search WHERE proposal_id = OLD."Id";
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO proposals_search (proposal_id, title, body) SELECT "Id", "Title", "Body" FROM proposals_proposals;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER proposals_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER proposals_search_update;");
            migrationBuilder.Sql("DROP TRIGGER proposals_search_insert;");
            migrationBuilder.Sql("DROP TABLE proposals_search;");
        }
    }
}
