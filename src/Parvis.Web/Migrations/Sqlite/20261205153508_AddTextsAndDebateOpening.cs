using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTextsAndDebateOpening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OpensAt",
                table: "debates_debates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "kernel_voices",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Interests = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VerifiedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_voices", x => new { x.PersonId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_kernel_voices_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_voices_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "texts_texts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Introduction = table.Column<string>(type: "TEXT", maxLength: 6000, nullable: false),
                    PlainSummary = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Draft = table.Column<string>(type: "TEXT", nullable: false),
                    DraftSavedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_texts_texts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_texts_texts_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "texts_arguments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmendmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Side = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_texts_arguments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_texts_arguments_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_texts_arguments_texts_texts_TextId",
                        column: x => x.TextId,
                        principalTable: "texts_texts",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "texts_articles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Heading = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    LineageId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_texts_articles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_texts_articles_texts_texts_TextId",
                        column: x => x.TextId,
                        principalTable: "texts_texts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "texts_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LineageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Heading = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_texts_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_texts_changes_texts_texts_TextId",
                        column: x => x.TextId,
                        principalTable: "texts_texts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "texts_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_texts_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_texts_versions_texts_texts_TextId",
                        column: x => x.TextId,
                        principalTable: "texts_texts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "texts_votes",
                columns: table => new
                {
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    VotedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_texts_votes", x => new { x.SubjectId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_texts_votes_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_texts_votes_texts_texts_TextId",
                        column: x => x.TextId,
                        principalTable: "texts_texts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "texts_amendments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TextId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AfterLineageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Heading = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Wording = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OutcomeVersion = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_texts_amendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_texts_amendments_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_texts_amendments_texts_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "texts_articles",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_texts_amendments_texts_texts_TextId",
                        column: x => x.TextId,
                        principalTable: "texts_texts",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "texts_change_links",
                columns: table => new
                {
                    ChangeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContributionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_texts_change_links", x => new { x.ChangeId, x.ContributionId });
                    table.ForeignKey(
                        name: "FK_texts_change_links_kernel_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_texts_change_links_texts_changes_ChangeId",
                        column: x => x.ChangeId,
                        principalTable: "texts_changes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_voices_OrganisationId",
                table: "kernel_voices",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_texts_amendments_ArticleId",
                table: "texts_amendments",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_texts_amendments_TextId_ArticleId",
                table: "texts_amendments",
                columns: new[] { "TextId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_texts_arguments_AmendmentId",
                table: "texts_arguments",
                column: "AmendmentId");

            migrationBuilder.CreateIndex(
                name: "IX_texts_arguments_TextId_ArticleId",
                table: "texts_arguments",
                columns: new[] { "TextId", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_texts_articles_LineageId",
                table: "texts_articles",
                column: "LineageId");

            migrationBuilder.CreateIndex(
                name: "IX_texts_articles_TextId_Version_Position",
                table: "texts_articles",
                columns: new[] { "TextId", "Version", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_texts_change_links_ContributionId",
                table: "texts_change_links",
                column: "ContributionId");

            migrationBuilder.CreateIndex(
                name: "IX_texts_changes_TextId_Version_Position",
                table: "texts_changes",
                columns: new[] { "TextId", "Version", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_texts_texts_ProcessId",
                table: "texts_texts",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_texts_versions_TextId_Number",
                table: "texts_versions",
                columns: new[] { "TextId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_texts_votes_PersonId",
                table: "texts_votes",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_texts_votes_TextId_SubjectId_Opinion",
                table: "texts_votes",
                columns: new[] { "TextId", "SubjectId", "Opinion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_voices");

            migrationBuilder.DropTable(
                name: "texts_amendments");

            migrationBuilder.DropTable(
                name: "texts_arguments");

            migrationBuilder.DropTable(
                name: "texts_change_links");

            migrationBuilder.DropTable(
                name: "texts_versions");

            migrationBuilder.DropTable(
                name: "texts_votes");

            migrationBuilder.DropTable(
                name: "texts_articles");

            migrationBuilder.DropTable(
                name: "texts_changes");

            migrationBuilder.DropTable(
                name: "texts_texts");

            migrationBuilder.DropColumn(
                name: "OpensAt",
                table: "debates_debates");
        }
    }
}
