using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StoredAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Stored addresses of comments and arguments name them in the query: see StoredAddressesData.
            foreach (var statement in StoredAddressesData.Up(StoredAddressesData.CommentsAndArguments))
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
