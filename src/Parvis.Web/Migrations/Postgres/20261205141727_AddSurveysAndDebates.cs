using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddSurveysAndDebates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "debates_debates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Question = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Context = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    PlainSummary = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenedById = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Conclusion = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debates_debates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_debates_debates_kernel_people_OpenedById",
                        column: x => x.OpenedById,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_debates_debates_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "surveys_surveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Intro = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EasyIntro = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SmallestCell = table.Column<int>(type: "integer", nullable: false),
                    Questions = table.Column<string>(type: "text", nullable: false),
                    TokenKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    KeysGiven = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Responses = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys_surveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_surveys_surveys_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "debates_arguments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DebateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Side = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Text = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    Supports = table.Column<int>(type: "integer", nullable: false),
                    Invited = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debates_arguments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_debates_arguments_debates_debates_DebateId",
                        column: x => x.DebateId,
                        principalTable: "debates_debates",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_debates_arguments_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "debates_points",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DebateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReferredId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debates_points", x => x.Id);
                    table.ForeignKey(
                        name: "FK_debates_points_debates_debates_DebateId",
                        column: x => x.DebateId,
                        principalTable: "debates_debates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "surveys_codes_given",
                columns: table => new
                {
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys_codes_given", x => new { x.SurveyId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_surveys_codes_given_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_surveys_codes_given_surveys_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "surveys_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "surveys_codes_spent",
                columns: table => new
                {
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Digest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys_codes_spent", x => new { x.SurveyId, x.Digest });
                    table.ForeignKey(
                        name: "FK_surveys_codes_spent_surveys_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "surveys_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "surveys_copies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys_copies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_surveys_copies_surveys_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "surveys_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "surveys_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Answers = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_surveys_responses_surveys_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "surveys_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "debates_replies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DebateId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArgumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debates_replies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_debates_replies_debates_arguments_ArgumentId",
                        column: x => x.ArgumentId,
                        principalTable: "debates_arguments",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_debates_replies_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "debates_supports",
                columns: table => new
                {
                    ArgumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SupportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debates_supports", x => new { x.ArgumentId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_debates_supports_debates_arguments_ArgumentId",
                        column: x => x.ArgumentId,
                        principalTable: "debates_arguments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_debates_supports_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "debates_point_arguments",
                columns: table => new
                {
                    PointId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArgumentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debates_point_arguments", x => new { x.PointId, x.ArgumentId });
                    table.ForeignKey(
                        name: "FK_debates_point_arguments_debates_arguments_ArgumentId",
                        column: x => x.ArgumentId,
                        principalTable: "debates_arguments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_debates_point_arguments_debates_points_PointId",
                        column: x => x.PointId,
                        principalTable: "debates_points",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "surveys_respondents",
                columns: table => new
                {
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys_respondents", x => new { x.SurveyId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_surveys_respondents_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_surveys_respondents_surveys_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "surveys_responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_surveys_respondents_surveys_surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "surveys_surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "surveys_texts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    QuestionKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(5020)", maxLength: 5020, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_surveys_texts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_surveys_texts_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_surveys_texts_surveys_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "surveys_responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_debates_arguments_DebateId",
                table: "debates_arguments",
                column: "DebateId");

            migrationBuilder.CreateIndex(
                name: "IX_debates_debates_OpenedById",
                table: "debates_debates",
                column: "OpenedById");

            migrationBuilder.CreateIndex(
                name: "IX_debates_debates_ProcessId",
                table: "debates_debates",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_debates_point_arguments_ArgumentId",
                table: "debates_point_arguments",
                column: "ArgumentId");

            migrationBuilder.CreateIndex(
                name: "IX_debates_points_DebateId_Position",
                table: "debates_points",
                columns: new[] { "DebateId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_debates_replies_ArgumentId",
                table: "debates_replies",
                column: "ArgumentId");

            migrationBuilder.CreateIndex(
                name: "IX_debates_replies_DebateId",
                table: "debates_replies",
                column: "DebateId");

            migrationBuilder.CreateIndex(
                name: "IX_debates_supports_PersonId",
                table: "debates_supports",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_codes_given_PersonId",
                table: "surveys_codes_given",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_copies_SurveyId",
                table: "surveys_copies",
                column: "SurveyId");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_respondents_PersonId",
                table: "surveys_respondents",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_respondents_ResponseId",
                table: "surveys_respondents",
                column: "ResponseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_surveys_responses_SurveyId",
                table: "surveys_responses",
                column: "SurveyId");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_surveys_ProcessId",
                table: "surveys_surveys",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_surveys_texts_ResponseId_QuestionKey",
                table: "surveys_texts",
                columns: new[] { "ResponseId", "QuestionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_surveys_texts_SurveyId",
                table: "surveys_texts",
                column: "SurveyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "debates_point_arguments");

            migrationBuilder.DropTable(
                name: "debates_replies");

            migrationBuilder.DropTable(
                name: "debates_supports");

            migrationBuilder.DropTable(
                name: "surveys_codes_given");

            migrationBuilder.DropTable(
                name: "surveys_codes_spent");

            migrationBuilder.DropTable(
                name: "surveys_copies");

            migrationBuilder.DropTable(
                name: "surveys_respondents");

            migrationBuilder.DropTable(
                name: "surveys_texts");

            migrationBuilder.DropTable(
                name: "debates_points");

            migrationBuilder.DropTable(
                name: "debates_arguments");

            migrationBuilder.DropTable(
                name: "surveys_responses");

            migrationBuilder.DropTable(
                name: "debates_debates");

            migrationBuilder.DropTable(
                name: "surveys_surveys");
        }
    }
}
