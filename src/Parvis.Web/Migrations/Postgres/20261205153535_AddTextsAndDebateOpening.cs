using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddTextsAndDebateOpening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OpensAt",
                table: "debates_debates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "kernel_voices",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Interests = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VerifiedById = table.Column<Guid>(type: "uuid", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Introduction = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    PlainSummary = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Draft = table.Column<string>(type: "text", nullable: false),
                    DraftSavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TextId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: true),
                    AmendmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Side = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TextId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Section = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Heading = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    LineageId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TextId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    LineageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Heading = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TextId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
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
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TextId = table.Column<Guid>(type: "uuid", nullable: false),
                    Opinion = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    VotedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TextId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: true),
                    AfterLineageId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Heading = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Wording = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OutcomeVersion = table.Column<int>(type: "integer", nullable: true)
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
                    ChangeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: false)
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
