using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BudgetCount",
                table: "votes_votes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Greedy");

            migrationBuilder.AddColumn<int>(
                name: "MaxProjects",
                table: "votes_votes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinProjects",
                table: "votes_votes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinSharePercent",
                table: "votes_votes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Cost",
                table: "votes_options",
                type: "bigint",
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
