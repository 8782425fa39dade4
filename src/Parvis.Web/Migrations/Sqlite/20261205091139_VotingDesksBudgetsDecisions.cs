using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VotingDesksBudgetsDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_votes_register_VoteId_PersonId",
                table: "votes_register");

            migrationBuilder.AddColumn<Guid>(
                name: "BodyId",
                table: "votes_votes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Electorate",
                table: "votes_votes",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "FundedAt",
                table: "votes_votes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Lifelong",
                table: "votes_votes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Mediated",
                table: "votes_votes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MinimumAge",
                table: "votes_votes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Territory",
                table: "votes_votes",
                type: "TEXT",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "DeskId",
                table: "votes_register",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdentityKey",
                table: "votes_register",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "votes_register",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ProjectId",
                table: "votes_options",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "votes_bodies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_bodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_bodies_kernel_components_ComponentId",
                        column: x => x.ComponentId,
                        principalTable: "kernel_components",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_votes_bodies_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_budget_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_budget_areas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_budget_areas_kernel_components_ComponentId",
                        column: x => x.ComponentId,
                        principalTable: "kernel_components",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_votes_budget_areas_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_desks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    RegisterClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CountedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_desks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_desks_votes_votes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "votes_votes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_objections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_objections_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_votes_objections_votes_votes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "votes_votes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_body_members",
                columns: table => new
                {
                    BodyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_body_members", x => new { x.BodyId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_votes_body_members_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_votes_body_members_votes_bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "votes_bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes_projects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Review = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Cost = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_projects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_projects_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_votes_projects_votes_budget_areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "votes_budget_areas",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "votes_paper_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sheet = table.Column<int>(type: "INTEGER", nullable: false),
                    Pass = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Spoiled = table.Column<bool>(type: "INTEGER", nullable: false),
                    TypedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes_paper_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_votes_paper_entries_kernel_people_TypedBy",
                        column: x => x.TypedBy,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_votes_paper_entries_votes_desks_DeskId",
                        column: x => x.DeskId,
                        principalTable: "votes_desks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_votes_votes_BodyId",
                table: "votes_votes",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_DeskId",
                table: "votes_register",
                column: "DeskId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_IdentityKey_Round",
                table: "votes_register",
                columns: new[] { "VoteId", "IdentityKey", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_PersonId_Round",
                table: "votes_register",
                columns: new[] { "VoteId", "PersonId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_options_ProjectId",
                table: "votes_options",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_bodies_ComponentId_Name",
                table: "votes_bodies",
                columns: new[] { "ComponentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_bodies_ProcessId",
                table: "votes_bodies",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_body_members_PersonId",
                table: "votes_body_members",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_budget_areas_ComponentId_Name",
                table: "votes_budget_areas",
                columns: new[] { "ComponentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_budget_areas_ProcessId",
                table: "votes_budget_areas",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_desks_VoteId_Name",
                table: "votes_desks",
                columns: new[] { "VoteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_objections_PersonId",
                table: "votes_objections",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_objections_VoteId",
                table: "votes_objections",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_paper_entries_DeskId_Sheet_Pass",
                table: "votes_paper_entries",
                columns: new[] { "DeskId", "Sheet", "Pass" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_votes_paper_entries_TypedBy",
                table: "votes_paper_entries",
                column: "TypedBy");

            migrationBuilder.CreateIndex(
                name: "IX_votes_projects_AreaId_Review",
                table: "votes_projects",
                columns: new[] { "AreaId", "Review" });

            migrationBuilder.CreateIndex(
                name: "IX_votes_projects_ComponentId",
                table: "votes_projects",
                column: "ComponentId");

            migrationBuilder.AddForeignKey(
                name: "FK_votes_options_votes_projects_ProjectId",
                table: "votes_options",
                column: "ProjectId",
                principalTable: "votes_projects",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_votes_register_votes_desks_DeskId",
                table: "votes_register",
                column: "DeskId",
                principalTable: "votes_desks",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_votes_votes_votes_bodies_BodyId",
                table: "votes_votes",
                column: "BodyId",
                principalTable: "votes_bodies",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_votes_options_votes_projects_ProjectId",
                table: "votes_options");

            migrationBuilder.DropForeignKey(
                name: "FK_votes_register_votes_desks_DeskId",
                table: "votes_register");

            migrationBuilder.DropForeignKey(
                name: "FK_votes_votes_votes_bodies_BodyId",
                table: "votes_votes");

            migrationBuilder.DropTable(
                name: "votes_body_members");

            migrationBuilder.DropTable(
                name: "votes_objections");

            migrationBuilder.DropTable(
                name: "votes_paper_entries");

            migrationBuilder.DropTable(
                name: "votes_projects");

            migrationBuilder.DropTable(
                name: "votes_bodies");

            migrationBuilder.DropTable(
                name: "votes_desks");

            migrationBuilder.DropTable(
                name: "votes_budget_areas");

            migrationBuilder.DropIndex(
                name: "IX_votes_votes_BodyId",
                table: "votes_votes");

            migrationBuilder.DropIndex(
                name: "IX_votes_register_DeskId",
                table: "votes_register");

            migrationBuilder.DropIndex(
                name: "IX_votes_register_VoteId_IdentityKey_Round",
                table: "votes_register");

            migrationBuilder.DropIndex(
                name: "IX_votes_register_VoteId_PersonId_Round",
                table: "votes_register");

            migrationBuilder.DropIndex(
                name: "IX_votes_options_ProjectId",
                table: "votes_options");

            migrationBuilder.DropColumn(
                name: "BodyId",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "Electorate",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "FundedAt",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "Lifelong",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "Mediated",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "MinimumAge",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "Territory",
                table: "votes_votes");

            migrationBuilder.DropColumn(
                name: "DeskId",
                table: "votes_register");

            migrationBuilder.DropColumn(
                name: "IdentityKey",
                table: "votes_register");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "votes_register");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "votes_options");

            migrationBuilder.CreateIndex(
                name: "IX_votes_register_VoteId_PersonId",
                table: "votes_register",
                columns: new[] { "VoteId", "PersonId" },
                unique: true);
        }
    }
}
