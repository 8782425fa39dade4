using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddBudgetVotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Budget",
                table: "votes_votes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BudgetCount",
                table: "votes_votes",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Greedy");

            migrationBuilder.AddColumn<int>(
                name: "MaxProjects",
                table: "votes_votes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinProjects",
                table: "votes_votes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinSharePercent",
                table: "votes_votes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Cost",
                table: "votes_options",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Budget",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "BudgetCount",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "MaxProjects",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "MinProjects",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "MinSharePercent",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "Cost",
                table: "votes_options");
        }
    }
}
