using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoredTextAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Stored addresses of texts' amendments and arguments name them in the query: see StoredAddressesData.
            foreach (var statement in StoredAddressesData.Up(StoredAddressesData.TextsAmendmentsAndArguments))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the addresses as rewritten open the same item on the code before this migration.
        }
    }
}
